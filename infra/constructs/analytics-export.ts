import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { CfnWorkGroup } from 'aws-cdk-lib/aws-athena';
import {
  EventField,
  type IEventBus,
  type IRuleRef,
  type IRuleTarget,
  Rule,
  type RuleTargetConfig,
  RuleTargetInput,
} from 'aws-cdk-lib/aws-events';
import {
  addToDeadLetterQueueResourcePolicy,
  bindBaseTargetConfig,
  FirehoseDeliveryStream,
} from 'aws-cdk-lib/aws-events-targets';
import { CfnDatabase, CfnTable } from 'aws-cdk-lib/aws-glue';
import { Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  AppendDelimiterToRecordProcessor,
  Compression,
  DeliveryStream,
  EnableLogging,
  MetadataExtractionProcessor,
  S3Bucket,
  StreamEncryption,
} from 'aws-cdk-lib/aws-kinesisfirehose';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type BucketProps,
  type CfnBucket,
} from 'aws-cdk-lib/aws-s3';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deadLetterRetention } from './dead-letter-retention.js';

export interface AnalyticsExportProps {
  /** The stage's bus, on which `SurveyAnswered` and `SurveyAnswerChanged` are published. */
  readonly eventBus: IEventBus;
  /** The stage's name, part of the Glue database's and the Athena workgroup's names. */
  readonly stage: string;
  /** The stage's `retention.days`: the export's objects, like the table's items, are removed that old. */
  readonly retentionDays: number;
  /**
   * Whether each line also holds the customer id and the comment (the stage's
   * `analytics.personalColumns`); the comment only arrives when the events carry it (`events.includeComment`).
   * @default false: they are never written
   */
  readonly personalColumns?: boolean;
  /**
   * How long the delivery stream's error log is kept.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
}

/** What each line holds, in the order of the Glue table's columns: `[column, Hive type, event path]`. */
const ANSWER_COLUMNS = [
  ['event_id', 'string', '$.detail.eventId'],
  ['kind', 'string', undefined],
  ['interaction_id', 'string', '$.detail.interactionId'],
  ['survey', 'string', '$.detail.survey'],
  ['score', 'int', '$.detail.score'],
  ['category', 'string', '$.detail.category'],
  ['team', 'string', '$.detail.segments.team'],
  ['channel', 'string', '$.detail.segments.channel'],
  ['touchpoint', 'string', '$.detail.segments.touchpoint'],
  ['agent', 'string', '$.detail.segments.agent'],
  ['answered_at', 'string', '$.detail.answeredAt'],
  ['updated_at', 'string', '$.detail.updatedAt'],
  ['locale', 'string', '$.detail.locale'],
  ['sentiment', 'string', '$.detail.sentiment'],
  ['topics', 'array<string>', '$.detail.topics'],
] as const;

/** The columns only a stage that opts in writes. */
const PERSONAL_COLUMNS = [
  ['customer_id', 'string', '$.detail.customerId'],
  ['comment', 'string', '$.detail.comment'],
] as const;

/** The events exported, and the `kind` each line of theirs carries. */
const EXPORTED_EVENTS = [
  { detailType: 'SurveyAnswered', kind: 'answered', id: 'AnsweredRule' },
  { detailType: 'SurveyAnswerChanged', kind: 'changed', id: 'ChangedRule' },
] as const;

/** Where the lines go, under one folder a day: the answer's own day, not the day it was written. */
const ANSWERS_PREFIX = 'answers/';

/** How long an analyst's query results are kept at most. */
const QUERY_RESULT_DAYS = 30;

/**
 * The analytics export: each `SurveyAnswered` and `SurveyAnswerChanged` on the stage's bus becomes one
 * line of JSON in an encrypted S3 bucket, under `answers/day=<the answer's day>/`, through a rule's
 * input transformer (which keeps only the columns below, so that nothing personal is written unless
 * the stage opts in) and a Firehose delivery stream (which partitions by the line's `day` and
 * compresses). A Glue table over the folder, whose days Athena projects without a crawler, and an
 * Athena workgroup with a results bucket of its own, let an analyst query it.
 *
 * Firehose and EventBridge deliver at least once, and a changed answer adds a line, so an interaction
 * may have several lines: a repeat has the same `event_id`, and an interaction's latest line (by
 * `coalesce(updated_at, answered_at)`) is its answer as it stands. With personal columns on, a
 * scrubbed answer is no longer published, so what is written after an erasure does not hold the
 * person, short of an event already in the stream's five-minute buffer. The objects expire after
 * `retention.days`, like the table's items.
 *
 * NPS answers by team and ISO week, each interaction's latest line:
 *
 * ```sql
 * WITH latest AS (
 *   SELECT *, row_number() OVER (
 *     PARTITION BY interaction_id, survey
 *     ORDER BY coalesce(updated_at, answered_at) DESC, event_id DESC) AS n
 *   FROM answers
 *   WHERE day BETWEEN '2025-01-01' AND '2025-03-31' AND survey = 'nps'
 * )
 * SELECT team,
 *        format('%d-W%02d', year_of_week(date(day)), week(date(day))) AS iso_week,
 *        count(*) AS answers,
 *        round(avg(score), 2) AS mean_score,
 *        round(100.0 * (count_if(category = 'promoter') - count_if(category = 'detractor')) / count(*), 1) AS nps
 * FROM latest
 * WHERE n = 1
 * GROUP BY 1, 2
 * ORDER BY 2, 1;
 * ```
 */
export class AnalyticsExport extends Construct {
  /** The exported answers, one gzipped JSON line each, by day. */
  readonly bucket: Bucket;
  /** The query results of the workgroup. */
  readonly resultsBucket: Bucket;
  /** The server access logs of both buckets. */
  readonly accessLogsBucket: Bucket;
  readonly deliveryStream: DeliveryStream;
  /** Events the rules could not hand to the delivery stream after a day of retries. */
  readonly failureQueue: Queue;
  readonly database: CfnDatabase;
  readonly table: CfnTable;
  readonly workGroup: CfnWorkGroup;
  /** The Glue database's name, as a query names it. */
  readonly databaseName: string;
  /** The Glue table's name. */
  readonly tableName: string;

