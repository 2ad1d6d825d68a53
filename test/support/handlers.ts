import { ComprehendClient } from '@aws-sdk/client-comprehend';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { Outbox } from '../../infra/local/capture.js';
import { answerComprehendLocally, type ComprehendTwin } from '../../infra/local/comprehend.js';
import { LOCAL_AWS } from '../../infra/local/dynamodb-local.js';
import { answerEventBridgeLocally, type EventBridgeTwin } from '../../infra/local/eventbridge.js';
import { aggregateResponses } from '../../lib/aggregates/aggregate-responses.js';
import { DynamoDbAggregateStore } from '../../lib/aggregates/dynamodb-aggregate-store.js';
import type { CountChange } from '../../lib/aggregates/fold.js';
import type { AggregateStore } from '../../lib/aggregates/ports.js';
import { DynamoDbAlertLedger } from '../../lib/alerts/dynamodb-alert-ledger.js';
import { DynamoDbMetricAlertStates } from '../../lib/alerts/dynamodb-metric-alert-states.js';
import { DynamoDbPageStamps } from '../../lib/answers/web/dynamodb-page-stamps.js';
import { DynamoDbCaseStats } from '../../lib/cases/dynamodb-case-stats.js';
import { DynamoDbCaseStore } from '../../lib/cases/dynamodb-case-store.js';
import { DynamoDbContactLedger } from '../../lib/contacts/dynamodb-contact-ledger.js';
import { DynamoDbPersonIndex } from '../../lib/contacts/dynamodb-person-index.js';
import { DynamoDbEventLedger } from '../../lib/events/dynamodb-event-ledger.js';
import { EventBridgePublisher } from '../../lib/events/eventbridge-publisher.js';
import type { EventsOut } from '../../lib/events/events.js';
import { DynamoDbFeedbackStore } from '../../lib/feedback/dynamodb-feedback-store.js';
import { ComprehendSentimentDetector } from '../../lib/insight/comprehend-sentiment-detector.js';
import { DEFAULT_TAXONOMY } from '../../lib/insight/default-taxonomy.js';
import { DynamoDbLabelsStore } from '../../lib/insight/dynamodb-labels-store.js';
import { DynamoDbInvitationStore } from '../../lib/invitations/dynamodb-invitation-store.js';
import { DynamoDbResponseStore } from '../../lib/invitations/dynamodb-response-store.js';
import type { Invitation } from '../../lib/invitations/invitation.js';
import { DynamoDbSmsConversations } from '../../lib/invitations/sms/dynamodb-sms-conversations.js';
import type { Clock } from '../../lib/platform/clock.js';
import type { MessageSettings } from '../../lib/settings/messages.js';
import { freshTable } from './dynamodb.js';
import { clockAt } from './in-memory.js';
import { context, loadEvent } from './lambda.js';
import { SIGNING_KEY } from './samples.js';

/*
 * What the handler tests in functions/ share: the real stores over one DynamoDB Local table, a clock
 * that stands still, and API Gateway events made from the fixtures in events/api-gateway/.
 */

export type Table = Awaited<ReturnType<typeof freshTable>>;

/** Every store the functions use, as the real DynamoDB adapters over one table; the bus, as `localEvents`. */
export const storesOn = ({ client, tableName }: Table) => ({
  invitations: new DynamoDbInvitationStore(client, tableName),
  responses: new DynamoDbResponseStore(client, tableName),
  stamps: new DynamoDbPageStamps(client, tableName),
  contacts: new DynamoDbContactLedger(client, tableName),
  people: new DynamoDbPersonIndex(client, tableName),
  conversations: new DynamoDbSmsConversations(client, tableName),
  cases: new DynamoDbCaseStore(client, tableName),
  caseStats: new DynamoDbCaseStats(client, tableName),
  aggregates: new DynamoDbAggregateStore(client, tableName),
  ledger: new DynamoDbAlertLedger(client, tableName),
  metricStates: new DynamoDbMetricAlertStates(client, tableName),
  feedback: new DynamoDbFeedbackStore(client, tableName),
  labels: new DynamoDbLabelsStore(client, tableName),
  eventLedger: new DynamoDbEventLedger(client, tableName),
  ...localEvents(),
});

/** The bus the events of the tests go on, locally. */
export const TEST_EVENT_BUS = 'pulse-test';

/**
 * The stage's bus as the local runtime answers it, behind the real adapter: each event put is kept in
 * `eventOutbox` (kind `event`), and the twin refuses every entry while its `outage` is set. Events
 * carry no comment unless `eventsOut` says so.
 */
export const localEvents = (
  eventsOut: EventsOut = { includeComment: false },
  twin: EventBridgeTwin = { outage: null },
) => {
  const eventOutbox = new Outbox();
  const client = answerEventBridgeLocally(new EventBridgeClient({ ...LOCAL_AWS, maxAttempts: 1 }), {
    outbox: eventOutbox,
    now: () => new Date(),
    busName: TEST_EVENT_BUS,
    twin,
  });
  return { eventPublisher: new EventBridgePublisher(client, TEST_EVENT_BUS), eventsOut, eventOutbox };
};

