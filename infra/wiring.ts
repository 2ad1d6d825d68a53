import {
  CASE_SORT_KEY,
  INVITATION_SORT_KEY,
  LABELS_SORT_KEY,
  type Partition,
  RESPONSE_SORT_KEY,
  TABLE_DESIGN,
} from '../lib/platform/table-design.js';
import type { IntegratorScope, RouteScopes } from '../lib/settings/access.js';
import { LEADS } from '../lib/settings/access.js';
import { UNHAPPY_AT_OR_BELOW } from '../lib/settings/alerts.js';
import { CASE_SLA, RECOVERY_SURVEY } from '../lib/settings/cases.js';
import { CONTACT_POLICY, DEFAULT_COUNTRY } from '../lib/settings/contact-policy.js';
import { ANALYSIS_ATTEMPTS, INSIGHTS } from '../lib/settings/insight.js';
import { MESSAGE_SETTINGS } from '../lib/settings/messages.js';
import { METRIC_ALERT_RULES } from '../lib/settings/metric-alerts.js';
import { MIN_SAMPLE } from '../lib/settings/metrics.js';
import { EVENTS_OUT } from '../lib/settings/people.js';
import { PUBLIC_URL } from '../lib/settings/resources.js';
import { SEND_ATTEMPTS, SEND_RATES } from '../lib/settings/sending.js';
import { variableValueOf } from '../lib/settings/setting.js';
import { SMS_ORIGINATION } from '../lib/settings/sms.js';
import type { FunctionSetting, RouteThrottle } from '../lib/settings/stage.js';
import type { StageConfig } from './stage-config.js';

/**
 * Which function is fed by which trigger, and what it may touch: written once, read by the CDK app
 * (`infra/stateless-stack.ts`) and by the local runtime (`infra/local/`), so the two cannot drift.
 */
export type Trigger =
  /**
   * An HTTP API route, open or behind an authorizer as `RouteAccess` says. `throttle` is the route's
   * limit across every caller, sized for its traffic; a stage may change it (`throttling.routes`).
   */
  | ({ kind: 'http'; method: 'GET' | 'POST'; path: string; throttle: RouteThrottle } & RouteAccess)
  /** The Lambda authorizer of the `integrator` or the `lead` routes. */
  | { kind: 'http-authorizer'; guards: GuardedAuth }
  | { kind: 'bus'; detailType: string }
  /** A fixed rate, from an EventBridge schedule; locally, from the clock. */
  | { kind: 'schedule'; everyMinutes: number }
  /**
   * An SNS topic of the stateful stack: SES's delivery feedback, or inbound SMS. `openRate`, for a
   * topic anyone outside can make a message arrive on (a text from any phone), is the messages a
   * second its function is sized for, as a public route's limit sizes its function.
   */
  | { kind: 'topic'; topic: 'emailFeedback' | 'inboundSms'; openRate?: number }
  | {
      kind: 'queue';
      /**
       * One of the send queues, one per channel (each channel has its own sender and send rate), or
       * the queue of comments whose analysis is tried again.
       */
      queue: WorkQueue;
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
      /**
       * Batches of one shard handled at once (1 to 10; default 1), each of the records whose partition
       * key hashes to it: one key's records stay in order, different keys' go on side by side.
       */
      parallelizationFactor?: number;
      retryAttempts: number;
      maxRecordAgeSeconds: number;
      /** Set to receive the shard id with every batch (Lambda tumbling windows); the aggregator fences on it. */
      tumblingWindowSeconds?: number;
    };

export type Auth = 'integrator' | 'lead' | 'public' | 'session';
/** The routes an authorizer stands before. */
export type GuardedAuth = 'integrator' | 'lead';

/**
 * Who may call a route: `public`, anyone (survey pages, unsubscribe, each authorized by its link's
 * signed token); `session`, anyone too as far as the API goes, the function reading its own session
 * cookie (the leads' console); `integrator`, an integrator credential holding the route's `scope`;
 * `lead`, such a credential or a signed-in lead (cases, metrics, releasing an answer). The scope is
 * named here, beside the route, and nowhere else: the authorizers are handed every route's
 * (`routeScopesOf`).
 */
export type RouteAccess = { auth: 'public' | 'session' } | { auth: GuardedAuth; scope: IntegratorScope };

