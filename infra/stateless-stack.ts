import { CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnRoute,
  type CfnStage,
  HttpApi,
  HttpMethod,
  type HttpRoute,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, type IEventBus, Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { EventSourceMapping, FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import {
  DynamoEventSource,
  SnsEventSource,
  SqsDlq,
  SqsEventSource,
} from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IConfigurationSet } from 'aws-cdk-lib/aws-ses';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct, IConstruct } from 'constructs';
import {
  CONSOLE_CLIENT_ID,
  CONSOLE_SIGN_IN,
  LEADS_CLIENT_ID,
  LEADS_LOGIN_URL,
  LEADS_USER_POOL_ID,
  ROUTE_SCOPES,
} from '../lib/settings/access.js';
import { RETENTION } from '../lib/settings/people.js';
import { API_TOKEN_SECRET_ARN, PUBLIC_URL, SIGNING_KEY_SECRET_ARN } from '../lib/settings/resources.js';
import { SEND_CONCURRENCY } from '../lib/settings/sending.js';
import { CustomerEdge } from './constructs/customer-edge.js';
import { deadLetterRetention } from './constructs/dead-letter-retention.js';
import { ConsoleLogin } from './constructs/lead-sign-in.js';
import { OperationsAlarms } from './constructs/operations-alarms.js';
import { OperationsDashboard } from './constructs/operations-dashboard.js';
import { PULSE_FUNCTION_DEFAULTS, PulseFunction } from './constructs/pulse-function.js';
import type { StageConfig } from './stage-config.js';
import {
  type Auth,
  FUNCTIONS,
  type FunctionSpec,
  type InvitationQueue,
  isOpenRoute,
  reservedConcurrencyOf,
  routeKeyOf,
  routeScopesOf,
  routeThrottleOf,
  settingValue,
  type Trigger,
  type WorkQueue,
} from './wiring.js';

export interface StatelessStackProps extends StackProps {
  /** The validated stage settings. */
  readonly config: StageConfig;
  /** The single table; its stream must carry new and old images. */
  readonly table: ITableV2;
  /** Where detractor alerts are published. */
  readonly alertsTopic: ITopic;
  /** The stage's bus that Pulse publishes its own events on (answers, their changes, cases), for other systems. */
  readonly eventsOutBus: IEventBus;
  /** The SES configuration set invitations are sent with. */
  readonly configurationSet: IConfigurationSet;
  /** SES's feedback events, read by the function whose trigger is the `emailFeedback` topic. */
  readonly emailFeedbackTopic: ITopic;
  /** Inbound SMS from the two-way channel, read by the function whose trigger is the `inboundSms` topic. */
  readonly inboundSmsTopic: ITopic;
  /** The key that signs survey and unsubscribe links. */
  readonly signingKey: ISecret;
  /** The bearer token of the integrator routes. */
  readonly apiToken: ISecret;
  /**
   * The Cognito user pool leads sign in with, its app client for the API, and its managed login's
   * base URL (the console gets an app client of its own here, where the console's URL is known).
   */
  readonly leadSignIn: { readonly userPoolId: string; readonly clientId: string; readonly loginUrl: string };
  /**
   * The functions and their wiring.
   * @default FUNCTIONS from `infra/wiring.ts`
   */
  readonly functions?: readonly FunctionSpec[];
  /**
   * The ARN of the stage's CloudFront-scoped WAF web ACL (`EdgeStack`): a CloudFront distribution
   * behind it then fronts customers' links, and the links in messages use its domain.
   * @default no distribution; links use `publicUrl` or the API's URL
   */
  readonly edgeWebAclArn?: string;
  /** Alerts SNS could not deliver, kept by the stateful stack when the stage has subscribers. */
  readonly alertDeliveryFailureQueue?: IQueue;
  /**
   * The table's own key, when the stage's `tableKey` is `customer-managed`: each function that uses
   * the table or reads its stream is granted what DynamoDB needs of it.
   * @default the table is encrypted with DynamoDB's own key, and no grant is needed
   */
  readonly tableKey?: IKey;
  /** Answer events the analytics export could not deliver, when the stage has the export. */
  readonly analyticsFailureQueue?: IQueue;
}

