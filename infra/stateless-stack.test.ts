import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnApi } from 'aws-cdk-lib/aws-apigatewayv2';
import type { CfnUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRoot, type Root } from '../lib/compose.js';
import { systemClock } from '../lib/platform/clock.js';
import { BUSINESS_METRICS } from '../lib/platform/metrics.js';
import { partitionPattern } from '../lib/platform/table-design.js';
import { settingsFrom } from '../lib/settings/setting.js';
import { FUNCTION_SETTING_NAMES } from '../lib/settings/stage.js';
import { buildApp, type PulseApp } from './app.js';
import {
  FUNCTIONS,
  type FunctionSpec,
  isOpenRoute,
  routeScopesOf,
  type TableAccess,
  type Trigger,
  tableGrantsOf,
  type WorkQueue,
} from './wiring.js';

type Resource = { Type: string; Properties: Record<string, unknown> };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

/** Bundling every function for real is what makes this file slow, so it happens once. */
let pulse: PulseApp;
let template: Template;

beforeAll(() => {
  pulse = buildApp();
  template = Template.fromStack(pulse.stateless);
  // Sixteen esbuild runs, on two cores shared with the rest of the suite.
}, 300_000);

const pulseFunction = (name: string) => {
  const fn = pulse.stateless.functions.get(name);
  if (!fn) throw new Error(`no function ${name}`);
  return fn;
};

const functionId = (name: string) =>
  pulse.stateless.getLogicalId(pulseFunction(name).function.node.defaultChild as CfnFunction);

const functionProperties = (name: string) =>
  template.findResources('AWS::Lambda::Function')[functionId(name)]?.Properties as Record<string, unknown>;

/** Every statement that allows something, of any policy attached to the function's role. */
const allowedStatements = (name: string): Statement[] => {
  const roleId = pulse.stateless.getLogicalId(pulseFunction(name).role.node.defaultChild as CfnRole);
  return Object.values(template.findResources('AWS::IAM::Policy') as Record<string, Resource>)
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`))
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
    .filter((statement) => statement.Effect === 'Allow');
};

/** Every action any policy attached to the function's role allows. */
const allowedActions = (name: string): string[] =>
  allowedStatements(name).flatMap((statement) => [statement.Action].flat());

/** What a stream's event source mapping needs to read it, granted on the stream alone. */
const STREAM_READ = [
  'dynamodb:DescribeStream',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
  'dynamodb:ListStreams',
];

/** The table's ARN as the stateless stack imports it from the stateful one. */
const TABLE_ARN = { 'Fn::ImportValue': expect.stringMatching(/:ExportsOutputFnGetAttTable[0-9A-F]+Arn/) };

const deniedStatements = (name: string): Statement[] => {
  const roleId = pulse.stateless.getLogicalId(pulseFunction(name).role.node.defaultChild as CfnRole);
  return Object.values(template.findResources('AWS::IAM::Policy') as Record<string, Resource>)
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`))
    .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
    .filter((statement) => statement.Effect === 'Deny');
};

const mappingsOf = (name: string) =>
  Object.values(template.findResources('AWS::Lambda::EventSourceMapping') as Record<string, Resource>)
    .map((mapping) => mapping.Properties)
    .filter(
      (properties) => JSON.stringify(properties.FunctionName) === JSON.stringify({ Ref: functionId(name) }),
    );

/**
 * The variables a function reads: its module's `dependencies` built from a root whose settings record
 * each name asked for (building reads every setting its adapters need; it calls nothing).
 */
const variablesReadBy = async (name: string): Promise<string[]> => {
  const module = (await import(`../functions/${name}.ts`)) as { dependencies: (root: Root) => unknown };
  const read = new Set<string>();
  const samples = settingsFrom({
    ...Object.fromEntries(FUNCTION_SETTING_NAMES.map((setting) => [setting, pulse.config[setting]])),
    tableName: 'pulse',
    emailQueueUrl: 'https://sqs.us-east-1.amazonaws.com/000000000000/email-invitations',
    smsQueueUrl: 'https://sqs.us-east-1.amazonaws.com/000000000000/sms-invitations',
    analysisQueueUrl: 'https://sqs.us-east-1.amazonaws.com/000000000000/comment-analysis',
    alertsTopicArn: 'arn:aws:sns:us-east-1:000000000000:alerts',
    eventBusName: 'pulse-dev-events',
    senderAddress: 'surveys@example.com',
    configurationSetName: 'pulse',
    signingKeySecretArn: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:signing',
    apiTokenSecretArn: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:token',
    leadsUserPoolId: 'us-east-1_abcdef',
    leadsClientId: 'client',
    leadsLoginUrl: 'https://pulse-dev-1a2b3c4d.auth.us-east-1.amazoncognito.com',
    consoleClientId: 'console',
    publicUrl: 'https://surveys.example.com',
    sendConcurrency: 2,
    routeScopes: routeScopesOf(FUNCTIONS),
  });
  module.dependencies(
    createRoot({
      clock: systemClock,
      settings: {
        get(setting) {
          read.add(setting.variable);
          return samples.get(setting);
        },
      },
    }),
  );
  return [...read];
};

const specsWith = <K extends Trigger['kind']>(kind: K) =>
  FUNCTIONS.filter(
    (spec): spec is FunctionSpec & { trigger: Extract<Trigger, { kind: K }> } => spec.trigger.kind === kind,
  );

