import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ComprehendClient } from '@aws-sdk/client-comprehend';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import * as z from 'zod';
import {
  CredentialsError,
  hashToken,
  INTEGRATOR_SCOPES,
  type IntegratorCredential,
  readCredentials,
} from '../../lib/access/integrator-credentials.js';
import { InboundSmsSchema } from '../../lib/answers/sms/inbound-sms.js';
import { createRoot, type Root } from '../../lib/compose.js';
import { bodyText } from '../../lib/platform/http/requests.js';
import { parseJson } from '../../lib/platform/json.js';
import { ANALYSIS_ATTEMPTS } from '../../lib/settings/insight.js';
import { SEND_ATTEMPTS } from '../../lib/settings/sending.js';
import { settingsFrom } from '../../lib/settings/setting.js';
import { FUNCTION_SETTING_NAMES } from '../../lib/settings/stage.js';
import { parseStageConfig, type StageConfig, type StageConfigInput } from '../stage-config.js';
import { FUNCTIONS, type FunctionSpec, routeScopesOf, type WorkQueue } from '../wiring.js';
import { answerLocally, OUTBOX_KINDS, Outbox, type OutboxEntry } from './capture.js';
import { LocalClock, parseDuration } from './clock.js';
import { answerComprehendLocally, type ComprehendTwin } from './comprehend.js';
import { asInvokedLocally } from './concurrency.js';
import { ensureTable, LOCAL_AWS, startDynamoDbLocal } from './dynamodb-local.js';
import { answerEventBridgeLocally, type EventBridgeTwin } from './eventbridge.js';
import { type HttpRoute, startHttpServer } from './http-server.js';
import { lambdaContext } from './lambda-context.js';
import { LOCAL_LEADS, LocalLeadIssuer } from './lead-issuer.js';
import { type DeadLetter, LocalQueue } from './local-queue.js';
import { type Chaos, parseChaos, type StreamConsumer, StreamPoller } from './stream-poller.js';
import { tableClientHeldTo } from './table-access.js';
import { LocalTimeToLive } from './time-to-live.js';

export interface LocalRuntimeOptions {
  /** Port to listen on; 0 picks a free one. Default 3000. */
  port?: number;
  host?: string;
  /** The token of the integrator credential `local`, which holds every scope; default: a new random one. */
  apiToken?: string;
  /**
   * More integrator credentials, as the stage's secret holds them (`{ "credentials": [...] }`, token
   * hashes from `npm run credential`); `local` is taken. Default: none.
   */
  credentials?: string;
  /** Keep the table (and the link signing key) in this folder; default: in memory. */
  dataDir?: string;
  /** Base of links in messages; default: the server's URL. */
  publicUrl?: string;
  chaos?: Chaos;
  /** Stage settings over the local defaults (no delay and no quiet hours before invitations, generous send rates). */
  config?: Partial<StageConfigInput>;
  /** How often the stream is polled when it is idle, in ms. Default 25. */
  pollIntervalMs?: number;
  /**
   * Sign leads in to the console through an OAuth authorization server standing in for the user
   * pool's managed login, as on AWS (authorization code with PKCE), instead of the local sign-in page:
   * its base URL (`/oauth2/authorize`, `/oauth2/token`, `/logout` under it) and the console's client
   * id. The ID tokens it hands out must be signed by `leadIssuer`, the local user pool, for that
   * client. Default: the local sign-in page.
   */
  managedLogin?: { url: string; clientId: string };
}