/** A route of the HTTP API and the trigger it was made from. */
type WiredRoute = { route: HttpRoute; trigger: Extract<Trigger, { kind: 'http' }> };

/** Lambda's guidance: a queue's visibility timeout at least six times its consumer's timeout. */
const VISIBILITY_TIMEOUT_FACTOR = 6;

/**
 * The construct ids of each send queue and its DLQ. The email queue keeps the ids of the one queue
 * both channels shared before, so that a deploy from one queue to two keeps every message waiting in
 * it: the email sender moves those of SMS invitations to the SMS queue.
 */
const QUEUE_IDS: Record<WorkQueue, { queue: string; deadLetterQueue: string; label: string }> = {
  emailInvitations: {
    queue: 'InvitationsQueue',
    deadLetterQueue: 'InvitationsDeadLetterQueue',
    label: 'email invitations',
  },
  smsInvitations: {
    queue: 'SmsInvitationsQueue',
    deadLetterQueue: 'SmsInvitationsDeadLetterQueue',
    label: 'SMS invitations',
  },
  commentAnalysis: {
    queue: 'CommentAnalysisQueue',
    deadLetterQueue: 'CommentAnalysisDeadLetterQueue',
    label: 'comment analysis',
  },
};

const WORK_QUEUES = Object.keys(QUEUE_IDS) as WorkQueue[];
const isInvitationQueue = (name: WorkQueue): name is InvitationQueue => name !== 'commentAnalysis';

/** A queue and the dead-letter queue its messages move to after their last receive. */
export interface InvitationQueuePair {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
}

const pascalCase = (name: string) =>
  name
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');

/**
 * Every function of `FUNCTIONS`, granted what its `uses` names (each grant also sets the variable that
 * names the resource) and fed by its trigger: the HTTP API and its authorizers, the event bus, the
 * send queues (one per channel) and the table's stream. Every asynchronous path ends in a DLQ or an
 * on-failure destination, so that no event is dropped silently.
 */
export class StatelessStack extends Stack {
  /** Integrator routes behind the token authorizer, lead routes behind the token or a lead's sign-in, survey pages open. */
  readonly httpApi: HttpApi;
  /** Where integrators put `InteractionCompleted` events. */
  readonly eventBus: EventBus;
  /**
   * Invitations waiting to be sent, each delayed until it is due, on the queue of its channel; each
   * queue has a DLQ of its own for the messages that failed five receives.
   */
  readonly invitationQueues: Readonly<Record<InvitationQueue, InvitationQueuePair>>;
  /**
   * Comments whose analysis was put off (a throttle or an outage of Comprehend), tried again by
   * analyse-comments; those that fail every try end in its DLQ, their labels `failed`.
   */
  readonly analysisQueue: InvitationQueuePair;
  /** Every queue a function is fed by, by the wiring's name. */
  readonly workQueues: Readonly<Record<WorkQueue, InvitationQueuePair>>;
  /** Stream batches the stream consumers gave up on (their shard, sequence numbers and reason). */
  readonly streamFailureQueue: Queue;
  /** Bus events that could not be delivered, or whose function failed after its retries. */
  readonly eventFailureQueue: Queue;
  /** The functions by their name in `FUNCTIONS`. */
  readonly functions: ReadonlyMap<string, PulseFunction>;
  /** The alarms and the ops topic they go to. */
  readonly operations: OperationsAlarms;
  /** The one page ops read: business metrics, then functions, queues, table and API. */
  readonly dashboard: OperationsDashboard;
  /** The API's one stage, with its per-route limits. */
  readonly httpStage: HttpStage;
  /** The distribution in front of customers' links, when the stage has an edge. */
  readonly edge?: CustomerEdge;
  /** The console's app client of the leads' pool, which signs them in through the managed login. */
  readonly consoleLogin: ConsoleLogin;

  private readonly props: StatelessStackProps;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    this.props = props;
    const specs = props.functions ?? FUNCTIONS;