describe('StatelessStack', () => {
  describe('functions', () => {
    it('creates one function per entry of FUNCTIONS', () => {
      template.resourceCountIs('AWS::Lambda::Function', FUNCTIONS.length);
    });

    it.each(FUNCTIONS.map((spec) => [spec.name]))('runs %s on Node.js 24 on ARM64 with tracing', (name) => {
      expect(functionProperties(name)).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
      });
    });

    it.each(FUNCTIONS.map((spec) => [spec.name, spec]))('gives %s its memory and timeout', (_name, spec) => {
      expect(functionProperties(spec.name)).toMatchObject({
        MemorySize: spec.memoryMb ?? 256,
        Timeout: spec.timeoutSeconds ?? 10,
      });
    });

    it('gives every function a log group of its own with the configured retention', () => {
      const logGroups = FUNCTIONS.map(
        (spec) => (functionProperties(spec.name).LoggingConfig as { LogGroup: unknown }).LogGroup,
      );
      expect(new Set(logGroups.map((ref) => JSON.stringify(ref))).size).toBe(FUNCTIONS.length);
      const groups = template.findResources('AWS::Logs::LogGroup');
      for (const ref of logGroups) {
        const id = (ref as { Ref: string }).Ref;
        expect(groups[id]?.Properties).toMatchObject({ RetentionInDays: pulse.config.logRetentionDays });
      }
    });

    it.each(FUNCTIONS.map((spec) => [spec.name]))('sets exactly the variables %s reads', async (name) => {
      const variables = (functionProperties(name).Environment as { Variables: Record<string, unknown> })
        .Variables;
      const read = await variablesReadBy(name);
      expect(read.length).toBeGreaterThan(0);
      expect(Object.keys(variables).sort()).toEqual(
        [...read, 'NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME'].sort(),
      );
      expect(variables.NODE_OPTIONS).toBe('--enable-source-maps');
    });

    it('hands secrets over as their ARN, never their value', () => {
      expect(functionProperties('send-email-invitation')).toMatchObject({
        Environment: {
          Variables: {
            SIGNING_KEY_SECRET_ARN: {
              'Fn::ImportValue': expect.stringMatching(/:ExportsOutputRefLinkSigningKey/),
            },
          },
        },
      });
      expect(functionProperties('authorize-integrator')).toMatchObject({
        Environment: {
          Variables: {
            API_TOKEN_SECRET_ARN: {
              'Fn::ImportValue': expect.stringMatching(/:ExportsOutputRefIntegratorApiToken/),
            },
          },
        },
      });
    });

    it('links invitations to the HTTP API when no public URL is configured', () => {
      const apiId = pulse.stateless.getLogicalId(pulse.stateless.httpApi.node.defaultChild as never);
      expect(functionProperties('send-email-invitation')).toMatchObject({
        Environment: { Variables: { PUBLIC_URL: { 'Fn::GetAtt': [apiId, 'ApiEndpoint'] } } },
      });
    });

    it('hands the thresholds over as JSON and numbers as strings', () => {
      expect(functionProperties('react-to-answers')).toMatchObject({
        Environment: { Variables: { UNHAPPY_AT_OR_BELOW: JSON.stringify(pulse.config.unhappyAtOrBelow) } },
      });
      expect(functionProperties('get-metrics')).toMatchObject({
        Environment: { Variables: { MIN_SAMPLE: String(pulse.config.minSample) } },
      });
    });
  });

  describe('least privilege', () => {
    it('keeps get-metrics from writing to the table', () => {
      const actions = allowedActions('get-metrics');
      expect(actions).toContain('dynamodb:Query');
      for (const write of [
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:BatchWriteItem',
      ]) {
        expect(actions).not.toContain(write);
      }
    });

    it('keeps show-survey from publishing to SNS', () => {
      expect(allowedActions('show-survey')).not.toContain('sns:Publish');
    });

    describe('on the table', () => {
      it.each(FUNCTIONS.map((spec) => [spec.name, spec]))(
        'lets %s take the actions on items its wiring declares, and no other',
        (_n, spec) => {
          const onItems = allowedActions(spec.name).filter(
            (action) => action.startsWith('dynamodb:') && !STREAM_READ.includes(action),
          );
          const declared = spec.uses.table
            ? tableGrantsOf(spec.uses.table).flatMap((grant) => grant.actions)
            : [];
          expect(onItems.sort()).toEqual(declared.map((a) => `dynamodb:${a}`).sort());
        },
      );

      it.each(FUNCTIONS.filter((spec) => spec.uses.table).map((spec) => [spec.name, spec]))(
        'holds %s to the partitions its wiring declares',
        (_n, spec) => {
          const onTable = allowedStatements(spec.name).filter((statement) =>
            [statement.Action]
              .flat()
              .some((action) => action.startsWith('dynamodb:') && !STREAM_READ.includes(action)),
          );
          expect(onTable).toEqual(
            tableGrantsOf(spec.uses.table as TableAccess).map((grant) => ({
              Effect: 'Allow',
              Action:
                grant.actions.length === 1
                  ? `dynamodb:${grant.actions[0]}`
                  : grant.actions.map((action) => `dynamodb:${action}`),
              Resource: TABLE_ARN,
              Condition: {
                'ForAllValues:StringLike': {
                  'dynamodb:LeadingKeys': grant.partitions.map(partitionPattern),
                },
              },
            })),
          );
        },
      );

      it('lets no function scan the table or take a wildcard of actions, and only the reactor and the erasure write in batches', () => {
        const actions = FUNCTIONS.flatMap((spec) => allowedActions(spec.name)).filter((action) =>
          action.startsWith('dynamodb:'),
        );
        const batchWriters = FUNCTIONS.filter((spec) =>
          allowedActions(spec.name).includes('dynamodb:BatchWriteItem'),
        );
        expect(actions).not.toContain('dynamodb:Scan');
        expect(actions.filter((action) => action.includes('*'))).toEqual([]);
        expect(batchWriters.map((spec) => spec.name).sort()).toEqual(['erase-person', 'react-to-answers']);
      });

      it('lets only the functions that give back a claim, a mark, an opt-out or a due update, move a reopened case in the listing, end a session, take a sign-in or erase a person, delete items', () => {
        const deleting = FUNCTIONS.filter((spec) =>
          allowedActions(spec.name).includes('dynamodb:DeleteItem'),
        );
        expect(deleting.map((spec) => spec.name).sort()).toEqual([
          'act-in-console',
          'erase-person',
          'escalate-cases',
          'evaluate-metric-alerts',
          'react-to-answers',
          'record-answer',
          'record-sms-reply',
          'reopen-case',
          'send-email-invitation',
          'send-sms-invitation',
          'show-console-page',
        ]);
      });

      it('lets the console’s pages write only sessions and sign-ins, and delete only sign-ins', () => {
        const writes = (name: string) =>
          allowedStatements(name).filter((statement) =>
            [statement.Action]
              .flat()
              .some((action) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(action)),
          );

        expect(writes('show-console')).toEqual([]);
        expect(writes('show-console-page').map(({ Action, Condition }) => ({ Action, Condition }))).toEqual([
          {
            Action: 'dynamodb:PutItem',
            Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['LOGIN#*', 'SESSION#*'] } },
          },
          {
            Action: 'dynamodb:DeleteItem',
            Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['LOGIN#*'] } },
          },
        ]);
      });

      it.each(specsWith('stream').map((spec) => [spec.name]))(
        'lets %s read the stream, on the stream only',
        (name) => {
          const streamStatements = allowedStatements(name).filter((statement) =>
            [statement.Action].flat().some((action) => STREAM_READ.includes(action)),
          );
          expect(streamStatements.flatMap((statement) => [statement.Action].flat()).sort()).toEqual(
            STREAM_READ,
          );
          for (const statement of streamStatements) {
            expect(JSON.stringify(statement.Resource)).toMatch(/StreamArn|^"\*"$/);
          }
        },
      );
    });

    it.each(FUNCTIONS.map((spec) => [spec.name, spec]))(
      'lets %s publish through SNS only if it uses the alerts topic or sends SMS',
      (_n, spec) => {
        expect(allowedActions(spec.name).includes('sns:Publish')).toBe(
          spec.uses.alertsTopic === true || spec.uses.sms === true,
        );
      },
    );

    it.each(FUNCTIONS.map((spec) => [spec.name, spec]))(
      "lets %s put events only if it uses the bus, and then on the stage's events bus alone",
      (_n, spec) => {
        const puts = allowedStatements(spec.name).filter((statement) =>
          [statement.Action].flat().includes('events:PutEvents'),
        );
        expect(puts.length > 0).toBe(spec.uses.eventBus === true);
        for (const statement of puts) {
          expect(statement.Resource).toEqual({
            'Fn::ImportValue': expect.stringMatching(/:ExportsOutputFnGetAttPulseEventBus[0-9A-F]+Arn/),
          });
        }
      },
    );

    it('hands the reactor the name of the bus it puts events on', () => {
      expect(functionProperties('react-to-answers')).toMatchObject({
        Environment: {
          Variables: {
            EVENT_BUS_NAME: {
              'Fn::ImportValue': expect.stringMatching(/:ExportsOutputRefPulseEventBus[0-9A-F]+/),
            },
          },
        },
      });
    });

    it.each(FUNCTIONS.filter((spec) => spec.uses.sms).map((spec) => [spec.name]))(
      'keeps %s, which texts phone numbers, off every SNS topic',
      (name) => {
        expect(deniedStatements(name)).toEqual([
          expect.objectContaining({
            Action: 'sns:Publish',
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:*:*:*']] },
          }),
        ]);
      },
    );

    it.each([['escalate-cases'], ['evaluate-metric-alerts']])(
      'runs %s every 5 minutes from a schedule with a dead-letter queue',
      (name) => {
        template.hasResourceProperties('AWS::Events::Rule', {
          ScheduleExpression: 'rate(5 minutes)',
          Targets: [
            Match.objectLike({
              Arn: { 'Fn::GetAtt': [functionId(name), 'Arn'] },
              DeadLetterConfig: { Arn: Match.anyValue() },
              RetryPolicy: { MaximumRetryAttempts: 2 },
            }),
          ],
        });
      },
    );

    it('subscribes the feedback and inbound SMS readers to their topics, each with a dead-letter queue', () => {
      const subscriptions = Object.values(
        template.findResources('AWS::SNS::Subscription') as Record<string, Resource>,
      );
      const lambdaSubscriptions = subscriptions.filter((sub) => sub.Properties.Protocol === 'lambda');
      expect(lambdaSubscriptions).toHaveLength(2);
      for (const subscription of lambdaSubscriptions) {
        expect(subscription.Properties.RedrivePolicy).toEqual({ deadLetterTargetArn: expect.anything() });
      }
    });

    it('lets only send-email-invitation send email', () => {
      const senders = FUNCTIONS.filter((spec) => allowedActions(spec.name).includes('ses:SendEmail'));
      expect(senders.map((spec) => spec.name)).toEqual(['send-email-invitation']);
    });

    it('lets only send-sms-invitation and record-sms-reply text phone numbers', () => {
      const texters = FUNCTIONS.filter((spec) => deniedStatements(spec.name).length > 0);
      expect(texters.map((spec) => spec.name).sort()).toEqual(['record-sms-reply', 'send-sms-invitation']);
      expect(allowedActions('send-email-invitation')).not.toContain('sns:Publish');
      expect(allowedActions('send-sms-invitation')).not.toContain('ses:SendEmail');
    });

    it.each(FUNCTIONS.map((spec) => [spec.name, spec]))(
      'lets %s send to the send queues only if it queues invitations, and then to both',
      (name, spec) => {
        const roleId = pulse.stateless.getLogicalId(pulseFunction(name).role.node.defaultChild as CfnRole);
        const sendsTo = JSON.stringify(
          Object.values(template.findResources('AWS::IAM::Policy') as Record<string, Resource>)
            .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`))
            .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
            .filter((statement) => [statement.Action].flat().includes('sqs:SendMessage'))
            .map((statement) => statement.Resource),
        );
        for (const queue of Object.values(pulse.stateless.invitationQueues)) {
          const id = pulse.stateless.getLogicalId(queue.queue.node.defaultChild as never);
          expect(sendsTo.includes(`"${id}"`)).toBe(spec.uses.invitationQueues === true);
        }
      },
    );

    it('lets send-email-invitation send from the sender address only, through the configuration set', () => {
      const { senderAddress } = pulse.config;
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Action: 'ses:SendEmail',
              Condition: { StringEquals: { 'ses:FromAddress': senderAddress } },
              Resource: [
                { 'Fn::Join': ['', Match.arrayWith([`:identity/${senderAddress}`])] },
                { 'Fn::Join': ['', Match.arrayWith([`:identity/${senderAddress.split('@')[1]}`])] },
                { 'Fn::Join': ['', Match.arrayWith([':configuration-set/'])] },
              ],
            }),
          ]),
        },
      });
    });

    it('grants no wildcard action', () => {
      for (const spec of FUNCTIONS) {
        expect(allowedActions(spec.name).filter((action) => action.includes('*'))).toEqual([]);
      }
    });
  });

  describe('HTTP API', () => {
    /** The authorizer that runs `name`, by its logical id. */
    const authorizerId = (name: string) => {
      const authorizers = Object.entries(template.findResources('AWS::ApiGatewayV2::Authorizer'));
      expect(authorizers).toHaveLength(2);
      const found = authorizers.find(([, authorizer]) =>
        JSON.stringify(authorizer.Properties.AuthorizerUri).includes(functionId(name)),
      );
      return found?.[0] as string;
    };

    it.each([['authorize-integrator'], ['authorize-lead']])(
      'checks bearer tokens with %s, simple responses, cached 5 minutes',
      (name) => {
        template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
          AuthorizerType: 'REQUEST',
          EnableSimpleResponses: true,
          AuthorizerPayloadFormatVersion: '2.0',
          // Cached per token and route: a credential let through on one route is not on another.
          IdentitySource: ['$request.header.Authorization', '$context.routeKey'],
          AuthorizerResultTtlInSeconds: 300,
          AuthorizerUri: {
            'Fn::Join': ['', Match.arrayWith([{ 'Fn::GetAtt': [functionId(name), 'Arn'] }])],
          },
        });
      },
    );

    it.each([
      ['POST /interactions', 'authorize-integrator'],
      ['GET /invitations/{interactionId}', 'authorize-integrator'],
      ['POST /interactions/{interactionId}/reopen', 'authorize-integrator'],
      ['GET /metrics', 'authorize-lead'],
      ['GET /metrics/trend', 'authorize-lead'],
      ['GET /responses', 'authorize-lead'],
      ['GET /cases', 'authorize-lead'],
      ['GET /cases/stats', 'authorize-lead'],
      ['GET /cases/{caseId}', 'authorize-lead'],
      ['POST /cases/{caseId}/acknowledge', 'authorize-lead'],
      ['POST /cases/{caseId}/resolve', 'authorize-lead'],
      ['POST /invitations/{interactionId}/release', 'authorize-lead'],
    ])('guards %s with %s', (routeKey, name) => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: routeKey,
        AuthorizationType: 'CUSTOM',
        AuthorizerId: { Ref: authorizerId(name) },
      });
    });

    it.each([['authorize-integrator'], ['authorize-lead']])(
      "hands %s every guarded route's scope, from the wiring",
      (name) => {
        const { Environment } = functionProperties(name) as {
          Environment: { Variables: Record<string, unknown> };
        };
        const scopes = JSON.parse(Environment.Variables.ROUTE_SCOPES as string);

        expect(scopes).toEqual(routeScopesOf(FUNCTIONS));
        expect(scopes['POST /interactions']).toBe('interactions:send');
      },
    );

    it("hands authorize-lead the leads' user pool and app client", () => {
      const { Environment } = functionProperties('authorize-lead') as {
        Environment: { Variables: Record<string, unknown> };
      };
      const variables = Environment.Variables;
      expect(Object.keys(variables)).toEqual(
        expect.arrayContaining(['LEADS_USER_POOL_ID', 'LEADS_CLIENT_ID', 'API_TOKEN_SECRET_ARN']),
      );
    });

    describe('the console’s sign-in', () => {
      const clientId = () =>
        pulse.stateless.getLogicalId(
          pulse.stateless.consoleLogin.client.node.defaultChild as CfnUserPoolClient,
        );
      const consoleUrl = (path: string) =>
        pulse.stateless.resolve(`${pulse.stateless.httpApi.apiEndpoint}${path}`);

      it('is an app client of the leads’ pool for the authorization code grant alone, public (no secret: PKCE), with openid and email', () => {
        template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
        template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
          UserPoolId: { 'Fn::ImportValue': Match.stringLikeRegexp(':ExportsOutputRefLeadSignInUserPool') },
          GenerateSecret: false,
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ['code'],
          AllowedOAuthScopes: ['openid', 'email'],
          SupportedIdentityProviders: ['COGNITO'],
          ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
          IdTokenValidity: 15,
          PreventUserExistenceErrors: 'ENABLED',
          EnableTokenRevocation: true,
        });
      });

      it('sends leads back to the console’s callback, and after signing out to its sign-in, on the API’s URL', () => {
        template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
          CallbackURLs: [consoleUrl('/console/callback')],
          LogoutURLs: [consoleUrl('/console/sign-in')],
          DefaultRedirectURI: Match.absent(),
        });
        expect(JSON.stringify(consoleUrl('/console/callback'))).toContain(
          pulse.stateless.getLogicalId(pulse.stateless.httpApi.node.defaultChild as CfnApi),
        );
      });

      it('sends leads back under the stage’s publicUrl when it has one', () => {
        const withDomain = buildApp({
          'aws:cdk:bundling-stacks': [],
          'pulse:config': { publicUrl: 'https://pulse.acme.example/' },
        });

        Template.fromStack(withDomain.stateless).hasResourceProperties('AWS::Cognito::UserPoolClient', {
          CallbackURLs: ['https://pulse.acme.example/console/callback'],
          LogoutURLs: ['https://pulse.acme.example/console/sign-in'],
        });
      });

      it('gives the client Cognito’s style of the managed login, which the newer managed login needs', () => {
        template.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
          ClientId: { Ref: clientId() },
          UseCognitoProvidedValues: true,
        });
      });

      it.each([['show-console'], ['show-console-page']])(
        'hands %s the pool, its managed login’s URL and the console’s client',
        (name) => {
          expect(functionProperties(name)).toMatchObject({
            Environment: {
              Variables: {
                CONSOLE_SIGN_IN: 'cognito',
                LEADS_USER_POOL_ID: {
                  'Fn::ImportValue': expect.stringMatching(/:ExportsOutputRefLeadSignInUserPool/),
                },
                LEADS_LOGIN_URL: {
                  'Fn::Join': ['', expect.arrayContaining(['https://', '.amazoncognito.com'])],
                },
                CONSOLE_CLIENT_ID: { Ref: clientId() },
              },
            },
          });
        },
      );

      it('hands act-in-console where to sign out only: no pool, since it signs no one in', () => {
        const variables = (
          functionProperties('act-in-console').Environment as { Variables: Record<string, unknown> }
        ).Variables;
        expect(variables).toMatchObject({
          CONSOLE_SIGN_IN: 'cognito',
          LEADS_LOGIN_URL: { 'Fn::Join': ['', expect.arrayContaining(['https://', '.amazoncognito.com'])] },
          CONSOLE_CLIENT_ID: { Ref: clientId() },
        });
        expect(variables.LEADS_USER_POOL_ID).toBeUndefined();
      });
    });

    it.each(['GET /s/{token}', 'POST /s/{token}'])('leaves %s open to customers', (routeKey) => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: routeKey,
        AuthorizationType: 'NONE',
        AuthorizerId: Match.absent(),
      });
    });

    it('has a route for every HTTP function', () => {
      const routeKeys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
        (route) => route.Properties.RouteKey,
      );
      expect(routeKeys.sort()).toEqual(
        specsWith('http')
          .map(({ trigger }) => `${trigger.method} ${trigger.path}`)
          .sort(),
      );
    });

    it('logs access as JSON without the request path and throttles the default stage', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: {
          ThrottlingBurstLimit: Match.anyValue(),
          ThrottlingRateLimit: Match.anyValue(),
        },
        AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('routeKey') },
      });
      const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0];
      const format = stage?.Properties.AccessLogSettings.Format as string;
      expect(JSON.parse(format)).toBeTypeOf('object');
      expect(format).not.toContain('$context.path');
    });
  });

  describe('limits', () => {
    const stage = () => Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0];

    it('limits each route on the stage as its wiring says, so that a flood of one route leaves the others', () => {
      expect(stage()?.Properties.RouteSettings).toEqual(
        Object.fromEntries(
          specsWith('http').map(({ trigger }) => [
            `${trigger.method} ${trigger.path}`,
            {
              ThrottlingRateLimit: trigger.throttle.rateLimit,
              ThrottlingBurstLimit: trigger.throttle.burstLimit,
            },
          ]),
        ),
      );
    });

    it('sizes the survey page above the lead routes, and the integrator bulk route above its lookups', () => {
      const settings = stage()?.Properties.RouteSettings as Record<string, { ThrottlingRateLimit: number }>;
      const rate = (route: string) => settings[route]?.ThrottlingRateLimit ?? 0;

      expect(rate('GET /s/{token}')).toBeGreaterThan(rate('POST /s/{token}'));
      expect(rate('POST /s/{token}')).toBeGreaterThan(rate('GET /cases'));
      expect(rate('POST /interactions')).toBeGreaterThan(rate('GET /invitations/{interactionId}'));
    });

    it('creates the stage after every route it names', () => {
      const routes = Object.keys(template.findResources('AWS::ApiGatewayV2::Route'));

      expect(routes).toHaveLength(specsWith('http').length);
      expect(stage()?.DependsOn).toEqual(expect.arrayContaining(routes));
    });

    it.each([
      ['show-survey', 25],
      ['record-answer', 13],
      ['show-unsubscribe', 5],
      ['unsubscribe', 5],
      ['authorize-integrator', 36],
      ['authorize-lead', 38],
      // Anyone can text the number: a quarter second of the 40 texts a second it is sized for.
      ['record-sms-reply', 10],
    ])('reserves for %s, and caps it at, a quarter second of its routes’ rate: %i', (name, reserved) => {
      expect(functionProperties(name).ReservedConcurrentExecutions).toBe(reserved);
    });

    it('reserves nothing for the functions only AWS services or the token holders reach', () => {
      const reserved = FUNCTIONS.filter(
        (spec) => functionProperties(spec.name).ReservedConcurrentExecutions !== undefined,
      ).map((spec) => spec.name);

      expect(reserved.sort()).toEqual(
        [
          ...specsWith('http-authorizer'),
          ...specsWith('http').filter((spec) => isOpenRoute(spec.trigger)),
          ...specsWith('topic').filter((spec) => spec.trigger.openRate !== undefined),
        ]
          .map((spec) => spec.name)
          .sort(),
      );
    });

    it('leaves at least 100 of a default account’s 1,000 unreserved, as Lambda requires', () => {
      const reserved = FUNCTIONS.map(
        (spec) => (functionProperties(spec.name).ReservedConcurrentExecutions as number | undefined) ?? 0,
      ).reduce((sum, n) => sum + n, 0);

      expect(reserved).toBeLessThanOrEqual(900);
    });

    it('puts no distribution in front of the API unless the stage has an edge', () => {
      template.resourceCountIs('AWS::CloudFront::Distribution', 0);
      expect(pulse.edge).toBeUndefined();
    });
  });

  describe('event bus', () => {
    it.each(specsWith('bus').map((spec) => [spec.name, spec]))(
      'routes its detail type to %s with a DLQ',
      (name, spec) => {
        template.hasResourceProperties('AWS::Events::Rule', {
          EventPattern: { 'detail-type': [spec.trigger.detailType] },
          Targets: [
            Match.objectLike({
              Arn: { 'Fn::GetAtt': [functionId(name), 'Arn'] },
              DeadLetterConfig: { Arn: Match.anyValue() },
              RetryPolicy: Match.anyValue(),
            }),
          ],
        });
      },
    );

    it.each(specsWith('bus').map((spec) => [spec.name]))(
      'keeps an event %s fails on, with its error, in an on-failure queue',
      (name) => {
        template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
          FunctionName: { Ref: functionId(name) },
          MaximumRetryAttempts: 2,
          DestinationConfig: {
            OnFailure: {
              Destination: {
                'Fn::GetAtt': [
                  pulse.stateless.getLogicalId(pulse.stateless.eventFailureQueue.node.defaultChild as never),
                  'Arn',
                ],
              },
            },
          },
        });
      },
    );
  });

  describe('queues', () => {
    const queues = (): WorkQueue[] => Object.keys(pulse.stateless.workQueues) as WorkQueue[];
    const queueId = (name: WorkQueue) =>
      pulse.stateless.getLogicalId(pulse.stateless.workQueues[name].queue.node.defaultChild as never);
    const deadLetterId = (name: WorkQueue) =>
      pulse.stateless.getLogicalId(
        pulse.stateless.workQueues[name].deadLetterQueue.node.defaultChild as never,
      );

    it('has one send queue per channel, each consumed by the sender of its channel, and one of comments to analyse again', () => {
      expect(queues().sort()).toEqual(['commentAnalysis', 'emailInvitations', 'smsInvitations']);
      expect(specsWith('queue').map((spec) => [spec.trigger.queue, spec.name])).toEqual([
        ['emailInvitations', 'send-email-invitation'],
        ['smsInvitations', 'send-sms-invitation'],
        ['commentAnalysis', 'analyse-comments'],
      ]);
    });

    it.each([
      ['emailInvitations', 5],
      ['smsInvitations', 5],
      ['commentAnalysis', 5],
    ] as const)('moves a message of the %s queue to its own DLQ after %i receives', (name, receives) => {
      const queue = template.findResources('AWS::SQS::Queue')[queueId(name)];
      expect(queue?.Properties.RedrivePolicy).toEqual({
        deadLetterTargetArn: { 'Fn::GetAtt': [deadLetterId(name), 'Arn'] },
        maxReceiveCount: receives,
      });
    });

    it('gives each queue a DLQ of its own', () => {
      expect(new Set(queues().map(deadLetterId)).size).toBe(queues().length);
    });

    it.each(specsWith('queue').map((spec) => [spec.name, spec]))(
      'hides a message received by %s for at least six times its timeout',
      (_name, spec) => {
        const queue = template.findResources('AWS::SQS::Queue')[queueId(spec.trigger.queue)];
        expect(queue?.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * (spec.timeoutSeconds ?? 10));
      },
    );

    it.each(specsWith('queue').map((spec) => [spec.name, spec]))(
      'feeds %s in batches with partial failures and bounded concurrency',
      (name, spec) => {
        expect(mappingsOf(name)).toEqual([
          expect.objectContaining({
            EventSourceArn: { 'Fn::GetAtt': [queueId(spec.trigger.queue), 'Arn'] },
            BatchSize: spec.trigger.batchSize,
            FunctionResponseTypes: ['ReportBatchItemFailures'],
            ScalingConfig: { MaximumConcurrency: spec.trigger.maxConcurrency },
          }),
        ]);
      },
    );

    it.each(
      specsWith('queue')
        .filter((spec) => spec.trigger.queue !== 'commentAnalysis')
        .map((spec) => [spec.name, spec]),
    )(
      'tells %s its maximum concurrency, so that it paces itself to its share of its channel’s rate',
      (name, spec) => {
        expect(functionProperties(name)).toMatchObject({
          Environment: { Variables: { SEND_CONCURRENCY: String(spec.trigger.maxConcurrency) } },
        });
      },
    );

    it.each(FUNCTIONS.filter((spec) => spec.uses.invitationQueues).map((spec) => [spec.name]))(
      'names both queues to %s, each by its channel',
      (name) => {
        expect(functionProperties(name)).toMatchObject({
          Environment: {
            Variables: {
              EMAIL_QUEUE_URL: { Ref: queueId('emailInvitations') },
              SMS_QUEUE_URL: { Ref: queueId('smsInvitations') },
            },
          },
        });
      },
    );
  });

  describe('table stream', () => {
    const failureQueueArn = () => ({
      'Fn::GetAtt': [
        pulse.stateless.getLogicalId(pulse.stateless.streamFailureQueue.node.defaultChild as never),
        'Arn',
      ],
    });

    it.each(specsWith('stream').map((spec) => [spec.name, spec]))(
      'feeds %s with partial failures, bisection, bounded retries and an on-failure queue',
      (name, spec) => {
        const { trigger } = spec;
        expect(mappingsOf(name)).toEqual([
          expect.objectContaining({
            EventSourceArn: { 'Fn::ImportValue': expect.stringMatching(/StreamArn/) },
            StartingPosition: 'TRIM_HORIZON',
            BatchSize: trigger.batchSize,
            MaximumBatchingWindowInSeconds: trigger.maxBatchingWindowSeconds,
            FunctionResponseTypes: ['ReportBatchItemFailures'],
            BisectBatchOnFunctionError: true,
            MaximumRetryAttempts: trigger.retryAttempts,
            MaximumRecordAgeInSeconds: trigger.maxRecordAgeSeconds,
            ParallelizationFactor: trigger.parallelizationFactor ?? 1,
            DestinationConfig: { OnFailure: { Destination: failureQueueArn() } },
          }),
        ]);
      },
    );

    const RECORDS_OF = {
      'aggregate-responses': ['RESPONSE', 'INVITATION', 'INSIGHT'],
      'react-to-answers': ['RESPONSE', 'INSIGHT', 'CASE'],
    } as const;
    it.each(Object.entries(RECORDS_OF))('invokes %s for records of %j items only', (name, kinds) => {
      const [mapping] = mappingsOf(name);
      const criteria = mapping?.FilterCriteria as { Filters: { Pattern: string }[] } | undefined;
      const patterns = (criteria?.Filters ?? []).map((filter) => JSON.parse(filter.Pattern));
      expect(patterns).toEqual(
        (FUNCTIONS.find((spec) => spec.name === name)?.trigger as { filters?: unknown } | undefined)?.filters,
      );
      expect(patterns).toEqual(kinds.map((kind) => ({ dynamodb: { Keys: { sk: { S: [kind] } } } })));
    });

    it('names the records of every stream reader above', () => {
      expect(
        specsWith('stream')
          .map((spec) => spec.name)
          .sort(),
      ).toEqual(Object.keys(RECORDS_OF).sort());
    });

    it('keeps the aggregator to one batch per shard, its fence, and lets the reactor take four at once', () => {
      expect(mappingsOf('aggregate-responses')[0]?.ParallelizationFactor).toBe(1);
      expect(mappingsOf('react-to-answers')[0]?.ParallelizationFactor).toBe(4);
    });

    it('gives the aggregator a tumbling window, so that every batch carries its shard id', () => {
      const [mapping] = mappingsOf('aggregate-responses');
      expect(mapping?.TumblingWindowInSeconds).toBe(300);
    });

    it('gives no tumbling window to a consumer that does not ask for one', () => {
      for (const spec of specsWith('stream').filter(({ trigger }) => !trigger.tumblingWindowSeconds)) {
        expect(mappingsOf(spec.name)[0]).not.toHaveProperty('TumblingWindowInSeconds');
      }
    });
  });

  describe('asynchronous paths', () => {
    it('ends every event source mapping in an on-failure destination or a queue with a DLQ', () => {
      const queues = template.findResources('AWS::SQS::Queue');
      const mappings = Object.values(
        template.findResources('AWS::Lambda::EventSourceMapping') as Record<string, Resource>,
      );
      expect(mappings.length).toBe(specsWith('queue').length + specsWith('stream').length);
      for (const { Properties: mapping } of mappings) {
        const sourceQueue = (mapping.EventSourceArn as { 'Fn::GetAtt'?: [string, string] })[
          'Fn::GetAtt'
        ]?.[0];
        const redrive = sourceQueue ? queues[sourceQueue]?.Properties.RedrivePolicy : undefined;
        expect(mapping.DestinationConfig ?? redrive).toBeDefined();
      }
    });

    it('encrypts every queue and refuses plain HTTP to it', () => {
      const queues = Object.keys(template.findResources('AWS::SQS::Queue'));
      // Two send queues, the comments to analyse again, their DLQs, the stream's and the events'
      // on-failure queues.
      expect(queues.length).toBe(8);
      template.allResourcesProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
      const policies = Object.values(
        template.findResources('AWS::SQS::QueuePolicy') as Record<string, Resource>,
      );
      for (const queue of queues) {
        const policy = policies.find((candidate) =>
          JSON.stringify(candidate.Properties.Queues).includes(`"${queue}"`),
        );
        expect(JSON.stringify(policy?.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
      }
    });

    it('keeps what lands in a dead-letter queue for 14 days', () => {
      for (const queue of [
        pulse.stateless.invitationQueues.emailInvitations.deadLetterQueue,
        pulse.stateless.invitationQueues.smsInvitations.deadLetterQueue,
        pulse.stateless.analysisQueue.deadLetterQueue,
        pulse.stateless.streamFailureQueue,
        pulse.stateless.eventFailureQueue,
      ]) {
        const id = pulse.stateless.getLogicalId(queue.node.defaultChild as never);
        expect(template.findResources('AWS::SQS::Queue')[id]?.Properties.MessageRetentionPeriod).toBe(
          14 * 86400,
        );
      }
    });
  });

  describe('rule packs', () => {
    it('leaves no AWS Solutions finding unacknowledged', () => {
      const report = new AwsSolutionsChecks().validateScope(pulse.app);
      expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources[0]?.constructPath}`)).toEqual(
        [],
      );
    });

    it('leaves no Serverless finding unacknowledged', () => {
      const report = new ServerlessChecks().validateScope(pulse.app);
      expect(report.violations.map((v) => `${v.ruleName} ${v.violatingResources[0]?.constructPath}`)).toEqual(
        [],
      );
    });

    it('gives every acknowledged finding a reason', () => {
      const acknowledgements = pulse.app.node
        .findAll()
        .flatMap((construct) => construct.node.metadata)
        .filter((entry) => entry.type === 'aws:cdk:acknowledged-rules')
        .flatMap((entry) => Object.values(entry.data as Record<string, string>));
      expect(acknowledgements.length).toBeGreaterThan(0);
      for (const reason of acknowledgements) expect(reason.length).toBeGreaterThan(40);
    });
  });
});