/** Whether a route has no authorizer before it: anyone on the network can make its function run. */
export const isOpenRoute = (access: { auth: Auth }): boolean =>
  access.auth === 'public' || access.auth === 'session';

/** The queues of invitations due to be sent, by the channel they go out by. */
export type InvitationQueue = 'emailInvitations' | 'smsInvitations';
/** Every queue a function is fed by: the send queues, and the comments to analyse again. */
export type WorkQueue = InvitationQueue | 'commentAnalysis';

/**
 * An action on the table's items, by its IAM name. A transaction's Put, Update, Delete and
 * ConditionCheck are each authorized as PutItem, UpdateItem, DeleteItem and ConditionCheckItem.
 * BatchWriteItem is authorized on the partition key of each item it puts or deletes, like the rest.
 * Scan is not among them: a scan cannot be held to partitions.
 */
export type TableAction =
  | 'GetItem'
  | 'BatchGetItem'
  | 'Query'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'BatchWriteItem'
  | 'ConditionCheckItem';

/**
 * What a function may do to the table: these actions, on items under these kinds of partition key
 * only (`PARTITIONS` of lib/platform/table-design.ts). IAM holds it to the partition key, never the
 * sort key: a function that deletes its alert claims under `INV#` could delete anything under `INV#`.
 */
export interface TableAccess extends TableGrant {
  /**
   * More actions on fewer kinds of partition, each grant a statement of its own: a function that
   * reads much and writes little is not granted its writes on everything it reads.
   */
  also?: readonly TableGrant[];
}

/** Some actions on the items under some kinds of partition key. */
export interface TableGrant {
  actions: readonly TableAction[];
  partitions: readonly Partition[];
}

/** Each grant of a table access: its own, then those it adds on fewer partitions. */
export const tableGrantsOf = (access: TableAccess): TableGrant[] => [
  { actions: access.actions, partitions: access.partitions },
  ...(access.also ?? []),
];

/** Resources a function may use; each grant also sets the variables that name the resource. */
export interface Uses {
  table?: TableAccess;
  /** Queues invitations to send on both send queues, each on the queue of its channel. */
  invitationQueues?: true;
  /** Queues comments whose analysis is to be tried again (lib/insight/label-comment.ts). */
  analysisQueue?: true;
  /** Reads comments' sentiment with Amazon Comprehend's DetectSentiment. */
  comprehend?: true;
  alertsTopic?: true;
  /** Puts events on the stage's bus (lib/events/): answers, their changes, cases opened and resolved. */
  eventBus?: true;
  email?: true;
  /** Publishes SMS straight to phone numbers through SNS. */
  sms?: true;
  signingKey?: true;
  apiToken?: true;
  /** Verifies leads' ID tokens from the stage's Cognito user pool. */
  leadSignIn?: true;
  /**
   * How a console function meets the user pool's managed login on AWS (`CONSOLE_SIGN_IN`, its login
   * domain's URL and the console's app client): `sign-in` starts and finishes sign-ins, verifying the
   * ID token against the pool; `sign-out` only sends a lead there to sign out (the forms).
   */
  consoleSignIn?: 'sign-in' | 'sign-out';
}

/**
 * A stage setting a function is handed, beside the resources its grants name, by its definition
 * (`lib/settings/`): the one its use case reads it through, named as the variable it is handed in.
 */
export type HandedSetting = FunctionSetting | typeof PUBLIC_URL;

export interface FunctionSpec {
  /** Verb-noun, also the file name under functions/. */
  name: string;
  description: string;
  trigger: Trigger;
  uses: Uses;
  settings?: HandedSetting[];
  /**
   * Whom the links it builds under `publicUrl` are for, required with that setting. Customers' links
   * (survey, unsubscribe) go through the stage's edge distribution when it has one; leads' links
   * (cases, trends) stay on the API, since the edge serves customers' links only.
   */
  linksFor?: 'customers' | 'leads';
  memoryMb?: number;
  timeoutSeconds?: number;
}

/** The value of a stage setting as the environment variable its definition names. */
export const settingValue = (config: StageConfig, setting: FunctionSetting): string =>
  variableValueOf(config[setting.name]);

type HttpTrigger = Extract<Trigger, { kind: 'http' }>;

