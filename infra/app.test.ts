import type { CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { buildApp } from './app.js';

/** Config tests need no function code: skipping bundling keeps them fast. */
const noBundling = { 'aws:cdk:bundling-stacks': [] };

describe('buildApp', () => {
  it('names both stacks after the stage', () => {
    const { stateful, stateless } = buildApp({ ...noBundling, 'pulse:stage': 'qa' });
    expect([stateful.stackName, stateless.stackName]).toEqual(['Pulse-qa-Stateful', 'Pulse-qa-Stateless']);
  });

  it('defaults to the dev stage and a placeholder sender', () => {
    const { config } = buildApp(noBundling);
    expect(config).toMatchObject({
      stage: 'dev',
      senderAddress: 'surveys@example.com',
      logRetentionDays: 30,
    });
  });

  it('reads pulse:config given as a JSON string, as `cdk -c` passes it', () => {
    const { config } = buildApp({
      ...noBundling,
      'pulse:config': JSON.stringify({ stage: 'prod', senderAddress: 'nps@acme.example', minSample: 50 }),
    });
    expect(config).toMatchObject({ stage: 'prod', senderAddress: 'nps@acme.example', minSample: 50 });
  });

  it('fails synth naming a wrong setting', () => {
    expect(() => buildApp({ ...noBundling, 'pulse:config': { senderAddress: 'nope' } })).toThrow(
      /pulse:config\.senderAddress/,
    );
  });

  it('fails synth on a log retention CloudWatch Logs would refuse', () => {
    expect(() => buildApp({ ...noBundling, 'pulse:config': { logRetentionDays: 2 } })).toThrow(
      /pulse:config\.logRetentionDays/,
    );
  });

  it('fails synth on pulse:config that is not JSON', () => {
    expect(() => buildApp({ ...noBundling, 'pulse:config': '{stage:' })).toThrow(/pulse:config is not JSON/);
  });

  it('links invitations to the configured public URL instead of the API', () => {
    const { stateless } = buildApp({
      ...noBundling,
      'pulse:config': { publicUrl: 'https://feedback.acme.example' },
    });
    const fn = stateless.functions.get('send-email-invitation')?.function.node.defaultChild as CfnFunction;
    // Resolved from the construct: synthesizing the stack is not needed to read one variable.
    expect(stateless.resolve(fn.environment)).toMatchObject({
      variables: { PUBLIC_URL: 'https://feedback.acme.example' },
    });
  });

  it('refuses at synth a brand name that pushes an SMS text past one segment, naming the text', () => {
    expect(() =>
      buildApp({
        ...noBundling,
        'pulse:config': { messages: { brandName: 'Northwind Outfitters and Sons Limited' } },
      }),
    ).toThrow(
      /messages\.brandName: makes the zh-CN nps invitation SMS \d+ UCS-2 characters, and one segment holds 70/,
    );
  });

  it.each([['send-email-invitation'], ['send-sms-invitation']])(
    'hands %s its contact policy, message settings, send rates and its share of them',
    (name) => {
      const { stateless, config } = buildApp({
        ...noBundling,
        'pulse:config': {
          contactPolicy: { fatigueDays: 14 },
          sendRates: { emailPerSecond: 14 },
          messages: { brandName: 'Acme' },
        },
      });
      const fn = stateless.functions.get(name)?.function.node.defaultChild as CfnFunction;
      const variables = (stateless.resolve(fn.environment) as { variables: Record<string, string> })
        .variables;

      expect(JSON.parse(variables.CONTACT_POLICY ?? '')).toEqual(config.contactPolicy);
      expect(JSON.parse(variables.CONTACT_POLICY ?? '')).toMatchObject({
        fatigueDays: 14,
        quietHours: { start: '21:00', end: '08:00' },
      });
      expect(JSON.parse(variables.MESSAGE_SETTINGS ?? '')).toEqual({
        brandName: 'Acme',
        defaultLocale: 'en',
      });
      expect(JSON.parse(variables.SEND_RATES ?? '')).toEqual({ emailPerSecond: 14, smsPerSecond: 1 });
      expect(variables.SEND_CONCURRENCY).toBe('2');
    },
  );

  it('hands evaluate-metric-alerts its rules, and refuses a rule on a score out of range, naming it', () => {
    const metricAlerts = [{ survey: 'csat', below: 80, team: 'billing', minSample: 20 }];
    const { stateless } = buildApp({ ...noBundling, 'pulse:config': { metricAlerts } });
    const fn = stateless.functions.get('evaluate-metric-alerts')?.function.node.defaultChild as CfnFunction;
    const variables = (stateless.resolve(fn.environment) as { variables: Record<string, string> }).variables;

    expect(JSON.parse(variables.METRIC_ALERT_RULES ?? '')).toEqual([
      { ...metricAlerts[0], metric: 'score', window: '30d' },
    ]);
    expect(variables.MIN_SAMPLE).toBe('30');
    expect(() =>
      buildApp({ ...noBundling, 'pulse:config': { metricAlerts: [{ survey: 'ces', below: 9 }] } }),
    ).toThrow(/pulse:config\.metricAlerts\.0\.below: must be above 1 and at most 7 for ces/);
  });

  it('sends no recovery survey unless asked, and exempts the one it sends from the fatigue rule', () => {
    const off = buildApp(noBundling).config;
    const on = buildApp({ ...noBundling, 'pulse:config': { recoverySurvey: {} } });
    const fn = on.stateless.functions.get('resolve-case')?.function.node.defaultChild as CfnFunction;
    const variables = (on.stateless.resolve(fn.environment) as { variables: Record<string, string> })
      .variables;
    const kept = buildApp({
      ...noBundling,
      'pulse:config': {
        recoverySurvey: { survey: 'nps' },
        contactPolicy: { touchpoints: { 'case-recovery': { fatigueDays: 7 } } },
      },
    }).config;

    expect(off.recoverySurvey).toBeNull();
    expect(off.contactPolicy.touchpoints).toEqual({});
    expect(JSON.parse(variables.RECOVERY_SURVEY ?? '')).toEqual({
      survey: 'csat',
      touchpoint: 'case-recovery',
      onReasons: ['called-back', 'issue-fixed'],
    });
    expect(JSON.parse(variables.CONTACT_POLICY ?? '').touchpoints).toEqual({
      'case-recovery': { fatigueDays: 0 },
    });
    expect(kept.contactPolicy.touchpoints).toEqual({ 'case-recovery': { fatigueDays: 7 } });
  });
});

describe('stage limits', () => {
  const routeSettingsOf = (stateless: ReturnType<typeof buildApp>['stateless']) =>
    stateless.resolve((stateless.httpStage.node.defaultChild as CfnStage).routeSettings) as Record<
      string,
      { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }
    >;
  const reservedOf = (stateless: ReturnType<typeof buildApp>['stateless'], name: string) =>
    (stateless.functions.get(name)?.function.node.defaultChild as CfnFunction | undefined)
      ?.reservedConcurrentExecutions;

  it("changes a route's limit from the stage, keeping what it leaves out, and its function's reserved concurrency with it", () => {
    const { stateless } = buildApp({
      ...noBundling,
      'pulse:config': { throttling: { routes: { 'GET /s/{token}': { rateLimit: 400 } } } },
    });

    expect(routeSettingsOf(stateless)['GET /s/{token}']).toEqual({
      ThrottlingRateLimit: 400,
      ThrottlingBurstLimit: 200,
    });
    expect(routeSettingsOf(stateless)['POST /s/{token}']).toEqual({
      ThrottlingRateLimit: 50,
      ThrottlingBurstLimit: 100,
    });
    expect(reservedOf(stateless, 'show-survey')).toBe(100);
  });

  it('refuses at synth a limit on a route the API does not have, or past what API Gateway allows, naming it', () => {
    expect(() =>
      buildApp({
        ...noBundling,
        'pulse:config': { throttling: { routes: { 'GET /surveys/{token}': { rateLimit: 10 } } } },
      }),
    ).toThrow(/pulse:config\.throttling\.routes\.GET \/surveys\/\{token\}: is not a route/);
    expect(() =>
      buildApp({
        ...noBundling,
        'pulse:config': { throttling: { routes: { 'GET /s/{token}': { burstLimit: 6000 } } } },
      }),
    ).toThrow(/pulse:config\.throttling\.routes\.GET \/s\/\{token\}\.burstLimit/);
  });

  it('reserves no concurrency when the stage says its account has none to set aside', () => {
    const { stateless } = buildApp({
      ...noBundling,
      'pulse:config': { throttling: { reservedConcurrency: false } },
    });

    for (const name of stateless.functions.keys()) expect(reservedOf(stateless, name)).toBeUndefined();
    expect(routeSettingsOf(stateless)['GET /s/{token}']).toBeDefined();
  });
});

describe('the cdk-nag rule packs', () => {
  it('are both registered: synth fails on one finding of each pack, and the stacks themselves have none', () => {
    // In memory, the error that stops synth carries the validation report itself.
    const { app, stateless } = buildApp({ ...noBundling, '@aws-cdk/core:appMode': 'inmemory' });
    // A queue with no dead-letter queue and no TLS-only policy breaks a rule of each pack.
    new CfnQueue(stateless, 'NonCompliantQueue');

    let report = 'synthesized without a finding';
    try {
      app.synth();
    } catch (error) {
      report = (error as Error).message;
    }

    expect(report).toContain('AwsSolutions-SQS4');
    expect(report).toContain('Serverless-SQSRedrivePolicy');
    const flagged = [...report.matchAll(/^\s+(Pulse-\S+)/gm)].map((match) => match[1]);
    expect(new Set(flagged)).toEqual(new Set([`${stateless.stackName}/NonCompliantQueue`]));
  }, 120_000); // Synthesizing the whole app takes seconds, more on a busy machine.
});