describe('operations alarms', () => {
  type Alarm = { Properties: Record<string, unknown> };
  const alarms = () =>
    Object.values(template.findResources('AWS::CloudWatch::Alarm') as Record<string, Alarm>);
  const opsTopicId = () =>
    pulse.stateless.getLogicalId(
      pulse.stateless.operations.topic.node.defaultChild as import('aws-cdk-lib').CfnElement,
    );

  it('sends every alarm, and its recovery, to the ops topic', () => {
    const all = alarms();

    expect(all.length).toBeGreaterThan(0);
    for (const alarm of all) {
      expect(JSON.stringify(alarm.Properties.AlarmActions)).toContain(opsTopicId());
      expect(JSON.stringify(alarm.Properties.OKActions)).toContain(opsTopicId());
    }
  });

  it('watches the iterator age of each stream consumer', () => {
    const iteratorAge = alarms().filter((a) => a.Properties.MetricName === 'IteratorAge');

    expect(iteratorAge).toHaveLength(FUNCTIONS.filter((spec) => spec.trigger.kind === 'stream').length);
    expect(iteratorAge.every((a) => a.Properties.Threshold === 60_000)).toBe(true);
  });

  it('alarms on the first message in each dead-letter and on-failure queue', () => {
    const queueAlarms = alarms().filter(
      (a) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible',
    );
    const watched = queueAlarms.map((a) => JSON.stringify(a.Properties.Dimensions));

    // And the analytics export's, which the stateful stack keeps.
    expect(queueAlarms).toHaveLength(6);
    expect(watched.some((dimensions) => /AnalyticsFailureQueue[0-9A-F]+QueueName/.test(dimensions))).toBe(
      true,
    );
    for (const queue of [
      pulse.stateless.invitationQueues.emailInvitations.deadLetterQueue,
      pulse.stateless.invitationQueues.smsInvitations.deadLetterQueue,
      pulse.stateless.analysisQueue.deadLetterQueue,
      pulse.stateless.streamFailureQueue,
      pulse.stateless.eventFailureQueue,
    ]) {
      const id = pulse.stateless.getLogicalId(queue.node.defaultChild as import('aws-cdk-lib').CfnElement);
      expect(watched.some((dimensions) => dimensions.includes(id))).toBe(true);
    }
    expect(queueAlarms.every((a) => a.Properties.Threshold === 1)).toBe(true);
  });

  it('alarms on errors of every function and on SES bounce and complaint rates at the review levels', () => {
    const errors = alarms().filter((a) => a.Properties.MetricName === 'Errors');
    const ses = Object.fromEntries(
      alarms()
        .filter((a) => a.Properties.Namespace === 'AWS/SES')
        .map((a) => [a.Properties.MetricName, a.Properties.Threshold]),
    );

    expect(errors).toHaveLength(FUNCTIONS.length);
    expect(ses).toEqual({ 'Reputation.BounceRate': 0.05, 'Reputation.ComplaintRate': 0.001 });
  });

  it("alarms on every function's throttles, the API's 5xx and the month's SMS spend", () => {
    const named = (metricName: string) => alarms().filter((a) => a.Properties.MetricName === metricName);

    expect(named('Throttles')).toHaveLength(FUNCTIONS.length);
    expect(named('5xx')).toEqual([
      expect.objectContaining({
        Properties: expect.objectContaining({
          Namespace: 'AWS/ApiGateway',
          Threshold: 1,
          EvaluationPeriods: 2,
        }),
      }),
    ]);
    expect(named('SMSMonthToDateSpentUSD')).toEqual([
      expect.objectContaining({
        Properties: expect.objectContaining({
          Namespace: 'AWS/SNS',
          Threshold: pulse.config.smsSpendAlarmUsd,
        }),
      }),
    ]);
    expect(pulse.config.smsSpendAlarmUsd).toBe(50);
  });
});

