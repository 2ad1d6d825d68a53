import { RESPONSE_SORT_KEY, TABLE_DESIGN } from '../lib/platform/table-design.js';
import {
  type FunctionSettingName,
  RUNTIME_SETTINGS,
  type RuntimeSettingName,
  SEND_ATTEMPTS,
  variableValueOf,
} from '../lib/settings.js';
import type { StageConfig } from './stage-config.js';

/**
 * Which function is fed by which trigger, and what it may touch: written once, read by the CDK app
 * (`infra/stateless-stack.ts`) and by the local runtime (`infra/local/`), so the two cannot drift.
 */
export type Trigger =
  /**
   * An HTTP API route: `integrator` behind the integrator token, `lead` behind the token or a lead's
   * sign-in (cases, metrics, releasing an answer), `public` open (survey pages, unsubscribe).
   */
  | { kind: 'http'; method: 'GET' | 'POST'; path: string; auth: Auth }
  /** The Lambda authorizer of the `integrator` or the `lead` routes. */
  | { kind: 'http-authorizer'; guards: Exclude<Auth, 'public'> }
  | { kind: 'bus'; detailType: string }
  /** A fixed rate, from an EventBridge schedule; locally, from the clock. */
  | { kind: 'schedule'; everyMinutes: number }
  /** An SNS topic of the stateful stack: SES's delivery feedback, or inbound SMS. */
  | { kind: 'topic'; topic: 'emailFeedback' | 'inboundSms' }
  | {
      kind: 'queue';
      /** One of the send queues, one per channel: each channel has its own sender and send rate. */
      queue: InvitationQueue;
      batchSize: number;
      maxConcurrency: number;
      /** Receives before a message moves to the dead-letter queue. */
      maxReceiveCount: number;
    }
  | {
      kind: 'stream';
      /** DynamoDB stream filter patterns (Lambda event filtering syntax): only these records invoke. */
      filters: Record<string, unknown>[];
      batchSize: number;
      maxBatchingWindowSeconds: number;
      retryAttempts: number;
      maxRecordAgeSeconds: number;
      /** Set to receive the shard id with every batch (Lambda tumbling windows); the aggregator fences on it. */
      tumblingWindowSeconds?: number;
    };

export type Auth = 'integrator' | 'lead' | 'public';

/** The queues of invitations due to be sent, by the channel they go out by. */
export type InvitationQueue = 'emailInvitations' | 'smsInvitations';

/** Resources a function may use; each grant also sets the variables that name the resource. */
export interface Uses {
  table?: 'read' | 'readWrite';
  /** Queues invitations to send on both send queues, each on the queue of its channel. */
  invitationQueues?: true;
  alertsTopic?: true;
  email?: true;
  /** Publishes SMS straight to phone numbers through SNS. */
  sms?: true;
  signingKey?: true;
  apiToken?: true;
  /** Verifies leads' ID tokens from the stage's Cognito user pool. */
  leadSignIn?: true;
}

/** The stage settings a function is handed, beside the resources its grants name. */
export type Setting = FunctionSettingName | 'publicUrl';

export interface FunctionSpec {
  /** Verb-noun, also the file name under functions/. */
  name: string;
  description: string;
  trigger: Trigger;
  uses: Uses;
  settings?: Setting[];
  memoryMb?: number;
  timeoutSeconds?: number;
}

/** The environment variable a resource or setting is handed to functions under (see lib/settings.ts). */
export const variableOf = (name: RuntimeSettingName): string => RUNTIME_SETTINGS[name].variable;

/** The value of a stage setting as an environment variable. */
export const settingValue = (config: StageConfig, setting: FunctionSettingName): string =>
  variableValueOf(config[setting]);

/** Records of response items only: invitations, alerts and aggregates never invoke the stream consumers. */
const responseRecords = { dynamodb: { Keys: { [TABLE_DESIGN.sortKey]: { S: [RESPONSE_SORT_KEY] } } } };

/** A function behind one route of the HTTP API. */
const httpFunction = (
  name: string,
  description: string,
  route: `${'GET' | 'POST'} /${string}`,
  auth: Auth,
  uses: Uses,
  settings?: Setting[],
): FunctionSpec => {
  const [method, path] = route.split(' ') as ['GET' | 'POST', string];
  return {
    name,
    description,
    trigger: { kind: 'http', method, path, auth },
    uses,
    ...(settings ? { settings } : {}),
  };
};