    this.invitationQueues = {
      emailInvitations: this.workQueue('emailInvitations', specs),
      smsInvitations: this.workQueue('smsInvitations', specs),
    };
    this.analysisQueue = this.workQueue('commentAnalysis', specs);
    this.workQueues = { ...this.invitationQueues, commentAnalysis: this.analysisQueue };
    // Not a redrive target, so the rule that wants a dead-letter queue on every other queue applies too.
    const notRedriveTarget = ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy'];
    this.streamFailureQueue = this.deadLetterQueue(
      'StreamFailureQueue',
      'It is the on-failure destination of the stream event source mappings.',
      notRedriveTarget,
    );
    this.eventFailureQueue = this.deadLetterQueue(
      'InteractionEventFailureQueue',
      'It is the dead-letter queue of the event bus rule and the on-failure destination of the function it invokes.',
      notRedriveTarget,
    );

    this.httpApi = this.createHttpApi();
    this.httpStage = this.createHttpStage();
    if (props.edgeWebAclArn) {
      this.edge = new CustomerEdge(this, 'CustomerEdge', {
        httpApi: this.httpApi,
        webAclArn: props.edgeWebAclArn,
        stage: props.config.stage,
      });
      new CfnOutput(this, 'CustomerLinksUrl', {
        value: this.edge.url,
        description: "Base URL of customers' links, through the edge",
      });
    }
    this.consoleLogin = new ConsoleLogin(this, 'ConsoleLogin', {
      userPoolId: props.leadSignIn.userPoolId,
      consoleUrl: this.leadsUrl(),
    });
    this.eventBus = new EventBus(this, 'InteractionBus', {
      description: `Pulse ${props.config.stage}: InteractionCompleted events from integrators`,
    });

    const wired = specs.map((spec) => {
      const fn = new PulseFunction(this, pascalCase(spec.name), {
        name: spec.name,
        description: spec.description,
        memorySize: spec.memoryMb ?? PULSE_FUNCTION_DEFAULTS.memoryMb,
        timeout: Duration.seconds(spec.timeoutSeconds ?? PULSE_FUNCTION_DEFAULTS.timeoutSeconds),
        logRetention: props.config.logRetentionDays as RetentionDays,
        reservedConcurrency: reservedConcurrencyOf(spec, specs, props.config),
      });
      this.grantUses(fn, spec);
      return { spec, fn };
    });
    this.functions = new Map(wired.map(({ spec, fn }) => [spec.name, fn]));

    const authorizers = this.createAuthorizers(specs);
    const routes = wired.flatMap(({ spec, fn }) => this.connectTrigger(fn, spec.trigger, authorizers));
    this.limitRoutes(routes);

    const functions = wired.map(({ spec, fn }) => ({ name: pascalCase(spec.name), fn: fn.function }));
    const streamConsumers = wired
      .filter(({ spec }) => spec.trigger.kind === 'stream')
      .map(({ spec, fn }) => ({ name: pascalCase(spec.name), fn: fn.function }));
    const deadLetterQueues = [
      ...WORK_QUEUES.map((name) => ({
        name: QUEUE_IDS[name].deadLetterQueue,
        queue: this.workQueues[name].deadLetterQueue,
      })),
      { name: 'StreamFailureQueue', queue: this.streamFailureQueue },
      { name: 'InteractionEventFailureQueue', queue: this.eventFailureQueue },
      ...(props.alertDeliveryFailureQueue
        ? [{ name: 'AlertDeliveryFailureQueue', queue: props.alertDeliveryFailureQueue }]
        : []),
      ...(props.analyticsFailureQueue
        ? [{ name: 'AnalyticsFailureQueue', queue: props.analyticsFailureQueue }]
        : []),
    ];
    this.operations = new OperationsAlarms(this, 'Operations', {
      functions,
      streamConsumers,
      deadLetterQueues,
      configurationSet: props.configurationSet,
      httpApi: this.httpApi,
      smsMonthToDateUsd: props.config.smsSpendAlarmUsd,
      opsEmails: props.config.opsEmails,
    });
    this.dashboard = new OperationsDashboard(this, 'Dashboard', {
      dashboardName: `Pulse-${props.config.stage}`,
      functions,
      streamConsumers,
      queues: WORK_QUEUES.map((name) => ({
        name: pascalCase(name),
        queue: this.workQueues[name].queue,
      })),
      deadLetterQueues,
      tableName: props.table.tableName,
      httpApi: this.httpApi,
    });