export interface LocalRuntime {
  url: string;
  /** DynamoDB Local's endpoint and the table, for tools and tests that look underneath. */
  dynamoDbEndpoint: string;
  tableName: string;
  apiToken: string;
  clock: LocalClock;
  outbox: Outbox;
  deadLetters: DeadLetter[];
  /** The local twin of Comprehend: set its `outage` to make comment analysis fail. */
  comprehend: ComprehendTwin;
  /** The local bus: set its `outage` to make every PutEvents entry fail. */
  eventBridge: EventBridgeTwin;
  /** The local user pool: it signs the leads' ID tokens that the authorizer and the console verify. */
  leadIssuer: LocalLeadIssuer;
  config: StageConfig;
  /** Waits until every stream record written so far is processed and no due message is waiting. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

const TABLE_NAME = 'pulse';
/** The stage's bus of events out, locally: each entry put on it is in the outbox as an `event`. */
const EVENT_BUS_NAME = 'pulse-local';
/**
 * The number the local stage texts from, a US toll-free one: so US numbers are the destinations it
 * texts by default, as a stage's own country is on AWS.
 */
const LOCAL_SMS_NUMBER = '+18005550199';
const ACCOUNT = '000000000000';
const arn = (service: string, resource: string) =>
  `arn:aws:${service}:${LOCAL_AWS.region}:${ACCOUNT}:${resource}`;
const queueUrl = (name: string) => `https://sqs.${LOCAL_AWS.region}.amazonaws.com/${ACCOUNT}/${name}`;

/** The local queues by the wiring's name: a send queue per channel, and the comments to analyse again. */
const QUEUE_NAMES: Record<WorkQueue, string> = {
  emailInvitations: 'pulse-email-invitations',
  smsInvitations: 'pulse-sms-invitations',
  commentAnalysis: 'pulse-comment-analysis',
};

type Handler = (event: unknown, context: Context) => Promise<unknown>;

const json = (statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify(body, null, 2),
});

const jsonOf = (event: APIGatewayProxyEventV2): unknown => parseJson(bodyText(event) || '{}');

const signingKeyFor = (dataDir: string | undefined): string => {
  if (!dataDir) return randomBytes(32).toString('base64url');
  const file = join(dataDir, 'signing-key');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    const key = randomBytes(32).toString('base64url');
    writeFileSync(file, key, { mode: 0o600 });
    return key;
  }
};

/**
 * The whole pipeline on one machine: DynamoDB Local with its real stream, the same handlers as on AWS
 * wired from `infra/wiring.ts`, SES, SNS, SQS and Comprehend answered locally at the SDK boundary, and a
 * clock that can be moved forward.
 */
