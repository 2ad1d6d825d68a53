import path from 'node:path';
import { Aws, Duration, Stack, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IConfigurationSet } from 'aws-cdk-lib/aws-ses';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { partitionPattern } from '../../lib/platform/table-design.js';
import {
  ALERTS_TOPIC_ARN,
  ANALYSIS_QUEUE_URL,
  type API_TOKEN_SECRET_ARN,
  CONFIGURATION_SET_NAME,
  EMAIL_QUEUE_URL,
  EVENT_BUS_NAME,
  SENDER_ADDRESS,
  type SIGNING_KEY_SECRET_ARN,
  SMS_QUEUE_URL,
  TABLE_NAME,
} from '../../lib/settings/resources.js';
import type { Setting } from '../../lib/settings/setting.js';
import { type TableAccess, type TableAction, tableGrantsOf } from '../wiring.js';
import { BUNDLING, PROJECT_ROOT } from './bundling.js';

/** The table's actions that write an item. */
const TABLE_WRITES: ReadonlySet<TableAction> = new Set([
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
]);

/** The defaults a function gets unless its spec says otherwise. */
export const PULSE_FUNCTION_DEFAULTS = { memoryMb: 256, timeoutSeconds: 10 } as const;

export interface PulseFunctionProps {
  /** Verb-noun name; the code is `functions/<name>.ts`, which exports `handler`. */
  readonly name: string;
  /** What the function does, shown in the Lambda console. */
  readonly description: string;
  /**
   * Memory in MB, which also buys CPU.
   * @default 256
   */
  readonly memorySize?: number;
  /**
   * How long one invocation may run.
   * @default Duration.seconds(10)
   */
  readonly timeout?: Duration;
  /**
   * How long CloudWatch Logs keeps the function's logs.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
  /**
   * Concurrency set aside for it out of the account's, which is also the most it may use.
   * @default none: it shares the account's unreserved concurrency
   */
  readonly reservedConcurrency?: number;
}

/**
 * One Pulse Lambda function with the house defaults: current Node.js runtime on ARM64, minified ESM
 * bundle with source maps and the SDK clients inside, its own log group and role, active tracing.
 *
 * Access is granted only through the `use*` methods, each of which also sets the environment variable
 * that names what it granted, so that a function never reads a variable it has no access behind.
 */