  constructor(scope: Construct, id: string, props: AnalyticsExportProps) {
    super(scope, id);
    // S3 lets log delivery write through a bucket policy, which S3 recommends over the ACL CDK sets by default.
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const { retentionDays } = props;
    const columns = [...ANSWER_COLUMNS, ...(props.personalColumns ? PERSONAL_COLUMNS : [])];

    this.accessLogsBucket = new Bucket(this, 'AccessLogsBucket', privateBucket(retentionDays));
    Validations.of(this.accessLogsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'It is the bucket the server access logs of the export and its query results go to; logging it into itself would log every log delivery.',
    });
    this.bucket = new Bucket(this, 'AnswersBucket', {
      ...privateBucket(retentionDays),
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'answers-bucket/',
    });
    this.resultsBucket = new Bucket(this, 'QueryResultsBucket', {
      ...privateBucket(Math.min(QUERY_RESULT_DAYS, retentionDays)),
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'query-results-bucket/',
    });

    const deliveryLogs = new LogGroup(this, 'DeliveryLogs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
    });
    // A role of its own instead of CDK's grant, which also lets Firehose delete and list anything.
    const deliveryRole = new Role(this, 'DeliveryRole', {
      assumedBy: new ServicePrincipal('firehose.amazonaws.com'),
      description: 'Writes the analytics export',
    });
    const deliveryPolicy = new Policy(this, 'DeliveryPolicy', {
      roles: [deliveryRole],
      statements: [
        new PolicyStatement({
          actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'],
          resources: [this.bucket.bucketArn],
        }),
        new PolicyStatement({
          actions: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'],
          resources: [this.bucket.arnForObjects('*')],
        }),
        new PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [deliveryLogs.logGroupArn],
        }),
      ],
    });
    Validations.of(deliveryPolicy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket)}.Arn>/*]`,
      reason:
        'Firehose names the objects it writes (a prefix, the day, its own file names), so it may put any object of the export bucket, and of no other.',
    });
    this.deliveryStream = new DeliveryStream(this, 'DeliveryStream', {
      encryption: StreamEncryption.awsOwnedKey(),
      destination: new S3Bucket(this.bucket, {
        // The answer's day, read from the line: a changed answer lands beside its first line.
        dataOutputPrefix: `${ANSWERS_PREFIX}day=!{partitionKeyFromQuery:day}/`,
        errorOutputPrefix: 'errors/!{firehose:error-output-type}/!{timestamp:yyyy-MM-dd}/',
        dynamicPartitioning: { enabled: true },
        processors: [
          MetadataExtractionProcessor.jq16({ day: '.day' }),
          // One JSON object a line, as Athena's JSON SerDe reads them.
          new AppendDelimiterToRecordProcessor(),
        ],
        bufferingInterval: Duration.minutes(5),
        compression: Compression.GZIP,
        loggingConfig: new EnableLogging(deliveryLogs),
        role: deliveryRole.withoutPolicyUpdates(),
      }),
    });
    // Firehose checks at creation that its role reaches the bucket.
    this.deliveryStream.node.addDependency(deliveryPolicy);
    // CloudFormation's check reports an unused mapping on the stack, not on the mapping.
    Validations.of(Stack.of(this)).acknowledge({
      id: 'CloudFormation-Validate::W7001',
      reason:
        "The delivery stream adds a mapping of Firehose's address ranges, which only a destination reached over the network reads; this one writes to S3.",
    });

    this.failureQueue = new Queue(this, 'FailureQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: deadLetterRetention(retentionDays),
    });
    const endOfLine =
      'It is the dead-letter queue of the export rules, the end of the line with no dead-letter queue of its own; operators watch its depth.';
    Validations.of(this.failureQueue).acknowledge(
      { id: 'AwsSolutions-SQS3', reason: endOfLine },
      { id: 'Serverless-SQSRedrivePolicy', reason: endOfLine },
    );

    for (const { detailType, kind, id: ruleId } of EXPORTED_EVENTS) {
      const line = Object.fromEntries(
        columns.map(([column, , path]) => [column, path ? EventField.fromPath(path) : kind]),
      );
      new Rule(this, ruleId, {
        eventBus: props.eventBus,
        description: `${detailType} events to the analytics export`,
        eventPattern: { source: ['pulse'], detailType: [detailType] },
        targets: [
          new WithDeadLetterQueue(
            // `day` is read by the delivery stream to partition; the table takes it from the folder.
            new FirehoseDeliveryStream(this.deliveryStream, {
              message: RuleTargetInput.fromObject({ ...line, day: EventField.fromPath('$.detail.day') }),
            }),
            this.failureQueue,
          ),
        ],
      });
    }

    this.databaseName = `pulse_${props.stage.replaceAll('-', '_')}`;
    this.tableName = 'answers';
    const account = Stack.of(this).account;
    this.database = new CfnDatabase(this, 'Database', {
      catalogId: account,
      databaseInput: {
        name: this.databaseName,
        description: `Pulse ${props.stage}: the analytics export`,
      },
    });
    const location = `s3://${this.bucket.bucketName}/${ANSWERS_PREFIX}`;
    this.table = new CfnTable(this, 'AnswersTable', {
      catalogId: account,
      databaseName: this.databaseName,
      tableInput: {
        name: this.tableName,
        description:
          'Each answer and changed answer, one line per event; an interaction’s latest line is its answer as it stands',
        tableType: 'EXTERNAL_TABLE',
        partitionKeys: [{ name: 'day', type: 'string', comment: "The answer's day, yyyy-MM-dd" }],
        parameters: {
          classification: 'json',
          compressionType: 'gzip',
          // Athena computes the days instead of reading partitions from the catalog: no crawler to run.
          'projection.enabled': 'true',
          'projection.day.type': 'date',
          'projection.day.format': 'yyyy-MM-dd',
          // Older days are expired; an answer's day may be tomorrow in UTC's terms.
          'projection.day.range': `NOW-${retentionDays}DAYS,NOW+1DAYS`,
          'projection.day.interval': '1',
          'projection.day.interval.unit': 'DAYS',
          'storage.location.template': `${location}day=\${day}/`,
        },
        storageDescriptor: {
          location,
          columns: columns.map(([name, type]) => ({ name, type })),
          inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
          serdeInfo: { serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe' },
        },
      },
    });
    this.table.addResourceDependency(this.database);

    this.workGroup = new CfnWorkGroup(this, 'WorkGroup', {
      name: `pulse-${props.stage}-analytics`,
      description: `Pulse ${props.stage}: queries of the analytics export`,
      state: 'ENABLED',
      workGroupConfiguration: {
        // Every query's results go to the encrypted bucket, whatever the client asks.
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: `s3://${this.resultsBucket.bucketName}/`,
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
          expectedBucketOwner: Aws.ACCOUNT_ID,
        },
      },
    });
  }
}

/**
 * A bucket nobody outside the account reaches, over TLS only, whose objects expire after `days`. S3's
 * own keys: server access logs can be delivered under no other, and an analyst then needs no key grant.
 */
const privateBucket = (days: number): BucketProps => ({
  encryption: BucketEncryption.S3_MANAGED,
  enforceSSL: true,
  blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
  lifecycleRules: [
    { expiration: Duration.days(days), abortIncompleteMultipartUploadAfter: Duration.days(1) },
  ],
  // Like the table: what it holds outlives the stack.
  removalPolicy: RemovalPolicy.RETAIN,
});

/**
 * A rule target with what CDK's Firehose target takes none of: EventBridge's longest retries, then a
 * dead-letter queue, so that an event the stream refuses (throttled, or down) is kept, not dropped.
 */
class WithDeadLetterQueue implements IRuleTarget {
  constructor(
    private readonly target: IRuleTarget,
    private readonly deadLetterQueue: IQueue,
  ) {}

  bind(rule: IRuleRef, id?: string): RuleTargetConfig {
    addToDeadLetterQueueResourcePolicy(rule, this.deadLetterQueue);
    return {
      ...this.target.bind(rule, id),
      ...bindBaseTargetConfig({
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: 185,
        maxEventAge: Duration.hours(24),
      }),
    };
  }
}