describe('operations dashboard', () => {
  const body = () => {
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard')) as Resource[];
    return JSON.stringify(dashboard?.Properties.DashboardBody);
  };

  it('shows every business metric the functions write, and the functions, queues, table and API', () => {
    const shown = body();

    for (const name of Object.keys(BUSINESS_METRICS)) expect(shown).toContain(name);
    for (const aws of [
      'AWS/Lambda',
      'AWS/SQS',
      'AWS/DynamoDB',
      'AWS/ApiGateway',
      'Throttles',
      'IteratorAge',
    ]) {
      expect(shown).toContain(aws);
    }
  });
});

describe('a stage whose table has its own key and which keeps people’s data 5 days', () => {
  let keyed: PulseApp;
  let keyedTemplate: Template;
  beforeAll(() => {
    keyed = buildApp({
      'aws:cdk:bundling-stacks': [],
      'pulse:config': { tableKey: 'customer-managed', retention: { days: 5 } },
    });
    keyedTemplate = Template.fromStack(keyed.stateless);
  }, 120_000);

  /** The table key's ARN as the stateless stack imports it from the stateful one. */
  const KEY_ARN = { 'Fn::ImportValue': expect.stringMatching(/:ExportsOutputFnGetAttTableKey[0-9A-F]+Arn/) };

  const keyStatementsOf = (app: PulseApp, tpl: Template, name: string): Statement[] => {
    const fn = app.stateless.functions.get(name);
    if (!fn) throw new Error(`no function ${name}`);
    const roleId = app.stateless.getLogicalId(fn.role.node.defaultChild as CfnRole);
    return Object.values(tpl.findResources('AWS::IAM::Policy') as Record<string, Resource>)
      .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`))
      .flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
      .filter((statement) => JSON.stringify(statement.Resource).includes('TableKey'));
  };

  const writes = (access: TableAccess) =>
    tableGrantsOf(access).some(({ actions }) =>
      actions.some((action) => ['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'].includes(action)),
    );

  it.each(FUNCTIONS.filter((spec) => spec.uses.table).map((spec) => [spec.name, spec]))(
    'lets %s use the table’s key through DynamoDB only, to encrypt only if it writes',
    (name, spec) => {
      const access = spec.uses.table as TableAccess;
      const throughDynamoDb = keyStatementsOf(keyed, keyedTemplate, name).filter(
        (statement) => statement.Condition !== undefined,
      );

      expect(throughDynamoDb).toHaveLength(1);
      expect(throughDynamoDb[0]).toMatchObject({
        Effect: 'Allow',
        Resource: KEY_ARN,
        Condition: {
          StringEquals: {
            'kms:ViaService': { 'Fn::Join': ['', ['dynamodb.', { Ref: 'AWS::Region' }, '.amazonaws.com']] },
          },
        },
      });
      const actions = [throughDynamoDb[0]?.Action].flat();
      expect(actions).toEqual(expect.arrayContaining(['kms:Decrypt', 'kms:DescribeKey']));
      expect(actions.includes('kms:Encrypt')).toBe(writes(access));
      expect(actions.includes('kms:GenerateDataKey')).toBe(writes(access));
    },
  );

  it.each(specsWith('stream').map((spec) => [spec.name]))(
    'lets %s decrypt the stream records it reads',
    (name) => {
      expect(keyStatementsOf(keyed, keyedTemplate, name)).toContainEqual(
        expect.objectContaining({ Action: ['kms:Decrypt', 'kms:DescribeKey'], Resource: KEY_ARN }),
      );
    },
  );

  it('grants the key to no function that touches neither the table nor its stream', () => {
    for (const spec of FUNCTIONS.filter((s) => !s.uses.table && s.trigger.kind !== 'stream')) {
      expect(keyStatementsOf(keyed, keyedTemplate, spec.name)).toEqual([]);
    }
  });

  it('grants no key when the table is under DynamoDB’s own', () => {
    for (const spec of FUNCTIONS) {
      expect(
        allowedStatements(spec.name).filter((statement) =>
          [statement.Action].flat().some((a) => a.startsWith('kms:')),
        ),
      ).toEqual([]);
    }
  });

  it('keeps customers’ details in no dead-letter queue longer than the stage keeps them', () => {
    const { stateless } = keyed;
    const queues = keyedTemplate.findResources('AWS::SQS::Queue');
    for (const queue of [
      stateless.invitationQueues.emailInvitations.deadLetterQueue,
      stateless.invitationQueues.smsInvitations.deadLetterQueue,
      stateless.analysisQueue.deadLetterQueue,
      stateless.streamFailureQueue,
      stateless.eventFailureQueue,
    ]) {
      const id = stateless.getLogicalId(queue.node.defaultChild as never);
      expect(queues[id]?.Properties.MessageRetentionPeriod).toBe(5 * 86_400);
    }
  });

  it('leaves no rule pack finding unacknowledged', () => {
    const findings = [new AwsSolutionsChecks(), new ServerlessChecks()].flatMap(
      (pack) => pack.validateScope(keyed.app).violations,
    );
    expect(findings.map((v) => `${v.ruleName} ${v.violatingResources[0]?.constructPath}`)).toEqual([]);
  });
});