export class PulseFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  readonly timeout: Duration;

  constructor(scope: Construct, id: string, props: PulseFunctionProps) {
    super(scope, id);
    this.timeout = props.timeout ?? Duration.seconds(PULSE_FUNCTION_DEFAULTS.timeoutSeconds);
    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention ?? RetentionDays.ONE_MONTH });
    // An own role instead of the managed basic execution policy: it may write to its own log group only.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.name}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      description: props.description,
      entry: path.join(PROJECT_ROOT, 'functions', `${props.name}.ts`),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? PULSE_FUNCTION_DEFAULTS.memoryMb,
      timeout: this.timeout,
      ...(props.reservedConcurrency === undefined
        ? {}
        : { reservedConcurrentExecutions: props.reservedConcurrency }),
      role: this.role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'pulse',
      },
      bundling: {
        format: OutputFormat.ESM,
        minify: true,
        sourceMap: true,
        target: BUNDLING.target,
        mainFields: [...BUNDLING.mainFields],
        banner: BUNDLING.banner,
        esbuildArgs: Object.fromEntries(
          Object.entries(BUNDLING.alias).map(([from, to]) => [`--alias:${from}`, to]),
        ),
        // The SDK clients are pinned to exact versions; the runtime's own copy may differ.
        externalModules: [],
      },
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, and comment analysis comprehend:DetectSentiment, which take no resource.',
    });
  }

  /**
   * Takes the actions of `access` on the table's items, under its partitions only (IAM's
   * `dynamodb:LeadingKeys`, every key of a request, a batch's or a transaction's each, matching one of
   * them), and those of each grant it adds, a statement each; sets `TABLE_NAME`. No index: the table
   * has none.
   */
  useTable(table: ITableV2, access: TableAccess): void {
    for (const grant of tableGrantsOf(access)) {
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: grant.actions.map((action) => `dynamodb:${action}`),
          resources: [table.tableArn],
          conditions: {
            'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': grant.partitions.map(partitionPattern) },
          },
        }),
      );
    }
    this.function.addEnvironment(TABLE_NAME.variable, table.tableName);
  }

  /**
   * Uses the table's own key as DynamoDB does on the function's behalf, and only through DynamoDB
   * (`kms:ViaService`): to decrypt what it reads and, when `access` writes, to encrypt what it writes.
   */
  useTableKey(key: IKey, access: TableAccess): void {
    const writes = tableGrantsOf(access).some(({ actions }) =>
      actions.some((action) => TABLE_WRITES.has(action)),
    );
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: [
          'kms:Decrypt',
          'kms:DescribeKey',
          ...(writes ? ['kms:Encrypt', 'kms:GenerateDataKey'] : []),
        ],
        resources: [key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${Aws.REGION}.amazonaws.com` } },
      }),
    );
  }

  /** Decrypts the table's stream records, which Lambda reads for the function with its role. */
  useTableStreamKey(key: IKey): void {
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['kms:Decrypt', 'kms:DescribeKey'], resources: [key.keyArn] }),
    );
  }

  /**
   * Sends messages to the send queues, the email one and the SMS one; sets `EMAIL_QUEUE_URL` and
   * `SMS_QUEUE_URL`.
   */
  useInvitationQueues(queues: { readonly email: IQueue; readonly sms: IQueue }): void {
    queues.email.grantSendMessages(this.role);
    queues.sms.grantSendMessages(this.role);
    this.function.addEnvironment(EMAIL_QUEUE_URL.variable, queues.email.queueUrl);
    this.function.addEnvironment(SMS_QUEUE_URL.variable, queues.sms.queueUrl);
  }

  /** Sends messages to the queue of comments to analyse again; sets `ANALYSIS_QUEUE_URL`. */
  useAnalysisQueue(queue: IQueue): void {
    queue.grantSendMessages(this.role);
    this.function.addEnvironment(ANALYSIS_QUEUE_URL.variable, queue.queueUrl);
  }

  /**
   * Calls Comprehend's DetectSentiment. The action supports no resource-level permission, so it names
   * `*`: it reads the text it is sent and touches nothing of the account's.
   */
  useComprehend(): void {
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['comprehend:DetectSentiment'], resources: ['*'] }),
    );
    // The role's `Resource::*` finding is acknowledged once, for tracing; this is the other such grant.
  }

  /** Publishes to the alerts topic; sets `ALERTS_TOPIC_ARN`. */
  useAlertsTopic(topic: ITopic): void {
    topic.grantPublish(this.role);
    this.function.addEnvironment(ALERTS_TOPIC_ARN.variable, topic.topicArn);
  }

  /** Puts events on the stage's bus, and on no other; sets `EVENT_BUS_NAME`. */
  useEventBus(bus: IEventBus): void {
    bus.grantPutEventsTo(this.role);
    this.function.addEnvironment(EVENT_BUS_NAME.variable, bus.eventBusName);
  }

  /**
   * Sends email through SES from `senderAddress` only, with the configuration set; sets
   * `SENDER_ADDRESS` and `CONFIGURATION_SET_NAME`. SES authorizes against the address identity or its
   * domain identity, whichever is verified, so both are named.
   */
  useEmail(configurationSet: IConfigurationSet, senderAddress: string): void {
    const domain = senderAddress.slice(senderAddress.lastIndexOf('@') + 1);
    const stack = Stack.of(this);
    const sesArn = (resource: string, resourceName: string) =>
      stack.formatArn({ service: 'ses', resource, resourceName });
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          sesArn('identity', senderAddress),
          sesArn('identity', domain),
          sesArn('configuration-set', configurationSet.configurationSetName),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': senderAddress } },
      }),
    );
    this.function.addEnvironment(SENDER_ADDRESS.variable, senderAddress);
    this.function.addEnvironment(CONFIGURATION_SET_NAME.variable, configurationSet.configurationSetName);
  }

  /**
   * Publishes SMS straight to phone numbers. SNS authorizes a publish to a number against no
   * resource, so the allow names `*`; a deny on every topic ARN keeps it to phone numbers, unless the
   * function also publishes to a topic it was granted.
   */
  useSms(options: { alsoPublishesToTopics: boolean }): void {
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }));
    if (!options.alsoPublishesToTopics) {
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          effect: Effect.DENY,
          actions: ['sns:Publish'],
          resources: [Stack.of(this).formatArn({ service: 'sns', region: '*', account: '*', resource: '*' })],
        }),
      );
    }
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5',
      reason:
        'SNS publishes to a phone number without a resource ARN, so the allow must name *; a deny on every topic ARN keeps it to phone numbers.',
    });
  }

  /** Reads a secret's value; sets the variable that holds its ARN. */
  useSecret(secret: ISecret, setting: typeof SIGNING_KEY_SECRET_ARN | typeof API_TOKEN_SECRET_ARN): void {
    secret.grantRead(this.role);
    this.function.addEnvironment(setting.variable, secret.secretArn);
  }

  /** A plain setting, no access behind it, as the variable its definition names. */
  setSetting(setting: Setting, value: string): void {
    this.function.addEnvironment(setting.variable, value);
  }
}
