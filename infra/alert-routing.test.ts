import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { renderDetractorAlert } from '../lib/alerts/detractor-alert.js';
import { MetricAlertRuleSchema } from '../lib/alerts/metric-alert.js';
import { renderMetricAlert } from '../lib/alerts/metric-alert-message.js';
import type { AlertAttributes } from '../lib/alerts/ports.js';
import { CaseSlaSchema, caseOf } from '../lib/cases/case.js';
import { renderCaseUpdate } from '../lib/cases/case-update.js';
import { renderEscalationAlert } from '../lib/cases/escalation-alert.js';
import type { Response } from '../lib/invitations/response.js';
import { isUnhappy, SURVEYS, type Survey, scoresOf } from '../lib/surveys/scales.js';
import { parseStageConfig } from './stage-config.js';
import { StatefulStack } from './stateful-stack.js';

const subscribers = [
  { protocol: 'email', endpoint: 'billing-lead@example.com', teams: ['billing'] },
  { protocol: 'sms', endpoint: '+14155550100', teams: ['onboarding'], severities: ['high'] },
  { protocol: 'https', endpoint: 'https://hooks.example.com/all-alerts' },
  { protocol: 'email', endpoint: 'chat-csat@example.com', surveys: ['csat'], channels: ['chat', 'email'] },
  {
    protocol: 'email',
    endpoint: 'returns-desk@example.com',
    teams: ['returns'],
    touchpoints: ['store-visit'],
  },
  {
    protocol: 'email',
    endpoint: 'billing-manager@example.com',
    teams: ['billing'],
    receives: ['escalation'],
  },
  {
    protocol: 'https',
    endpoint: 'https://hooks.example.com/everything',
    receives: ['detractor', 'update', 'escalation', 'metric'],
  },
  { protocol: 'email', endpoint: 'cx-director@example.com', receives: ['metric'] },
  {
    protocol: 'email',
    endpoint: 'billing-scores@example.com',
    teams: ['billing'],
    receives: ['metric', 'escalation'],
  },
  { protocol: 'email', endpoint: 'agent-7-coach@example.com', agents: ['agent-7'] },
  {
    protocol: 'https',
    endpoint: 'https://hooks.example.com/unassigned-billing',
    teams: ['billing'],
    agents: ['none'],
    receives: ['detractor', 'escalation'],
  },
  {
    protocol: 'email',
    endpoint: 'agent-scores@example.com',
    agents: ['agent-7', 'agent-9'],
    receives: ['metric'],
  },
] as const;

/** Who should get an alert, read straight from the configuration's meaning. */
const meantFor = (endpoint: string, alert: AlertAttributes): boolean => {
  if (endpoint === 'billing-manager@example.com')
    return alert.kind === 'escalation' && alert.team === 'billing';
  if (endpoint === 'https://hooks.example.com/everything') return true;
  if (endpoint === 'cx-director@example.com') return alert.kind === 'metric';
  if (endpoint === 'billing-scores@example.com')
    return (alert.kind === 'metric' || alert.kind === 'escalation') && alert.team === 'billing';
  if (endpoint === 'https://hooks.example.com/unassigned-billing')
    return (
      (alert.kind === 'detractor' || alert.kind === 'escalation') &&
      alert.team === 'billing' &&
      alert.agent === 'none'
    );
  // Only the metric alerts of rules that watch one of the agents: the others carry no agent.
  if (endpoint === 'agent-scores@example.com')
    return alert.kind === 'metric' && (alert.agent === 'agent-7' || alert.agent === 'agent-9');
  // Everyone else takes the default: detractor alerts and the updates on their cases.
  if (alert.kind !== 'detractor' && alert.kind !== 'update') return false;
  switch (endpoint) {
    case 'billing-lead@example.com':
      return alert.team === 'billing';
    case '+14155550100':
      return alert.team === 'onboarding' && alert.severity === 'high';
    case 'https://hooks.example.com/all-alerts':
      return true;
    case 'chat-csat@example.com':
      return alert.survey === 'csat' && (alert.channel === 'chat' || alert.channel === 'email');
    case 'returns-desk@example.com':
      return alert.team === 'returns' && alert.touchpoint === 'store-visit';
    case 'agent-7-coach@example.com':
      return alert.agent === 'agent-7';
    default:
      throw new Error(`unknown subscriber ${endpoint}`);
  }
};

/** SNS's rule for a message-attribute filter policy of allow-lists: every key present and allowed. */
const passes = (policy: Record<string, string[]> | undefined, attributes: AlertAttributes) =>
  policy === undefined ||
  Object.entries(policy).every(([name, allowed]) => {
    const value = attributes[name];
    if (value === undefined) return false;
    // A String.Array matches when any of its elements is allowed.
    return typeof value === 'object'
      ? value.some((one) => allowed.includes(one))
      : allowed.includes(String(value));
  });