    new CfnOutput(this, 'ApiUrl', {
      value: this.httpApi.apiEndpoint,
      description: 'Base URL of the HTTP API',
    });
    new CfnOutput(this, 'EventBusName', { value: this.eventBus.eventBusName });
    for (const name of WORK_QUEUES) {
      const { queue, deadLetterQueue } = this.workQueues[name];
      new CfnOutput(this, `${pascalCase(name)}QueueUrl`, { value: queue.queueUrl });
      new CfnOutput(this, `${pascalCase(name)}DeadLetterQueueUrl`, { value: deadLetterQueue.queueUrl });
    }
    new CfnOutput(this, 'StreamFailureQueueUrl', { value: this.streamFailureQueue.queueUrl });
    new CfnOutput(this, 'InteractionEventFailureQueueUrl', { value: this.eventFailureQueue.queueUrl });
  }

  /** The longest timeout among these functions, in seconds. */
  private longestTimeout(specs: readonly FunctionSpec[]): number {
    return Math.max(
      PULSE_FUNCTION_DEFAULTS.timeoutSeconds,
      ...specs.map((spec) => spec.timeoutSeconds ?? PULSE_FUNCTION_DEFAULTS.timeoutSeconds),
    );
  }

  /**
   * A queue (a channel's send queue, or the comments to analyse again), hiding a received message six
   * times as long as its consumers may run, and its DLQ, where a message moves after its consumer's
   * `maxReceiveCount` receives (the last of which gives up).
   */
  private workQueue(name: WorkQueue, specs: readonly FunctionSpec[]): InvitationQueuePair {
    const ids = QUEUE_IDS[name];
    const deadLetterQueue = this.deadLetterQueue(
      ids.deadLetterQueue,
      `It is the dead-letter queue of the ${ids.label} queue.`,
      ['Serverless-SQSRedrivePolicy'],
    );
    const consumers = specs.filter((spec) => spec.trigger.kind === 'queue' && spec.trigger.queue === name);
    const queue = new Queue(this, ids.queue, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(VISIBILITY_TIMEOUT_FACTOR * this.longestTimeout(consumers)),
      deadLetterQueue: {
        queue: deadLetterQueue,
        maxReceiveCount: Math.max(
          1,
          ...consumers.map((spec) => (spec.trigger.kind === 'queue' ? spec.trigger.maxReceiveCount : 1)),
        ),
      },
    });
    return { queue, deadLetterQueue };
  }

  private deadLetterQueue(id: string, why: string, rules: string[]): Queue {
    const queue = new Queue(this, id, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: deadLetterRetention(this.props.config.retention.days),
    });
    const reason = `${why} It is the end of the line, with no dead-letter queue of its own; operators watch its depth.`;
    Validations.of(queue).acknowledge(...rules.map((rule) => ({ id: rule, reason })));
    return queue;
  }

  private createHttpApi(): HttpApi {
    return new HttpApi(this, 'HttpApi', {
      description: `Pulse ${this.props.config.stage}: interactions, invitations, survey pages and metrics`,
      // The default stage is made apart, with access logs and throttling the built-in one lacks.
      createDefaultStage: false,
    });
  }

  private createHttpStage(): HttpStage {
    const accessLogs = new LogGroup(this, 'HttpApiAccessLogs', {
      retention: this.props.config.logRetentionDays as RetentionDays,
    });
    return new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      // Every route has a limit of its own (limitRoutes); this is for a route that has none.
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // The route key, never the path: a survey path carries the customer's signed token.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            sourceIp: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
          }),
        ),
      },
    });
  }

  /**
   * Each route's own limit on the stage, keyed by its route key, so that a flood of one route (wrong
   * tokens included) pushes only that route into 429. API Gateway refuses a stage naming a route it
   * does not have yet, so the stage waits for every route.
   */
  private limitRoutes(routes: readonly WiredRoute[]): void {
    const stage = this.httpStage.node.defaultChild as CfnStage;
    stage.routeSettings = Object.fromEntries(
      routes.map(({ trigger }) => {
        const { rateLimit, burstLimit } = routeThrottleOf(trigger, this.props.config);
        // A JSON property: CloudFormation's own names, which CDK passes on as they are.
        return [routeKeyOf(trigger), { ThrottlingRateLimit: rateLimit, ThrottlingBurstLimit: burstLimit }];
      }),
    );
    for (const { route } of routes) stage.addResourceDependency(route.node.defaultChild as CfnRoute);
  }

  /**
   * One Lambda authorizer per kind of guarded route: the integrator's, and the one that also lets leads
   * in. Each is handed every guarded route's scope, and API Gateway caches its answer per token and
   * route: a credential let through on one route is not let through on another by the cache.
   */
  private createAuthorizers(specs: readonly FunctionSpec[]): Map<Auth, HttpLambdaAuthorizer> {
    const authorizers = new Map<Auth, HttpLambdaAuthorizer>();
    const routeScopes = routeScopesOf(specs);
    for (const spec of specs) {
      const fn = this.functions.get(spec.name);
      if (spec.trigger.kind !== 'http-authorizer' || !fn) continue;
      fn.setSetting(ROUTE_SCOPES, JSON.stringify(routeScopes));
      authorizers.set(
        spec.trigger.guards,
        new HttpLambdaAuthorizer(`${pascalCase(spec.trigger.guards)}Authorizer`, fn.function, {
          responseTypes: [HttpLambdaResponseType.SIMPLE],
          identitySource: ['$request.header.Authorization', '$context.routeKey'],
          resultsCacheTtl: Duration.minutes(5),
        }),
      );
    }
    return authorizers;
  }

  /** Grants what the spec uses; each `use*` call also sets the variable naming the resource. */
  private grantUses(fn: PulseFunction, spec: FunctionSpec): void {
    const { uses } = spec;
    const { config } = this.props;
    if (uses.table) {
      fn.useTable(this.props.table, uses.table);
      // Every adapter of the table is built with how long raw items are kept (lib/compose.ts).
      fn.setSetting(RETENTION, settingValue(config, RETENTION));
    }
    if (uses.table && this.props.tableKey) fn.useTableKey(this.props.tableKey, uses.table);
    if (uses.invitationQueues) {
      fn.useInvitationQueues({
        email: this.invitationQueues.emailInvitations.queue,
        sms: this.invitationQueues.smsInvitations.queue,
      });
    }
    if (uses.analysisQueue) fn.useAnalysisQueue(this.analysisQueue.queue);
    if (uses.comprehend) fn.useComprehend();
    if (uses.alertsTopic) fn.useAlertsTopic(this.props.alertsTopic);
    if (uses.eventBus) fn.useEventBus(this.props.eventsOutBus);
    if (uses.email) fn.useEmail(this.props.configurationSet, config.senderAddress);
    if (uses.sms) fn.useSms({ alsoPublishesToTopics: uses.alertsTopic === true });
    if (uses.signingKey) fn.useSecret(this.props.signingKey, SIGNING_KEY_SECRET_ARN);
    if (uses.apiToken) fn.useSecret(this.props.apiToken, API_TOKEN_SECRET_ARN);
    if (uses.consoleSignIn) {
      fn.setSetting(CONSOLE_SIGN_IN, 'cognito');
      if (uses.consoleSignIn === 'sign-in')
        fn.setSetting(LEADS_USER_POOL_ID, this.props.leadSignIn.userPoolId);
      fn.setSetting(LEADS_LOGIN_URL, this.props.leadSignIn.loginUrl);
      fn.setSetting(CONSOLE_CLIENT_ID, this.consoleLogin.client.userPoolClientId);
    }
    if (uses.leadSignIn) {
      fn.setSetting(LEADS_USER_POOL_ID, this.props.leadSignIn.userPoolId);
      fn.setSetting(LEADS_CLIENT_ID, this.props.leadSignIn.clientId);
    }
    for (const setting of spec.settings ?? []) {
      fn.setSetting(
        setting,
        setting.name === PUBLIC_URL.name ? this.publicUrlFor(spec) : settingValue(config, setting),
      );
    }
  }

  /**
   * The base of the links a function builds: the stage's `publicUrl`; else, for customers' links, the
   * edge when the stage has one; else the API's own URL. No cycle: a function that builds links is
   * not an integration of the API it links to.
   */
  private publicUrlFor(spec: FunctionSpec): string {
    if (!spec.linksFor) throw new Error(`${spec.name} builds links under publicUrl and says not for whom`);
    if (spec.linksFor === 'customers' && this.edge && !this.props.config.publicUrl) return this.edge.url;
    return this.leadsUrl();
  }

  /** The base of leads' links and of the console: the stage's `publicUrl`, else the API's own URL. */
  private leadsUrl(): string {
    return this.props.config.publicUrl ?? this.httpApi.apiEndpoint;
  }

  /** Connects the trigger; answers the routes it added to the API, with their trigger. */
  private connectTrigger(
    fn: PulseFunction,
    trigger: Trigger,
    authorizers: Map<Auth, HttpLambdaAuthorizer>,
  ): WiredRoute[] {
    const id = fn.node.id;
    switch (trigger.kind) {
      case 'http-authorizer':
        this.acknowledgeNoDeadLetterQueue(
          fn,
          'API Gateway invokes the authorizer synchronously and answers a failure to the caller; there is no event to keep.',
        );
        return [];
      case 'http': {
        const authorizer = authorizers.get(trigger.auth);
        if (!isOpenRoute(trigger) && !authorizer) {
          throw new Error(
            `${trigger.method} ${trigger.path} needs the ${trigger.auth} authorizer, and no function has one`,
          );
        }
        const routes = this.httpApi.addRoutes({
          path: trigger.path,
          methods: [HttpMethod[trigger.method]],
          integration: new HttpLambdaIntegration(`${id}Integration`, fn.function),
          ...(authorizer ? { authorizer } : {}),
        });
        if (isOpenRoute(trigger)) {
          for (const route of routes) {
            Validations.of(route).acknowledge({
              id: 'AwsSolutions-APIG4',
              reason:
                trigger.auth === 'session'
                  ? 'The leads’ console reads its own session cookie (a server-side session, refused when unknown, ended or expired) and each form’s token.'
                  : 'Customers reach the survey page from an email link, without credentials; the HMAC-signed token in the path is what authorizes them.',
            });
          }
        }
        this.acknowledgeNoDeadLetterQueue(
          fn,
          'API Gateway invokes it synchronously and answers a failure to the caller; there is no event to keep.',
        );
        return routes.map((route) => ({ route, trigger }));
      }
      case 'bus':
        // An invalid event fails every attempt; the destination keeps it together with the error.
        fn.function.configureAsyncInvoke({
          retryAttempts: 2,
          onFailure: new SqsDestination(this.eventFailureQueue),
        });
        new Rule(this, `${id}Rule`, {
          eventBus: this.eventBus,
          description: `${trigger.detailType} events to ${fn.node.id}`,
          eventPattern: { detailType: [trigger.detailType] },
          targets: [
            // EventBridge's maximum: a throttled function delays an interaction, it never loses one.
            new LambdaFunction(fn.function, {
              deadLetterQueue: this.eventFailureQueue,
              retryAttempts: 185,
              maxEventAge: Duration.hours(24),
            }),
          ],
        });
        this.acknowledgeNoDeadLetterQueue(
          fn,
          'Its asynchronous invocations fail to an on-failure destination, which keeps the error with the event where a function dead-letter queue would not.',
        );
        return [];
      case 'schedule':
        fn.function.configureAsyncInvoke({
          retryAttempts: 2,
          onFailure: new SqsDestination(this.eventFailureQueue),
        });
        new Rule(this, `${id}Schedule`, {
          description: `Runs ${id} every ${trigger.everyMinutes} minutes`,
          schedule: Schedule.rate(Duration.minutes(trigger.everyMinutes)),
          targets: [
            new LambdaFunction(fn.function, { deadLetterQueue: this.eventFailureQueue, retryAttempts: 2 }),
          ],
        });
        this.acknowledgeNoDeadLetterQueue(
          fn,
          'EventBridge invokes it asynchronously; failures go to an on-failure destination, which keeps the error with the event.',
        );
        return [];
      case 'topic': {
        const topic = {
          emailFeedback: this.props.emailFeedbackTopic,
          inboundSms: this.props.inboundSmsTopic,
        }[trigger.topic];
        if (!topic) throw new Error(`no topic ${trigger.topic} is deployed for ${id}`);
        // A message that fails every attempt is kept with its error; one SNS cannot deliver, in the subscription's DLQ.
        fn.function.configureAsyncInvoke({
          retryAttempts: 2,
          onFailure: new SqsDestination(this.eventFailureQueue),
        });
        fn.function.addEventSource(new SnsEventSource(topic, { deadLetterQueue: this.eventFailureQueue }));
        this.acknowledgeNoDeadLetterQueue(
          fn,
          'SNS invokes it asynchronously; failures go to an on-failure destination, which keeps the error with the message.',
        );
        return [];
      }
      case 'queue':
        fn.function.addEventSource(
          new SqsEventSource(this.workQueues[trigger.queue].queue, {
            batchSize: trigger.batchSize,
            reportBatchItemFailures: true,
            maxConcurrency: trigger.maxConcurrency,
          }),
        );
        // Each sender paces itself to its share of its channel's send rate.
        if (isInvitationQueue(trigger.queue)) fn.setSetting(SEND_CONCURRENCY, String(trigger.maxConcurrency));
        Validations.of(this.lastEventSourceMapping(fn)).acknowledge({
          id: 'Serverless-LambdaEventSourceMappingDestination',
          reason: `An SQS event source mapping takes no on-failure destination; failed messages move to the queue’s dead-letter queue after ${trigger.maxReceiveCount} receives.`,
        });
        this.acknowledgeNoDeadLetterQueue(
          fn,
          'The SQS event source invokes it synchronously; a function dead-letter queue catches asynchronous invocations only.',
        );
        return [];
      case 'stream':
        if (this.props.tableKey) fn.useTableStreamKey(this.props.tableKey);
        fn.function.addEventSource(
          new DynamoEventSource(this.props.table, {
            startingPosition: StartingPosition.TRIM_HORIZON,
            batchSize: trigger.batchSize,
            maxBatchingWindow: Duration.seconds(trigger.maxBatchingWindowSeconds),
            bisectBatchOnError: true,
            retryAttempts: trigger.retryAttempts,
            maxRecordAge: Duration.seconds(trigger.maxRecordAgeSeconds),
            reportBatchItemFailures: true,
            // One batch per shard at a time unless the trigger says more: the aggregator fences per
            // shard; the reactor keeps each invitation's records in order, which Lambda keeps per key.
            parallelizationFactor: trigger.parallelizationFactor ?? 1,
            onFailure: new SqsDlq(this.streamFailureQueue),
            filters: trigger.filters.map((pattern) => FilterCriteria.filter(pattern)),
            ...(trigger.tumblingWindowSeconds
              ? { tumblingWindow: Duration.seconds(trigger.tumblingWindowSeconds) }
              : {}),
          }),
        );
        this.acknowledgeNoDeadLetterQueue(
          fn,
          'The stream event source invokes it synchronously; failed batches go to the mapping’s on-failure destination instead.',
        );
        return [];
    }
  }

  private acknowledgeNoDeadLetterQueue(fn: PulseFunction, reason: string): void {
    Validations.of(fn.function).acknowledge({ id: 'Serverless-LambdaDLQ', reason });
  }

  private lastEventSourceMapping(fn: PulseFunction): IConstruct {
    const mapping = fn.function.node.children.filter((child) => child instanceof EventSourceMapping).at(-1);
    if (!mapping) throw new Error(`${fn.node.id} has no event source mapping`);
    return mapping;
  }
}