/**
 * Labelling comments as the local runtime does: the local twin of Comprehend (failing while `twin`
 * says it is out) behind the real adapter, the default taxonomy, and the comments put off for a retry
 * kept in `retried`.
 */
export const localInsight = (twin: ComprehendTwin = { outage: null }) => {
  const retried: { invitationId: string; commentDigest: string }[] = [];
  return {
    // One attempt: an outage of the twin fails at once, as the SDK's retries would in the end.
    sentiment: new ComprehendSentimentDetector(
      answerComprehendLocally(new ComprehendClient({ ...LOCAL_AWS, maxAttempts: 1 }), twin),
    ),
    taxonomy: DEFAULT_TAXONOMY,
    analysisQueue: {
      retry: async (invitationId: string, commentDigest: string) => {
        retried.push({ invitationId, commentDigest });
      },
    },
    retried,
  };
};

/** `storesOn` a fresh table. */
export const freshStores = async () => storesOn(await freshTable());

/**
 * What the handlers of the links in an invitation (its survey and unsubscribe pages) are given: the
 * stores of a fresh table that holds `invitation`, a clock at `now`, the key the links are signed with
 * (SIGNING_KEY) and English messages.
 */
export const linkDeps = async (invitation: Invitation, now: string) => {
  const stores = await freshStores();
  await stores.invitations.create(invitation);
  const messages: MessageSettings = { defaultLocale: 'en' };
  return { ...stores, clock: clockAt(now), signingKey: async () => SIGNING_KEY, messages };
};

type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;

/**
 * A metrics read API (get-metrics, get-metrics-trend) as `createHandler` makes it over the aggregates
 * of a fresh table, with the clock at `now` and `minSample` answers needed for a full sample.
 */
export const metricsApi = async (
  createHandler: (deps: { aggregates: AggregateStore; clock: Clock; minSample: number }) => HttpHandler,
  now: string,
  minSample: number,
) => {
  const { aggregates } = await freshStores();
  return { call: httpCaller(createHandler({ aggregates, clock: clockAt(now), minSample })), aggregates };
};

/** Folds count changes into the aggregates as the aggregator would, numbering them in order; none may fail. */
export const foldChanges = async (aggregates: AggregateStore, changes: CountChange[], now: string) => {
  const numbered = changes.map((change, i) => ({ ...change, sequenceNumber: String(100 + i) }));
  const result = await aggregateResponses(
    'shardId-1',
    numbered.map((change) => ({ sequenceNumber: change.sequenceNumber, kind: 'change' as const, change })),
    { aggregates, clock: { now: () => new Date(now) } },
  );
  if (result.failed.length > 0) throw new Error(`the fold failed: ${JSON.stringify(result.failed)}`);
};

/** An HTTP handler's answer, as the tests read it. */
export interface HttpAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** Calls an HTTP API handler with a Lambda context, as API Gateway would. */
export const httpCaller =
  (handler: HttpHandler) =>
  async (event: APIGatewayProxyEventV2): Promise<HttpAnswer> =>
    (await handler(event, context())) as HttpAnswer;

export interface HttpRequest {
  /** Merged into the fixture's; the raw path follows, by the route. */
  pathParameters?: Record<string, string>;
  /** Merged into the fixture's query string parameters (undefined takes one out); the raw query string follows. */
  query?: Record<string, string | undefined>;
  /** As it is when a string (the fixture says whether it is base64), as JSON otherwise. */
  body?: string | object;
  /** The signed-in lead, as the lead authorizer hands it to the function. */
  lead?: string;
  /** The teams the signed-in lead is kept to, as the lead authorizer hands them over (a JSON list). */
  teams?: readonly string[];
  /** The integrator credential, by name, as either authorizer hands it to the function. */
  credential?: string;
}

/** The API Gateway fixture `events/api-gateway/<fixture>.json`, changed to make `request`. */
export const httpEvent = (fixture: string, request: HttpRequest = {}): APIGatewayProxyEventV2 => {
  const event = loadEvent(`api-gateway/${fixture}.json`);
  if (request.pathParameters) {
    event.pathParameters = { ...event.pathParameters, ...request.pathParameters };
    const route: string = event.routeKey.split(' ')[1];
    const path = route.replace(/\{(\w+)\}/g, (_, name: string) => event.pathParameters[name]);
    event.rawPath = path;
    event.requestContext.http.path = path;
  }
  if (request.query) {
    event.queryStringParameters = Object.fromEntries(
      Object.entries({ ...event.queryStringParameters, ...request.query }).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    );
    event.rawQueryString = new URLSearchParams(event.queryStringParameters).toString();
  }
  if (request.body !== undefined) {
    event.body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
  }
  if (request.lead !== undefined) {
    event.requestContext.authorizer = {
      lambda: {
        actor: 'lead',
        lead: request.lead,
        ...(request.teams ? { teams: JSON.stringify(request.teams) } : {}),
      },
    };
  }
  if (request.credential !== undefined) {
    event.requestContext.authorizer = { lambda: { actor: 'integrator', credential: request.credential } };
  }
  return event;
};