export const startLocalRuntime = async (options: LocalRuntimeOptions = {}): Promise<LocalRuntime> => {
  const host = options.host ?? '127.0.0.1';
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const dynamo = await startDynamoDbLocal({ dataDir: options.dataDir });
  // Stopped in this order: no new requests, what is due delivered, the stream reader, the database last.
  const stopSteps: {
    server?: () => Promise<void>;
    queue?: () => Promise<void>;
    poller?: () => Promise<void>;
  } = {};
  const tableClients: DynamoDBClient[] = [];
  const stopAll = async () => {
    for (const client of tableClients) client.destroy();
    for (const step of [stopSteps.server, stopSteps.queue, stopSteps.poller, () => dynamo.stop()]) {
      await step?.().catch(() => undefined);
    }
  };
  try {
    const streamArn = await ensureTable(dynamo.client, TABLE_NAME);
    const apiToken = options.apiToken ?? randomBytes(24).toString('base64url');
    const integratorCredentials = localCredentials(apiToken, options.credentials);
    const signingKey = signingKeyFor(options.dataDir);
    const clock = new LocalClock();
    const timeToLive = new LocalTimeToLive(dynamo.client, TABLE_NAME, clock.now());
    const outbox = new Outbox();
    const deadLetters: DeadLetter[] = [];
    const config = parseStageConfig({
      stage: 'local',
      senderAddress: 'surveys@pulse.local',
      sendRates: { emailPerSecond: 200, smsPerSecond: 200 },
      leads: ['lead@pulse.local'],
      ...options.config,
      contactPolicy: { delaySeconds: 0, quietHours: null, ...options.config?.contactPolicy },
      sms: { originationNumber: LOCAL_SMS_NUMBER, ...options.config?.sms },
    });

    const workQueue = (name: string, maxReceiveCount: number) =>
      new LocalQueue({
        name,
        clock,
        batchSize: 10,
        maxReceiveCount,
        visibilityTimeoutSeconds: 60,
        deadLetters,
      });
    const sendQueues: Record<WorkQueue, LocalQueue> = {
      emailInvitations: workQueue(QUEUE_NAMES.emailInvitations, SEND_ATTEMPTS),
      smsInvitations: workQueue(QUEUE_NAMES.smsInvitations, SEND_ATTEMPTS),
      commentAnalysis: workQueue(QUEUE_NAMES.commentAnalysis, ANALYSIS_ATTEMPTS),
    };
    /** SendMessage lands on the queue its QueueUrl names, as on AWS. */
    const queueAt = new Map(
      (Object.keys(sendQueues) as WorkQueue[]).map((queue) => [
        queueUrl(QUEUE_NAMES[queue]),
        sendQueues[queue],
      ]),
    );
    /** Delivers what is visible on every send queue, until none has any left: a message moved across too. */
    const drainSendQueues = async () => {
      const queues = Object.values(sendQueues);
      do {
        await Promise.all(queues.map((queue) => queue.drain()));
      } while (queues.some((queue) => queue.visible > 0));
    };
    const topicHandlers = new Map<string, { name: string; handler: Handler }>();
    const schedules: { name: string; handler: Handler; everyMs: number; lastAt: number }[] = [];
    let scheduleRun: Promise<void> | undefined;
    /**
     * Runs each scheduled function whose period has passed on the clock, once however far it moved, and
     * sweeps what expired. One run at a time: a caller that finds one under way (the timer's, when the
     * clock route moves the clock) waits for it, then runs, so that it returns only once what is due
     * by its clock is done.
     */
    const runDueSchedules = async (): Promise<void> => {
      while (scheduleRun) await scheduleRun.catch(() => undefined);
      scheduleRun = runDueSchedulesOnce().finally(() => {
        scheduleRun = undefined;
      });
      return scheduleRun;
    };
    const runDueSchedulesOnce = async () => {
      for (const schedule of schedules) {
        const now = clock.now().getTime();
        if (now - schedule.lastAt < schedule.everyMs) continue;
        schedule.lastAt = now;
        await invokeAsync(schedule, scheduledEvent(schedule.name, clock.now()), clock, deadLetters);
      }
      await timeToLive.sweep(clock.now());
    };
    const inFlight = new Set<Promise<unknown>>();
    /** SNS invokes a subscribed function asynchronously: after the publish returns, with retries. */
    const publishToTopic = (topic: string, message: unknown) => {
      const target = topicHandlers.get(topic);
      if (!target) return;
      const delivery = new Promise((resolve) => setImmediate(resolve))
        .then(() => invokeAsync(target, snsEvent(topic, message, clock.now()), clock, deadLetters))
        .finally(() => inFlight.delete(delivery));
      inFlight.add(delivery);
    };
    const sesv2 = answerLocally(new SESv2Client(LOCAL_AWS), async (command, input) => {
      if (command !== 'SendEmailCommand') throw new Error(`local SES does not answer ${command}`);
      const messageId = outbox.record('email', clock.now(), input);
      const feedback = simulatedFeedback(input, messageId, clock.now());
      if (feedback) publishToTopic('emailFeedback', feedback);
      return { MessageId: messageId };
    });
    const sns = answerLocally(new SNSClient(LOCAL_AWS), async (command, input) => {
      if (command !== 'PublishCommand') throw new Error(`local SNS does not answer ${command}`);
      return { MessageId: outbox.record(input.PhoneNumber ? 'sms' : 'alert', clock.now(), input) };
    });
    const sqs = answerLocally(new SQSClient(LOCAL_AWS), async (command, input) => {
      if (command !== 'SendMessageCommand') throw new Error(`local SQS does not answer ${command}`);
      const parsed = z
        .object({ QueueUrl: z.string(), MessageBody: z.string(), DelaySeconds: z.number().optional() })
        .parse(input);
      const queue = queueAt.get(parsed.QueueUrl);
      if (!queue) throw new Error(`local SQS has no queue ${parsed.QueueUrl}`);
      // The SDK checks the body's MD5 against the one SQS computes.
      return {
        MessageId: queue.send(parsed.MessageBody, parsed.DelaySeconds ?? 0),
        MD5OfMessageBody: createHash('md5').update(parsed.MessageBody).digest('hex'),
      };
    });
    // Comprehend's DetectSentiment, answered by the local analysis from the request the SDK serialised.
    const comprehendTwin: ComprehendTwin = { outage: null };
    const comprehend = answerComprehendLocally(new ComprehendClient(LOCAL_AWS), comprehendTwin);
    const eventBridgeTwin: EventBridgeTwin = { outage: null };
    const eventBridge = answerEventBridgeLocally(new EventBridgeClient(LOCAL_AWS), {
      outbox,
      now: () => clock.now(),
      busName: EVENT_BUS_NAME,
      twin: eventBridgeTwin,
    });

    const routes: HttpRoute[] = [];
    const listening = await startHttpServer(routes, host, options.port ?? 3000);
    stopSteps.server = () =>
      new Promise<void>((resolve) => {
        listening.server.close(() => resolve());
        listening.server.closeIdleConnections();
      });
    const publicUrl = options.publicUrl ?? listening.url;

    const leadIssuer = new LocalLeadIssuer(config.leads.map(({ email }) => email));
    // The same composition root as on AWS, with the local twins handed in and the settings as values.
    const root = createRoot({
      settings: settingsFrom({
        ...Object.fromEntries(FUNCTION_SETTING_NAMES.map((name) => [name, config[name]])),
        tableName: TABLE_NAME,
        emailQueueUrl: queueUrl(QUEUE_NAMES.emailInvitations),
        smsQueueUrl: queueUrl(QUEUE_NAMES.smsInvitations),
        analysisQueueUrl: queueUrl(QUEUE_NAMES.commentAnalysis),
        alertsTopicArn: arn('sns', 'pulse-alerts'),
        eventBusName: EVENT_BUS_NAME,
        senderAddress: config.senderAddress,
        configurationSetName: 'pulse-local',
        publicUrl,
        sendConcurrency: 1,
        routeScopes: routeScopesOf(FUNCTIONS),
        leadsUserPoolId: LOCAL_LEADS.userPoolId,
        leadsClientId: LOCAL_LEADS.clientId,
        ...(options.managedLogin
          ? {
              consoleSignIn: 'cognito' as const,
              leadsLoginUrl: options.managedLogin.url,
              consoleClientId: options.managedLogin.clientId,
            }
          : { consoleSignIn: 'local' as const }),
      }),
      clock,
      clients: { dynamodb: dynamo.client, sesv2, sns, sqs, comprehend, eventBridge },
      given: {
        signingKey: async () => signingKey,
        integratorCredentials: async () => integratorCredentials,
        leadJwks: async () => leadIssuer.jwks,
      },
    });

    // Each function's own root, whose table client refuses what its wiring does not grant (as IAM does
    // on AWS), so that a function reaching past its grant fails here first.
    const rootFor = (spec: FunctionSpec): Root => {
      const dynamodb = tableClientHeldTo(
        { ...LOCAL_AWS, endpoint: dynamo.endpoint, maxAttempts: 3 },
        spec.name,
        spec.uses.table,
      );
      tableClients.push(dynamodb);
      return createRoot({ ...root, built: new Map(), clients: { ...root.clients, dynamodb } });
    };

    const authorizers = new Map<string, { name: string; handler: Handler }>();
    const streamConsumers: StreamConsumer[] = [];
    const busHandlers = new Map<string, { name: string; handler: Handler }>();
    const httpSpecs: { method: string; path: string; auth: string; name: string; handler: Handler }[] = [];
    for (const spec of FUNCTIONS) {
      const module = (await import(`../../functions/${spec.name}.ts`)) as {
        dependencies: (root: Root) => unknown;
        createHandler: (deps: unknown) => Handler;
      };
      const handler = asInvokedLocally(
        spec,
        config,
        module.createHandler(module.dependencies(rootFor(spec))),
      );
      const invoke = (event: unknown) => handler(event, lambdaContext(spec.name));
      const trigger = spec.trigger;
      switch (trigger.kind) {
        case 'http-authorizer':
          authorizers.set(trigger.guards, { name: spec.name, handler });
          break;
        case 'http':
          httpSpecs.push({ ...trigger, name: spec.name, handler });
          break;
        case 'queue':
          sendQueues[trigger.queue].consume((event) => invoke(event) as never);
          break;
        case 'stream':
          streamConsumers.push({ name: spec.name, trigger, invoke });
          break;
        case 'bus':
          busHandlers.set(trigger.detailType, { name: spec.name, handler });
          break;
        case 'topic':
          topicHandlers.set(trigger.topic, { name: spec.name, handler });
          break;
        case 'schedule':
          schedules.push({
            name: spec.name,
            handler,
            everyMs: trigger.everyMinutes * 60_000,
            lastAt: clock.now().getTime(),
          });
          break;
      }
    }

    /** As API Gateway does: the route's authorizer, then its context handed to the function. */
    const authorizerOf = (guards: string) => async (event: APIGatewayProxyEventV2) => {
      const authorizer = authorizers.get(guards);
      if (!authorizer) throw new Error(`no ${guards} authorizer is wired`);
      if (!event.headers.authorization) return json(401, { message: 'Unauthorized' });
      try {
        const result = (await authorizer.handler(
          {
            version: '2.0',
            type: 'REQUEST',
            routeArn: arn(
              'execute-api',
              `local/$default/${event.requestContext.http.method}${event.rawPath}`,
            ),
            // As the stack configures it: the token and the route, the key of the authorizer's cache.
            identitySource: [event.headers.authorization, event.routeKey],
            routeKey: event.routeKey,
            rawPath: event.rawPath,
            rawQueryString: event.rawQueryString,
            headers: event.headers,
            queryStringParameters: event.queryStringParameters,
            pathParameters: event.pathParameters,
            requestContext: event.requestContext,
          },
          lambdaContext(authorizer.name),
        )) as { isAuthorized?: boolean; context?: Record<string, unknown> };
        if (!result.isAuthorized) return json(403, { message: 'Forbidden' });
        Object.assign(event.requestContext, { authorizer: { lambda: result.context ?? {} } });
        return null;
      } catch (error) {
        if (error instanceof Error && error.message === 'Unauthorized')
          return json(401, { message: 'Unauthorized' });
        throw error;
      }
    };

    for (const spec of httpSpecs) {
      routes.push({
        method: spec.method,
        path: spec.path,
        handle: (event) =>
          spec.handler(event, lambdaContext(spec.name)) as Promise<APIGatewayProxyStructuredResultV2>,
        ...('scope' in spec ? { authorize: authorizerOf(spec.auth) } : {}),
      });
    }

    const streams = new DynamoDBStreamsClient({ ...LOCAL_AWS, endpoint: dynamo.endpoint });
    const poller = new StreamPoller({
      client: streams,
      streamArn,
      consumers: streamConsumers,
      deadLetters,
      chaos: options.chaos ?? parseChaos(undefined),
      pollIntervalMs: options.pollIntervalMs ?? 25,
      now: () => clock.now(),
      deletedByTimeToLive: (keys) => timeToLive.deletedByTimeToLive(keys),
    });
    poller.start();
    stopSteps.poller = async () => {
      await poller.stop();
      streams.destroy();
    };

    const pump = setInterval(() => {
      drainSendQueues().catch((error: unknown) => console.error('local queue: delivery failed', error));
    }, 50);
    let scheduling: Promise<void> | undefined;
    const scheduler = setInterval(() => {
      scheduling ??= runDueSchedules()
        .catch((error: unknown) => console.error('local schedule: run failed', error))
        .finally(() => {
          scheduling = undefined;
        });
    }, 1000);
    stopSteps.queue = async () => {
      clearInterval(scheduler);
      await scheduling;
      clearInterval(pump);
      await drainSendQueues();
    };

    routes.push(
      ...localRoutes({
        outbox,
        clock,
        deadLetters,
        busHandlers,
        settledQueue: drainSendQueues,
        publishToTopic,
        topicHandlers,
        runDueSchedules,
        leadIssuer,
      }),
    );

    return {
      url: listening.url,
      dynamoDbEndpoint: dynamo.endpoint,
      tableName: TABLE_NAME,
      apiToken,
      clock,
      outbox,
      deadLetters,
      comprehend: comprehendTwin,
      eventBridge: eventBridgeTwin,
      leadIssuer,
      config,
      async settled() {
        await drainSendQueues();
        await Promise.all(inFlight);
        await poller.settled();
        await drainSendQueues();
        await Promise.all(inFlight);
        // What the queues' consumers wrote (a comment's labels settled) reaches the stream readers too.
        await poller.settled();
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
};

/** The name of the credential whose token `npm start` prints: every scope, as the stage's old single token had. */
export const LOCAL_CREDENTIAL_NAME = 'local';

/**
 * The value the credentials' secret would hold locally: `local`, with `apiToken` and every scope, and
 * the credentials of `extra` (the same document as the secret), checked as the authorizers read them.
 */
const localCredentials = (apiToken: string, extra: string | undefined): string => {
  const local: IntegratorCredential = {
    name: LOCAL_CREDENTIAL_NAME,
    scopes: [...INTEGRATOR_SCOPES],
    tokens: [hashToken(apiToken)],
  };
  if (extra !== undefined && !extra.trim().startsWith('{')) {
    throw new CredentialsError('integrator credentials: give them as { "credentials": [...] }');
  }
  const more = extra === undefined ? [] : readCredentials(extra);
  if (more.some((credential) => credential.name === LOCAL_CREDENTIAL_NAME)) {
    throw new CredentialsError(`integrator credentials: ${LOCAL_CREDENTIAL_NAME} is the printed token's`);
  }
  const credentials = [local, ...more];
  // Checked whole, so that a token shared with `local` is refused as the secret's would be.
  readCredentials(JSON.stringify({ credentials }));
  return JSON.stringify({ credentials });
};

const ClockRequestSchema = z.union([
  z.object({ advance: z.string().min(2) }).strict(),
  z.object({ set: z.iso.datetime({ offset: true }) }).strict(),
]);

const BusEventSchema = z.object({
  detailType: z.string().min(1),
  source: z.string().default('local.integrator'),
  detail: z.unknown(),
});

/** The routes that exist only on one machine: the outbox, inbound SMS, the clock, the bus and the dead letters. */
const localRoutes = (parts: {
  outbox: Outbox;
  clock: LocalClock;
  deadLetters: DeadLetter[];
  busHandlers: Map<string, { name: string; handler: Handler }>;
  settledQueue: () => Promise<void>;
  publishToTopic: (topic: string, message: unknown) => void;
  topicHandlers: Map<string, { name: string; handler: Handler }>;
  runDueSchedules: () => Promise<void>;
  leadIssuer: LocalLeadIssuer;
}): HttpRoute[] => [
  {
    method: 'GET',
    path: '/_local/outbox',
    handle: async (event) => {
      const kind = event.queryStringParameters?.kind;
      if (kind !== undefined && !(OUTBOX_KINDS as readonly string[]).includes(kind)) {
        return json(400, {
          error: 'kind: must be email, sms, alert or event',
          fields: [{ field: 'kind', message: 'must be email, sms, alert or event' }],
        });
      }
      // `from`: skip the first entries of the list, so that a client polling it reads only what is new.
      const from = event.queryStringParameters?.from ?? '0';
      if (!/^\d{1,9}$/.test(from)) {
        return json(400, {
          error: 'from: must be a whole number of entries to skip',
          fields: [{ field: 'from', message: 'must be a whole number of entries to skip' }],
        });
      }
      return json(200, parts.outbox.list(kind as OutboxEntry['kind'] | undefined).slice(Number(from)));
    },
  },
  {
    method: 'POST',
    path: '/_local/sms',
    handle: async (event) => {
      const parsed = InboundSmsSchema.safeParse(jsonOf(event));
      if (!parsed.success) {
        const fields = parsed.error.issues.map((i) => ({
          field: i.path.join('.') || 'body',
          message: i.message,
        }));
        return json(400, { error: fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields });
      }
      // As the two-way channel does: the payload, as JSON, published to the inbound SMS topic.
      parts.publishToTopic('inboundSms', parsed.data);
      const reader = parts.topicHandlers.get('inboundSms');
      return json(202, {
        accepted: true,
        inboundMessageId: parsed.data.inboundMessageId,
        readBy: reader ? [reader.name] : [],
      });
    },
  },
  {
    method: 'POST',
    path: '/_local/leads/sign-in',
    handle: async (event) => {
      const parsed = z.object({ email: z.email() }).safeParse(jsonOf(event));
      if (!parsed.success) {
        return json(400, {
          error: 'email: must be an email address',
          fields: [{ field: 'email', message: 'must be an email address' }],
        });
      }
      // Real time, as Cognito's: the authorizer checks the expiry against it, whatever the local clock says.
      const signedIn = parts.leadIssuer.signIn(parsed.data.email, new Date());
      return signedIn
        ? json(200, signedIn)
        : json(401, { error: `${parsed.data.email} is not one of the stage's leads` });
    },
  },
  {
    method: 'GET',
    path: '/_local/clock',
    handle: async () => json(200, { now: parts.clock.now().toISOString() }),
  },
  {
    method: 'POST',
    path: '/_local/clock',
    handle: async (event) => {
      const parsed = ClockRequestSchema.safeParse(jsonOf(event));
      if (!parsed.success) {
        return json(400, {
          error: 'body: send { "advance": "PT2H" } or { "set": "<ISO time>" }',
          fields: [{ field: 'body', message: 'send { "advance": "PT2H" } or { "set": "<ISO time>" }' }],
        });
      }
      try {
        if ('advance' in parsed.data) parts.clock.advance(parseDuration(parsed.data.advance));
        else parts.clock.set(new Date(parsed.data.set));
      } catch (error) {
        const field = 'advance' in parsed.data ? 'advance' : 'set';
        return json(400, {
          error: `${field}: ${(error as Error).message}`,
          fields: [{ field, message: (error as Error).message }],
        });
      }
      await parts.settledQueue();
      await parts.runDueSchedules();
      return json(200, { now: parts.clock.now().toISOString() });
    },
  },
  {
    method: 'POST',
    path: '/_local/events',
    handle: async (event) => {
      const parsed = BusEventSchema.safeParse(jsonOf(event));
      if (!parsed.success) {
        return json(400, { error: 'body: send { "detailType": "InteractionCompleted", "detail": { ... } }' });
      }
      const target = parts.busHandlers.get(parsed.data.detailType);
      const busEvent = {
        version: '0',
        id: randomUUID(),
        'detail-type': parsed.data.detailType,
        source: parsed.data.source,
        account: ACCOUNT,
        time: parts.clock.now().toISOString(),
        region: LOCAL_AWS.region,
        resources: [],
        detail: parsed.data.detail,
      };
      if (!target) return json(202, { id: busEvent.id, matchedRules: 0 });
      const failed = await invokeAsync(target, busEvent, parts.clock, parts.deadLetters);
      return json(202, { id: busEvent.id, matchedRules: 1, ...(failed ? { failed } : {}) });
    },
  },
  { method: 'GET', path: '/_local/dead-letters', handle: async () => json(200, parts.deadLetters) },
];

/**
 * An asynchronous Lambda invocation (EventBridge, SNS): two retries, then the on-failure destination
 * with the error. Answers the error message when every attempt failed.
 */
const invokeAsync = async (
  target: { name: string; handler: Handler },
  event: unknown,
  clock: LocalClock,
  deadLetters: DeadLetter[],
): Promise<string | undefined> => {
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    try {
      await target.handler(event, lambdaContext(target.name));
      return undefined;
    } catch (error) {
      lastError = error;
      // Lambda waits a minute, then two, between attempts; locally a moment stands for them.
      if (attempt < 3) await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
  const error = lastError instanceof Error ? lastError : new Error(String(lastError));
  deadLetters.push({
    source: `${target.name} on-failure`,
    at: clock.now().toISOString(),
    reason: error.message,
    payload: {
      version: '1.0',
      timestamp: clock.now().toISOString(),
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: event,
      responsePayload: { errorType: error.name, errorMessage: error.message },
    },
  });
  return error.message;
};

/** The event an EventBridge schedule delivers. */
const scheduledEvent = (name: string, at: Date) => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: ACCOUNT,
  time: at.toISOString(),
  region: LOCAL_AWS.region,
  resources: [arn('events', `rule/${name}`)],
  detail: {},
});

/** A Lambda SNS event carrying one message, as SNS delivers it to a subscribed function. */
const snsEvent = (topic: string, message: unknown, at: Date) => ({
  Records: [
    {
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: `${arn('sns', `pulse-${topic}`)}:${randomUUID()}`,
      Sns: {
        Type: 'Notification',
        MessageId: randomUUID(),
        TopicArn: arn('sns', `pulse-${topic}`),
        Subject: null,
        Message: typeof message === 'string' ? message : JSON.stringify(message),
        Timestamp: at.toISOString(),
        SignatureVersion: '1',
        Signature: 'local',
        SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/local.pem',
        UnsubscribeUrl: 'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe',
        MessageAttributes: {},
      },
    },
  ],
});

/**
 * SES's mailbox simulator, locally: mail to bounce@ (or suppressionlist@) simulator.amazonses.com
 * bounces for good, mail to complaint@ draws a complaint, each published as the configuration set's
 * event destination would publish it.
 */
const simulatedFeedback = (input: Record<string, unknown>, messageId: string, at: Date) => {
  const parsed = z
    .object({
      FromEmailAddress: z.string(),
      Destination: z.object({ ToAddresses: z.array(z.string()) }),
      EmailTags: z.array(z.object({ Name: z.string(), Value: z.string() })).optional(),
      ConfigurationSetName: z.string().optional(),
    })
    .safeParse(input);
  if (!parsed.success) return null;
  const to = parsed.data.Destination.ToAddresses[0] ?? '';
  const box = /^(bounce|suppressionlist|complaint)(\+[^@]*)?@simulator\.amazonses\.com$/i
    .exec(to)?.[1]
    ?.toLowerCase();
  if (!box) return null;
  const mail = {
    timestamp: at.toISOString(),
    source: parsed.data.FromEmailAddress,
    sendingAccountId: ACCOUNT,
    messageId,
    destination: parsed.data.Destination.ToAddresses,
    tags: {
      'ses:configuration-set': [parsed.data.ConfigurationSetName ?? 'pulse-local'],
      ...Object.fromEntries((parsed.data.EmailTags ?? []).map(({ Name, Value }) => [Name, [Value]])),
    },
  };
  if (box === 'complaint') {
    return {
      eventType: 'Complaint',
      complaint: {
        complainedRecipients: [{ emailAddress: to }],
        complaintFeedbackType: 'abuse',
        timestamp: at.toISOString(),
        feedbackId: randomUUID(),
      },
      mail,
    };
  }
  return {
    eventType: 'Bounce',
    bounce: {
      bounceType: 'Permanent',
      bounceSubType: box === 'bounce' ? 'General' : 'OnAccountSuppressionList',
      bouncedRecipients: [
        {
          emailAddress: to,
          action: 'failed',
          status: '5.1.1',
          diagnosticCode: 'smtp; 550 5.1.1 user unknown',
        },
      ],
      timestamp: at.toISOString(),
      feedbackId: randomUUID(),
    },
    mail,
  };
};