/** A route as API Gateway keys it: "GET /s/{token}". */
export const routeKeyOf = (trigger: Pick<HttpTrigger, 'method' | 'path'>): string =>
  `${trigger.method} ${trigger.path}`;

/** A route's limit: the wiring's, with what the stage changes of it (`throttling.routes`). */
export const routeThrottleOf = (trigger: HttpTrigger, config: StageConfig): RouteThrottle => ({
  ...trigger.throttle,
  ...config.throttling.routes[routeKeyOf(trigger)],
});

/**
 * Seconds of one instance set aside per request a second of its routes, for a function anyone may
 * reach: a warm request takes under 100 ms, the rest covers cold starts and slow reads. So the route's
 * limit, a clean 429, bites before the function's concurrency does.
 */
export const RESERVED_SECONDS_PER_REQUEST = 0.25;

/**
 * The concurrency reserved for a function anyone may reach, which also caps it: a public route's
 * function, an authorizer, which runs for every token it has not cached (a flood of wrong tokens
 * included) on the routes it guards, or the reader of a topic anyone can send to (inbound SMS). Sized
 * from the limits of those routes, or the topic's open rate, so that no flood can take the account's
 * concurrency from the pipeline's own functions (the stream readers, the senders, intake). None for
 * any other function, or when the stage reserves none.
 */
export const reservedConcurrencyOf = (
  spec: FunctionSpec,
  specs: readonly FunctionSpec[],
  config: StageConfig,
): number | undefined => {
  if (!config.throttling.reservedConcurrency) return undefined;
  const { trigger } = spec;
  if (trigger.kind === 'topic')
    return trigger.openRate === undefined
      ? undefined
      : Math.ceil(trigger.openRate * RESERVED_SECONDS_PER_REQUEST);
  const routes =
    trigger.kind === 'http' && isOpenRoute(trigger)
      ? [trigger]
      : trigger.kind === 'http-authorizer'
        ? specs
            .map((other) => other.trigger)
            .filter((other): other is HttpTrigger => other.kind === 'http' && other.auth === trigger.guards)
        : [];
  if (routes.length === 0) return undefined;
  const rate = routes.reduce((sum, route) => sum + routeThrottleOf(route, config).rateLimit, 0);
  return Math.ceil(rate * RESERVED_SECONDS_PER_REQUEST);
};

/**
 * Each guarded route's scope by its route key, as the authorizers are handed it: one table for both,
 * made from the routes' own wiring.
 */
export const routeScopesOf = (specs: readonly FunctionSpec[]): RouteScopes =>
  Object.fromEntries(
    specs.flatMap(({ trigger }) =>
      trigger.kind === 'http' && 'scope' in trigger ? [[routeKeyOf(trigger), trigger.scope]] : [],
    ),
  );

/** Records of response items only: alerts, cases and aggregates never invoke the stream consumers. */
const responseRecords = { dynamodb: { Keys: { [TABLE_DESIGN.sortKey]: { S: [RESPONSE_SORT_KEY] } } } };
/** Records of invitation items, which the fold counts the funnel from. */
const invitationRecords = { dynamodb: { Keys: { [TABLE_DESIGN.sortKey]: { S: [INVITATION_SORT_KEY] } } } };
/** Records of comment labels, which the fold counts sentiment and topics from. */
const labelRecords = { dynamodb: { Keys: { [TABLE_DESIGN.sortKey]: { S: [LABELS_SORT_KEY] } } } };
/** Records of cases, whose openings and resolutions the reactor publishes. */
const caseRecords = { dynamodb: { Keys: { [TABLE_DESIGN.sortKey]: { S: [CASE_SORT_KEY] } } } };

/** A function behind one route of the HTTP API, limited to `throttle` across every caller. */
const httpFunction = (
  name: string,
  description: string,
  route: `${'GET' | 'POST'} /${string}`,
  access: RouteAccess,
  throttle: RouteThrottle,
  uses: Uses,
  settings?: HandedSetting[],
): FunctionSpec => {
  const [method, path] = route.split(' ') as ['GET' | 'POST', string];
  return {
    name,
    description,
    trigger: { kind: 'http', method, path, throttle, ...access },
    uses,
    ...(settings ? { settings } : {}),
  };
};