/** A page customers open from a signed link in a message, in their language, behind no token. */
const customerPage = (
  name: string,
  description: string,
  route: `${'GET' | 'POST'} /${string}`,
  table: 'read' | 'readWrite',
): FunctionSpec =>
  httpFunction(name, description, route, 'public', { table, signingKey: true }, ['messages']);

export const FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: 'authorize-integrator',
    description: 'Checks the integrator bearer token on the integrator routes',
    trigger: { kind: 'http-authorizer', guards: 'integrator' },
    uses: { apiToken: true },
  },
  {
    name: 'authorize-lead',
    description: "Lets the integrator token or a lead's Cognito ID token through to the routes leads use",
    trigger: { kind: 'http-authorizer', guards: 'lead' },
    uses: { apiToken: true, leadSignIn: true },
  },
  httpFunction(
    'accept-interaction',
    'POST /interactions: validates, deduplicates and schedules an invitation',
    'POST /interactions',
    'integrator',
    { table: 'readWrite', invitationQueues: true },
    ['contactPolicy', 'defaultCountry'],
  ),
  {
    name: 'accept-interaction-event',
    description: 'InteractionCompleted from the event bus: same as POST /interactions',
    trigger: { kind: 'bus', detailType: 'InteractionCompleted' },
    uses: { table: 'readWrite', invitationQueues: true },
    settings: ['contactPolicy', 'defaultCountry'],
  },
  {
    name: 'reopen-interaction',
    description: 'POST /interactions/{interactionId}/reopen: cancels an invitation not sent yet',
    trigger: {
      kind: 'http',
      method: 'POST',
      path: '/interactions/{interactionId}/reopen',
      auth: 'integrator',
    },
    uses: { table: 'readWrite' },
  },
  {
    name: 'reopen-interaction-event',
    description: 'InteractionReopened from the event bus: same as POST /interactions/{id}/reopen',
    trigger: { kind: 'bus', detailType: 'InteractionReopened' },
    uses: { table: 'readWrite' },
  },
  httpFunction(
    'get-invitation',
    'GET /invitations/{interactionId}: what became of an interaction',
    'GET /invitations/{interactionId}',
    'integrator',
    { table: 'read' },
  ),
  {
    name: 'send-email-invitation',
    description: 'Sends due email invitations and reminders from the email queue, through SES',
    trigger: {
      kind: 'queue',
      queue: 'emailInvitations',
      batchSize: 10,
      maxConcurrency: 2,
      maxReceiveCount: SEND_ATTEMPTS,
    },
    // Both queues: reschedules go back on its own, and a message of an SMS invitation moves to the other.
    uses: { table: 'readWrite', invitationQueues: true, email: true, signingKey: true },
    settings: ['publicUrl', 'contactPolicy', 'messages', 'sendRates'],
    timeoutSeconds: 60,
  },
  {
    name: 'send-sms-invitation',
    description: 'Texts due SMS invitations and reminders from the SMS queue, through SNS',
    trigger: {
      kind: 'queue',
      queue: 'smsInvitations',
      batchSize: 10,
      maxConcurrency: 2,
      maxReceiveCount: SEND_ATTEMPTS,
    },
    uses: { table: 'readWrite', invitationQueues: true, sms: true },
    settings: ['contactPolicy', 'messages', 'sms', 'sendRates'],
    timeoutSeconds: 60,
  },
  customerPage(
    'show-unsubscribe',
    'GET /u/{token}: the unsubscribe confirmation page, changes nothing',
    'GET /u/{token}',
    'read',
  ),
  customerPage(
    'unsubscribe',
    'POST /u/{token}: one-click unsubscribe (RFC 8058) and the confirmation form',
    'POST /u/{token}',
    'readWrite',
  ),
  {
    name: 'record-sms-reply',
    description: 'Reads inbound SMS: scores, comments, STOP, START and HELP',
    trigger: { kind: 'topic', topic: 'inboundSms' },
    uses: { table: 'readWrite', sms: true },
    settings: ['messages', 'sms'],
  },
  {
    name: 'record-email-feedback',
    description: 'Suppresses addresses that bounced for good, complained or unsubscribed, from SES events',
    trigger: { kind: 'topic', topic: 'emailFeedback' },
    uses: { table: 'readWrite' },
  },
  customerPage(
    'show-survey',
    'GET /s/{token}: the survey page, score preselected, records nothing',
    'GET /s/{token}',
    'read',
  ),
  customerPage(
    'record-answer',
    'POST /s/{token}: records or changes an answer',
    'POST /s/{token}',
    'readWrite',
  ),
  {
    name: 'release-answer',
    description: 'POST /invitations/{interactionId}/release: counts an answer held as suspect',
    trigger: {
      kind: 'http',
      method: 'POST',
      path: '/invitations/{interactionId}/release',
      auth: 'lead',
    },
    uses: { table: 'readWrite' },
  },
  {
    name: 'aggregate-responses',
    description: 'Folds response changes from the stream into per-day aggregate buckets, exactly once',
    trigger: {
      kind: 'stream',
      filters: [responseRecords],
      batchSize: 100,
      maxBatchingWindowSeconds: 1,
      retryAttempts: 10,
      maxRecordAgeSeconds: 3600,
      tumblingWindowSeconds: 300,
    },
    uses: { table: 'readWrite' },
    timeoutSeconds: 60,
  },
  {
    name: 'react-to-answers',
    description: 'The reactor: opens a case and alerts once per unhappy answer, updates it on a change',
    trigger: {
      kind: 'stream',
      filters: [responseRecords],
      batchSize: 25,
      maxBatchingWindowSeconds: 0,
      retryAttempts: 10,
      maxRecordAgeSeconds: 3600,
    },
    uses: { table: 'readWrite', alertsTopic: true },
    settings: ['unhappyAtOrBelow', 'publicUrl'],
    timeoutSeconds: 30,
  },
  httpFunction('list-cases', 'GET /cases: the newest cases, by status and team', 'GET /cases', 'lead', {
    table: 'read',
  }),
  httpFunction(
    'get-case',
    'GET /cases/{caseId}: one case, as the alert links it',
    'GET /cases/{caseId}',
    'lead',
    { table: 'read' },
  ),
  httpFunction(
    'acknowledge-case',
    'POST /cases/{caseId}/acknowledge: a lead is on it',
    'POST /cases/{caseId}/acknowledge',
    'lead',
    { table: 'readWrite' },
  ),
  {
    name: 'resolve-case',
    description: 'POST /cases/{caseId}/resolve: closes a case with a reason code and a note',
    trigger: { kind: 'http', method: 'POST', path: '/cases/{caseId}/resolve', auth: 'lead' },
    // The recovery survey is scheduled as any interaction: stored, checked against the policy, queued.
    uses: { table: 'readWrite', invitationQueues: true },
    // No defaultCountry: the stored invitation's phone is in E.164 already, read at its own intake.
    settings: ['recoverySurvey', 'contactPolicy'],
  },
  {
    name: 'escalate-cases',
    description: 'Escalates, once, each case left unacknowledged past its SLA',
    trigger: { kind: 'schedule', everyMinutes: 5 },
    uses: { table: 'readWrite', alertsTopic: true },
    settings: ['caseSla', 'publicUrl'],
    timeoutSeconds: 60,
  },
  {
    name: 'evaluate-metric-alerts',
    description: 'Alerts once when a rolling score falls below its rule, and once when it recovers',
    trigger: { kind: 'schedule', everyMinutes: 5 },
    uses: { table: 'readWrite', alertsTopic: true },
    settings: ['metricAlerts', 'minSample', 'publicUrl'],
    timeoutSeconds: 60,
  },
  httpFunction(
    'get-metrics',
    'GET /metrics: rolling NPS, CSAT or CES per segment from the buckets',
    'GET /metrics',
    'lead',
    { table: 'read' },
    ['minSample'],
  ),
  httpFunction(
    'get-metrics-trend',
    'GET /metrics/trend: the score per day or week, with n and margin per point',
    'GET /metrics/trend',
    'lead',
    { table: 'read' },
    ['minSample'],
  ),
];