const everyUnhappyAlert = () => {
  const alerts: AlertAttributes[] = [];
  for (const survey of SURVEYS as readonly Survey[]) {
    for (const score of scoresOf(survey).filter((s) => isUnhappy(survey, s))) {
      for (const team of ['billing', 'onboarding', 'returns']) {
        for (const channel of ['phone', 'chat', 'email']) {
          for (const [touchpoint, agent] of [
            ['support-ticket', 'agent-7'],
            ['support-ticket', undefined],
            ['store-visit', 'agent-9'],
            ['store-visit', undefined],
          ] as const) {
            const response: Response = {
              invitationId: 'i',
              interactionId: 'zd-1',
              survey,
              score,
              comment: '',
              suspect: false,
              day: '2026-11-26',
              answeredAt: '2026-11-26T10:00:00Z',
              updatedAt: '2026-11-26T10:00:00Z',
              team,
              channel,
              touchpoint,
              agent,
              customerId: 'c-1',
            };
            const opened = caseOf(response, new Date('2026-11-26T10:00:00Z'));
            alerts.push(renderDetractorAlert(response).attributes);
            alerts.push(
              renderEscalationAlert(opened, CaseSlaSchema.parse({}), 'https://x/cases/i').attributes,
            );
            alerts.push(renderCaseUpdate(opened, response, { ...response, comment: 'later' }).attributes);
          }
        }
      }
    }
  }
  for (const segment of [
    {},
    { team: 'billing' },
    { team: 'returns' },
    { channel: 'chat' },
    { agent: 'agent-7' },
    { agent: 'agent-8' },
  ]) {
    for (const status of ['below', 'ok'] as const) {
      const rule = MetricAlertRuleSchema.parse({ survey: 'nps', below: 10, ...segment });
      const state = { status, episode: 1, score: 5, n: 40, changedAt: '2026-11-26T10:00:00Z', version: 1 };
      alerts.push(renderMetricAlert(rule, state).attributes);
    }
  }
  return alerts;
};

describe('alert routing', () => {
  const app = new App();
  const config = parseStageConfig({
    stage: 'test',
    senderAddress: 'surveys@example.com',
    alertSubscribers: subscribers,
  });
  const template = Template.fromStack(new StatefulStack(app, 'Routing', { config }));
  const subscriptions = Object.values(template.findResources('AWS::SNS::Subscription')).map(
    (resource) =>
      resource.Properties as {
        Endpoint: string;
        FilterPolicy?: Record<string, string[]>;
        FilterPolicyScope?: string;
      },
  );

  it('subscribes every configured receiver once, filtering on message attributes', () => {
    expect(subscriptions.map((s) => s.Endpoint).sort()).toEqual(subscribers.map((s) => s.endpoint).sort());
    expect(
      subscriptions.every(
        (s) => s.FilterPolicyScope === undefined || s.FilterPolicyScope === 'MessageAttributes',
      ),
    ).toBe(true);
  });

  it('lets through to each subscriber exactly the alerts meant for it, by the deployed filter policy', () => {
    const alerts = everyUnhappyAlert();

    for (const subscription of subscriptions) {
      const delivered = alerts.filter((alert) => passes(subscription.FilterPolicy, alert));
      const meant = alerts.filter((alert) => meantFor(subscription.Endpoint, alert));
      expect(delivered, subscription.Endpoint).toEqual(meant);
      expect(delivered.length, subscription.Endpoint).toBeGreaterThan(0);
    }
  });

  it("routes agents on the alerts' agent attribute", () => {
    const policyOf = (endpoint: string) => subscriptions.find((s) => s.Endpoint === endpoint)?.FilterPolicy;

    expect(policyOf('agent-7-coach@example.com')).toEqual({
      kind: ['detractor', 'update'],
      agent: ['agent-7'],
    });
    expect(policyOf('https://hooks.example.com/unassigned-billing')).toEqual({
      kind: ['detractor', 'escalation'],
      team: ['billing'],
      agent: ['none'],
    });
  });

  it('refuses an empty routing list and an unknown severity, naming them', () => {
    const wrong = () =>
      parseStageConfig({
        stage: 'test',
        senderAddress: 'surveys@example.com',
        alertSubscribers: [
          { protocol: 'email', endpoint: 'a@example.com', teams: [], severities: ['urgent'] },
        ],
      });

    expect(wrong).toThrow(/alertSubscribers\.0\.teams/);
    expect(wrong).toThrow(/alertSubscribers\.0\.severities/);
  });

  it('refuses, naming the key, a subscriber whose filter policy SNS would refuse', () => {
    const subscribedWith = (routing: Record<string, unknown>) => () =>
      parseStageConfig({
        stage: 'test',
        senderAddress: 'surveys@example.com',
        alertSubscribers: [{ protocol: 'email', endpoint: 'a@example.com', ...routing }],
      });
    const agents = Array.from({ length: 26 }, (_, i) => `agent-${i}`);

    // With kind, six attribute names; SNS takes five.
    expect(
      subscribedWith({
        teams: ['billing'],
        agents: ['agent-7'],
        touchpoints: ['support-ticket'],
        channels: ['phone'],
        surveys: ['nps'],
      }),
    ).toThrow(/alertSubscribers\.0\.surveys: routes on 6 message attributes/);
    // 2 kinds × 3 teams × 26 agents = 156 combinations; SNS takes 150.
    expect(subscribedWith({ teams: ['a', 'b', 'c'], agents })).toThrow(
      /alertSubscribers\.0\.agents: makes 156 combinations/,
    );
    expect(subscribedWith({ teams: ['a', 'b', 'c'], agents: agents.slice(0, 25) })).not.toThrow();
  });

  it('refuses a misspelt routing key and an unknown setting, naming them', () => {
    const wrong = () =>
      parseStageConfig({
        stage: 'test',
        senderAddress: 'surveys@example.com',
        minSamples: 5,
        alertSubscribers: [{ protocol: 'email', endpoint: 'a@example.com', team: ['billing'] }],
      });

    expect(wrong).toThrow(/pulse:config\.minSamples: is not a known setting/);
    expect(wrong).toThrow(/alertSubscribers\.0\.team/);
  });
});