/** A page customers open from a signed link in a message, in their language, behind no token. */
const customerPage = (
  name: string,
  description: string,
  route: `${'GET' | 'POST'} /${string}`,
  throttle: RouteThrottle,
  table: TableAccess,
): FunctionSpec =>
  httpFunction(name, description, route, { auth: 'public' }, throttle, { table, signingKey: true }, [
    MESSAGE_SETTINGS,
  ]);

/**
 * A page or form of the leads' console: open to the network (it reads its own session cookie), limited
 * like the lead routes, reading the overview's scores and the cases; `writes`, what it may write beside.
 */
const consoleFunction = (
  name: string,
  description: string,
  route: `${'GET' | 'POST'} /${string}`,
  writes: readonly TableGrant[] = [],
): FunctionSpec => ({
  ...httpFunction(
    name,
    description,
    route,
    { auth: 'session' },
    { rateLimit: 10, burstLimit: 20 },
    {
      table: {
        actions: ['GetItem', 'Query'],
        partitions: ['session', 'aggregate', 'caseList', 'invitation', 'answers', 'metric'],
        ...(writes.length > 0 ? { also: writes } : {}),
      },
      consoleSignIn: 'sign-in',
    },
    [LEADS, PUBLIC_URL, MIN_SAMPLE, CASE_SLA, INSIGHTS, METRIC_ALERT_RULES],
  ),
  linksFor: 'leads',
});

/**
 * The lead routes' limit: a few people and a dashboard, each call one query or one conditional
 * write. A token that floods them reaches 429 without taking the customers' or integrators' routes.
 */
const FEW_PEOPLE: RouteThrottle = { rateLimit: 10, burstLimit: 20 };

export const FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: 'authorize-integrator',
    description: "Checks an integrator credential's token and the route's scope on the integrator routes",
    trigger: { kind: 'http-authorizer', guards: 'integrator' },
    uses: { apiToken: true },
  },
  {
    name: 'authorize-lead',
    description:
      "Lets an integrator credential with the route's scope, or a lead's ID token, through to the lead routes",
    trigger: { kind: 'http-authorizer', guards: 'lead' },
    uses: { apiToken: true, leadSignIn: true },
    // Who is a lead now, and who is kept to some teams.
    settings: [LEADS],
  },
  httpFunction(
    'accept-interaction',
    'POST /interactions: validates, deduplicates and schedules an invitation',
    'POST /interactions',
    { auth: 'integrator', scope: 'interactions:send' },
    // Bulk: a helpdesk's backlog or a backfill, 360,000 an hour at this rate; more goes by the bus.
    { rateLimit: 100, burstLimit: 200 },
    {
      table: {
        actions: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem'],
        partitions: ['invitation', 'contact'],
      },
      invitationQueues: true,
    },
    [CONTACT_POLICY, DEFAULT_COUNTRY],
  ),
  {
    name: 'accept-interaction-event',
    description: 'InteractionCompleted from the event bus: same as POST /interactions',
    trigger: { kind: 'bus', detailType: 'InteractionCompleted' },
    uses: {
      table: {
        actions: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem'],
        partitions: ['invitation', 'contact'],
      },
      invitationQueues: true,
    },
    settings: [CONTACT_POLICY, DEFAULT_COUNTRY],
  },
  {
    name: 'reopen-interaction',
    description: 'POST /interactions/{interactionId}/reopen: cancels an invitation not sent yet',
    trigger: {
      kind: 'http',
      method: 'POST',
      path: '/interactions/{interactionId}/reopen',
      auth: 'integrator',
      // Reopening cancels a survey: part of sending interactions.
      scope: 'interactions:send',
      // One call per reopened ticket.
      throttle: { rateLimit: 20, burstLimit: 40 },
    },
    uses: { table: { actions: ['GetItem', 'UpdateItem'], partitions: ['invitation'] } },
  },
  {
    name: 'reopen-interaction-event',
    description: 'InteractionReopened from the event bus: same as POST /interactions/{id}/reopen',
    trigger: { kind: 'bus', detailType: 'InteractionReopened' },
    uses: { table: { actions: ['GetItem', 'UpdateItem'], partitions: ['invitation'] } },
  },
  httpFunction(
    'get-invitation',
    'GET /invitations/{interactionId}: what became of an interaction',
    'GET /invitations/{interactionId}',
    { auth: 'integrator', scope: 'invitations:read' },
    // An integrator looking up interactions one at a time.
    { rateLimit: 20, burstLimit: 40 },
    { table: { actions: ['GetItem'], partitions: ['invitation'] } },
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
    uses: {
      // The claim is one transaction over the invitation and the person's contact items; a send that
      // fails gives the person's last-send mark back, deleting the one it made.
      table: {
        actions: ['GetItem', 'BatchGetItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem'],
        partitions: ['invitation', 'contact'],
      },
      invitationQueues: true,
      email: true,
      signingKey: true,
    },
    settings: [PUBLIC_URL, CONTACT_POLICY, MESSAGE_SETTINGS, SEND_RATES],
    linksFor: 'customers',
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
    uses: {
      // As the email sender, and the SMS kept under the number and under its message id.
      table: {
        actions: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem'],
        partitions: ['invitation', 'contact', 'smsMessage'],
      },
      invitationQueues: true,
      sms: true,
      signingKey: true,
    },
    settings: [CONTACT_POLICY, MESSAGE_SETTINGS, SMS_ORIGINATION, SEND_RATES],
    timeoutSeconds: 60,
  },
  customerPage(
    'show-unsubscribe',
    'GET /u/{token}: the unsubscribe confirmation page, changes nothing',
    'GET /u/{token}',
    // One link per email; mail scanners fetch it within seconds of each send.
    { rateLimit: 20, burstLimit: 40 },
    { actions: ['GetItem'], partitions: ['invitation'] },
  ),
  customerPage(
    'unsubscribe',
    'POST /u/{token}: one-click unsubscribe (RFC 8058) and the confirmation form',
    'POST /u/{token}',
    // A mail provider's one-click button or the confirmation form: a small share of each send.
    { rateLimit: 20, burstLimit: 40 },
    { actions: ['GetItem', 'PutItem'], partitions: ['invitation', 'contact'] },
  ),
  {
    name: 'record-sms-reply',
    description: 'Reads inbound SMS: scores, comments, STOP, START and HELP',
    // Anyone can text the number: sized for 40 texts a second, several times the replies to the
    // stage's sends, so a flood of texts waits in Lambda's queue instead of taking the account's
    // concurrency (each text takes well under a quarter second).
    trigger: { kind: 'topic', topic: 'inboundSms', openRate: 40 },
    uses: {
      // START deletes an SMS opt-out; a failed handling gives back its claim on the inbound message.
      table: {
        actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem'],
        partitions: ['invitation', 'contact', 'smsMessage', 'smsReply'],
      },
      sms: true,
    },
    settings: [MESSAGE_SETTINGS, SMS_ORIGINATION],
  },
  {
    name: 'record-email-feedback',
    description: 'Suppresses addresses that bounced for good, complained or unsubscribed, from SES events',
    trigger: { kind: 'topic', topic: 'emailFeedback' },
    uses: { table: { actions: ['GetItem', 'PutItem', 'UpdateItem'], partitions: ['invitation', 'contact'] } },
  },
  customerPage(
    'show-survey',
    'GET /s/{token}: the survey page, score preselected, records nothing',
    'GET /s/{token}',
    // The busiest route: after a send, mail scanners fetch every score link of each email (11 for NPS)
    // within seconds, and customers click over the next hours.
    { rateLimit: 100, burstLimit: 200 },
    { actions: ['GetItem'], partitions: ['invitation'] },
  ),
  customerPage(
    'record-answer',
    'POST /s/{token}: records or changes an answer',
    'POST /s/{token}',
    // A person's answer, then maybe their comment: a share of the page loads.
    { rateLimit: 50, burstLimit: 100 },
    // A page stamp is deleted again when the answer could not be stored.
    // An answer is put in a transaction with a check that its invitation was not erased.
    { actions: ['GetItem', 'PutItem', 'DeleteItem', 'ConditionCheckItem'], partitions: ['invitation'] },
  ),
  {
    name: 'release-answer',
    description: 'POST /invitations/{interactionId}/release: counts an answer held as suspect',
    trigger: {
      kind: 'http',
      method: 'POST',
      path: '/invitations/{interactionId}/release',
      auth: 'lead',
      scope: 'answers:release',
      throttle: FEW_PEOPLE,
    },
    uses: { table: { actions: ['GetItem', 'PutItem', 'ConditionCheckItem'], partitions: ['invitation'] } },
  },
  {
    name: 'aggregate-responses',
    description:
      'Folds answers, invitation funnel steps and comment labels into per-day aggregate buckets, exactly once',
    trigger: {
      kind: 'stream',
      filters: [responseRecords, invitationRecords, labelRecords],
      // Each batch writes each touched bucket once, so under load a bigger batch writes less per
      // answer: at 100 records (answers and their invitations' steps) 0.47 write units an answer, at
      // 1,000 0.06 (npm run bench). A quiet stream still goes within a second.
      batchSize: 1000,
      maxBatchingWindowSeconds: 1,
      retryAttempts: 10,
      maxRecordAgeSeconds: 3600,
      tumblingWindowSeconds: 300,
    },
    uses: { table: { actions: ['BatchGetItem', 'PutItem'], partitions: ['aggregate'] } },
    timeoutSeconds: 60,
  },
  {
    name: 'react-to-answers',
    description:
      'The reactor: labels comments, opens a case and alerts once per unhappy answer, updates it on a change, lists answers, publishes events',
    trigger: {
      kind: 'stream',
      // Answers, labels settled off the stream (an answer is listed again with them), and cases,
      // whose openings and resolutions go out as events.
      filters: [responseRecords, labelRecords, caseRecords],
      batchSize: 100,
      maxBatchingWindowSeconds: 0,
      parallelizationFactor: 4,
      retryAttempts: 10,
      maxRecordAgeSeconds: 3600,
    },
    uses: {
      // A comment's labels are put beside its answer, or deleted with its comment. A failed publish
      // deletes its alert claim; a case's due update moves by a delete and a put; an answer's copies in
      // the listing are put, and those of the facets it left deleted, in batches, after reading what
      // it was listed under. A case opens with its statistics and its customer's next-answer marker,
      // which a later answer finds (a query) and takes (a delete) with the win-back figures.
      table: {
        actions: [
          'GetItem',
          'Query',
          'PutItem',
          'UpdateItem',
          'DeleteItem',
          'BatchWriteItem',
          'ConditionCheckItem',
        ],
        partitions: ['invitation', 'caseList', 'caseUpdates', 'answers', 'caseStats', 'followUp'],
      },
      alertsTopic: true,
      comprehend: true,
      analysisQueue: true,
      eventBus: true,
    },
    settings: [UNHAPPY_AT_OR_BELOW, PUBLIC_URL, RECOVERY_SURVEY, INSIGHTS, EVENTS_OUT],
    linksFor: 'leads',
    timeoutSeconds: 30,
  },
  {
    name: 'analyse-comments',
    description: 'Analyses again the comments whose analysis was put off (a throttle or an outage)',
    trigger: {
      kind: 'queue',
      queue: 'commentAnalysis',
      batchSize: 10,
      // Kept below Comprehend's own rate: a throttle is what sent the comments here.
      maxConcurrency: 2,
      maxReceiveCount: ANALYSIS_ATTEMPTS,
    },
    // Reads the answer's comment and its labels, and settles the labels on a condition.
    uses: { table: { actions: ['GetItem', 'PutItem'], partitions: ['invitation'] }, comprehend: true },
    settings: [INSIGHTS],
    timeoutSeconds: 30,
  },
  // The leads' console: its pages read the session themselves, so no authorizer stands before them.
  consoleFunction(
    'show-console',
    "GET /console: the leads' console, its overview of scores and cases waiting",
    'GET /console',
  ),
  consoleFunction(
    'show-console-page',
    "GET /console/{proxy+}: the console's other pages (sign-in and its callback, segments, feedback, topics, cases, rules)",
    'GET /console/{proxy+}',
    // A sign-in through the managed login is kept on its way out and taken once on its way back
    // (a conditional delete), and then starts a session: no other write.
    [
      { actions: ['PutItem'], partitions: ['login', 'session'] },
      { actions: ['DeleteItem'], partitions: ['login'] },
    ],
  ),
  {
    ...consoleFunction(
      'act-in-console',
      "POST /console/{proxy+}: the console's forms (the local sign-in, sign-out, and each move of a case)",
      'POST /console/{proxy+}',
    ),
    // Sessions are kept and ended; a case moves as by its routes, and resolving it may invite the
    // customer to the recovery survey (stored, checked against the policy, queued).
    uses: {
      table: {
        actions: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'],
        partitions: ['session', 'invitation', 'caseList', 'contact', 'caseStats', 'aggregate'],
      },
      invitationQueues: true,
      consoleSignIn: 'sign-out',
    },
    settings: [LEADS, PUBLIC_URL, CASE_SLA, RECOVERY_SURVEY, CONTACT_POLICY, INSIGHTS],
  },
  httpFunction(
    'list-responses',
    'GET /responses: answers newest first, by survey, window, segment, category and comment, as JSON or CSV',
    'GET /responses',
    { auth: 'lead', scope: 'invitations:read' },
    FEW_PEOPLE,
    { table: { actions: ['Query'], partitions: ['answers'] } },
  ),
  httpFunction(
    'list-cases',
    'GET /cases: the newest cases, by status and team',
    'GET /cases',
    { auth: 'lead', scope: 'cases:work' },
    FEW_PEOPLE,
    { table: { actions: ['Query'], partitions: ['caseList'] } },
  ),
  httpFunction(
    'get-case-stats',
    'GET /cases/stats: cases opened, acknowledged, resolved, times, SLA, reasons, recovery score, win-back',
    'GET /cases/stats',
    { auth: 'lead', scope: 'cases:work' },
    FEW_PEOPLE,
    // One query of one scope's day items: never the cases.
    { table: { actions: ['Query'], partitions: ['caseStats'] } },
    [CASE_SLA, RECOVERY_SURVEY, MIN_SAMPLE],
  ),
  httpFunction(
    'erase-person',
    'POST /people/erase: scrubs one person from every item, their answers still counted anonymously',
    'POST /people/erase',
    { auth: 'integrator', scope: 'people:manage' },
    // A privacy request now and then, by the company's own people.
    { rateLimit: 2, burstLimit: 5 },
    {
      table: {
        actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem'],
        partitions: [
          'invitation',
          'contact',
          'answers',
          'caseList',
          'caseUpdates',
          'caseStats',
          'followUp',
          'audit',
        ],
      },
      signingKey: true,
    },
    [DEFAULT_COUNTRY],
  ),
  httpFunction(
    'export-person',
    'GET /people/export: everything held about one person, for an access request',
    'GET /people/export',
    { auth: 'integrator', scope: 'people:manage' },
    { rateLimit: 2, burstLimit: 5 },
    {
      table: {
        actions: ['GetItem', 'Query'],
        partitions: ['invitation', 'contact'],
        also: [{ actions: ['PutItem'], partitions: ['audit'] }],
      },
      signingKey: true,
    },
    [DEFAULT_COUNTRY],
  ),
  httpFunction(
    'get-case',
    'GET /cases/{caseId}: one case, as the alert links it',
    'GET /cases/{caseId}',
    { auth: 'lead', scope: 'cases:work' },
    FEW_PEOPLE,
    { table: { actions: ['GetItem'], partitions: ['invitation'] } },
  ),
  httpFunction(
    'acknowledge-case',
    'POST /cases/{caseId}/acknowledge: a lead is on it',
    'POST /cases/{caseId}/acknowledge',
    { auth: 'lead', scope: 'cases:work' },
    FEW_PEOPLE,
    // The case's statistics move with it.
    {
      table: {
        actions: ['GetItem', 'PutItem', 'UpdateItem'],
        partitions: ['invitation', 'caseList', 'caseStats'],
      },
    },
  ),
  httpFunction(
    'assign-case',
    "POST /cases/{caseId}/assign: assigns a case to one of the stage's leads, or unassigns it",
    'POST /cases/{caseId}/assign',
    { auth: 'lead', scope: 'cases:work' },
    FEW_PEOPLE,
    // The case and its listed copy, in one conditional write; an assignment counts in no statistics.
    { table: { actions: ['GetItem', 'PutItem'], partitions: ['invitation', 'caseList'] } },
    // Whom a case may be assigned to.
    [LEADS],
  ),
  httpFunction(
    'add-case-note',
    "POST /cases/{caseId}/notes: a lead's note on a case's timeline",
    'POST /cases/{caseId}/notes',
    { auth: 'lead', scope: 'cases:work' },
    FEW_PEOPLE,
    // As assigning: a note counts in no statistics.
    { table: { actions: ['GetItem', 'PutItem'], partitions: ['invitation', 'caseList'] } },
  ),
  httpFunction(
    'reopen-case',
    'POST /cases/{caseId}/reopen: opens a resolved case again, as a new opening',
    'POST /cases/{caseId}/reopen',
    { auth: 'lead', scope: 'cases:work' },
    FEW_PEOPLE,
    // The case moves to its new place in the listing (its old copy deleted), and counts as opened again.
    {
      table: {
        actions: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'],
        partitions: ['invitation', 'caseList', 'caseStats'],
      },
    },
  ),
  {
    name: 'resolve-case',
    description: 'POST /cases/{caseId}/resolve: closes a case with a reason code and a note',
    trigger: {
      kind: 'http',
      method: 'POST',
      path: '/cases/{caseId}/resolve',
      auth: 'lead',
      scope: 'cases:work',
      throttle: FEW_PEOPLE,
    },
    // The recovery survey is scheduled as any interaction: stored, checked against the policy, queued.
    uses: {
      table: {
        actions: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem'],
        partitions: ['invitation', 'caseList', 'contact', 'caseStats'],
      },
      invitationQueues: true,
    },
    // No defaultCountry: the stored invitation's phone is in E.164 already, read at its own intake.
    settings: [RECOVERY_SURVEY, CONTACT_POLICY],
  },
  {
    name: 'escalate-cases',
    description: 'Escalates, once, each case left unacknowledged past its SLA',
    trigger: { kind: 'schedule', everyMinutes: 5 },
    uses: {
      // As the reactor, and the queries of open cases and of due updates; an escalation is counted.
      table: {
        actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'],
        partitions: ['invitation', 'caseList', 'caseUpdates', 'caseStats'],
      },
      alertsTopic: true,
    },
    settings: [CASE_SLA, PUBLIC_URL],
    linksFor: 'leads',
    timeoutSeconds: 60,
  },
  {
    name: 'evaluate-metric-alerts',
    description: 'Alerts once when a rolling score falls below its rule, and once when it recovers',
    trigger: { kind: 'schedule', everyMinutes: 5 },
    uses: {
      // A failed publish deletes its alert claim, under the rule.
      table: {
        actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'],
        partitions: ['metric', 'aggregate'],
      },
      alertsTopic: true,
    },
    settings: [METRIC_ALERT_RULES, MIN_SAMPLE, PUBLIC_URL],
    linksFor: 'leads',
    timeoutSeconds: 60,
  },
  httpFunction(
    'get-metrics',
    'GET /metrics: rolling NPS, CSAT or CES per segment from the buckets',
    'GET /metrics',
    { auth: 'lead', scope: 'cases:work' },
    FEW_PEOPLE,
    { table: { actions: ['Query'], partitions: ['aggregate'] } },
    [MIN_SAMPLE],
  ),
  httpFunction(
    'get-metrics-breakdown',
    'GET /metrics/breakdown: every team, agent, channel or touchpoint side by side, with margins and change',
    'GET /metrics/breakdown',
    { auth: 'lead', scope: 'cases:work' },
    FEW_PEOPLE,
    // The registry of values, then each value's day buckets.
    { table: { actions: ['Query'], partitions: ['aggregate'] } },
    [MIN_SAMPLE],
  ),
  httpFunction(
    'get-metrics-topics',
    'GET /metrics/topics: what comments speak of, by mentions, with their sentiment, score and impact on the score',
    'GET /metrics/topics',
    { auth: 'lead', scope: 'cases:work' },
    FEW_PEOPLE,
    { table: { actions: ['Query'], partitions: ['aggregate'] } },
    [MIN_SAMPLE],
  ),
  httpFunction(
    'get-metrics-funnel',
    'GET /metrics/funnel: invitations received, sent, skipped, failed and answered, and the response rate',
    'GET /metrics/funnel',
    { auth: 'lead', scope: 'cases:work' },
    FEW_PEOPLE,
    { table: { actions: ['Query'], partitions: ['aggregate'] } },
    [MIN_SAMPLE],
  ),
  httpFunction(
    'get-metrics-trend',
    'GET /metrics/trend: the score per day or week, with n and margin per point',
    'GET /metrics/trend',
    { auth: 'lead', scope: 'cases:work' },
    FEW_PEOPLE,
    { table: { actions: ['Query'], partitions: ['aggregate'] } },
    [MIN_SAMPLE],
  ),
];
