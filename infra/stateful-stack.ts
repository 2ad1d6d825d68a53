import { CfnOutput, type Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  type CfnGlobalTable,
  StreamViewType,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Alias, Key } from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import {
  ConfigurationSet,
  ConfigurationSetEventDestination,
  EmailSendingEvent,
  EventDestination,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Subscription, SubscriptionFilter, SubscriptionProtocol, Topic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { TABLE_DESIGN } from '../lib/platform/table-design.js';
import { filterPolicyOf } from './alert-routing.js';
import { AnalyticsExport } from './constructs/analytics-export.js';
import { deadLetterRetention } from './constructs/dead-letter-retention.js';
import { LeadSignIn } from './constructs/lead-sign-in.js';
import type { StageConfig } from './stage-config.js';

const SUBSCRIPTION_PROTOCOLS = {
  email: SubscriptionProtocol.EMAIL,
  sms: SubscriptionProtocol.SMS,
  https: SubscriptionProtocol.HTTPS,
} as const;

export interface StatefulStackProps extends StackProps {
  /** The validated stage settings; `alertSubscribers` are subscribed to the alerts topic. */
  readonly config: StageConfig;
}

/**
 * What holds data or identity and must outlive any deployment of the functions: the table (and its
 * key, when the stage has one), the alerts topic and its subscribers, the bus of events out and the
 * analytics export fed from it, the SES configuration set and the two secrets. Kept apart from the
 * stateless stack so that the functions can be replaced, or the stack torn down, without risk to them.
 */
export class StatefulStack extends Stack {
  /** The single table; its stream feeds the aggregator and the alerts. */
  readonly table: TableV2;
  /** Detractor and metric alerts; subscribers come from `alertSubscribers`. */
  readonly alertsTopic: Topic;
  /** The configuration set every invitation email is sent with. */
  readonly configurationSet: ConfigurationSet;
  /** SES's bounce, complaint and subscription events for the configuration set's mail. */
  readonly emailFeedbackTopic: Topic;
  /** Where the SMS number's two-way channel publishes customers' replies. */
  readonly inboundSmsTopic: Topic;
  /** The key that signs survey and unsubscribe links. */
  readonly signingKey: Secret;
  /**
   * The integrator credentials: named, with scopes and up to two token hashes each
   * (lib/access/integrator-credentials.ts). Its generated value, a plain token, is one credential
   * named `default` with every scope, until the operator puts credentials in it.
   */
  readonly apiToken: Secret;
  /** Where support leads sign in to work cases and read metrics: the user pool and its managed login. */
  readonly leadSignIn: LeadSignIn;
  /** Alerts SNS could not deliver to a subscriber, when the stage has subscribers. */
  readonly alertDeliveryFailureQueue: Queue | undefined;
  /** The stage's own key of the table, when its `tableKey` is `customer-managed`. */
  readonly tableKey: Key | undefined;
  /** Answers in S3 for Athena, unless the stage turns `analytics` off. */
  readonly analytics: AnalyticsExport | undefined;
  /**
   * The stage's events out (`SurveyAnswered`, `SurveyAnswerChanged`, `CaseOpened`, `CaseResolved`,
   * source `pulse`), for other systems to put rules on; kept here so that their rules outlive any
   * deployment of the functions.
   */
  readonly eventBus: EventBus;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.tableKey =
      config.tableKey === 'customer-managed'
        ? new Key(this, 'TableKey', {
            description: `Encrypts the Pulse ${config.stage} table`,
            alias: `pulse-${config.stage}-table`,
            enableKeyRotation: true,
            // Without it, neither the table nor its backups can be read.
            removalPolicy: RemovalPolicy.RETAIN,
          })
        : undefined;
    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: TABLE_DESIGN.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_DESIGN.sortKey, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES,
      timeToLiveAttribute: TABLE_DESIGN.timeToLiveAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (this.tableKey) this.encryptTableWith(this.tableKey);

    this.alertsTopic = new Topic(this, 'AlertsTopic', {
      displayName: `Pulse alerts (${props.config.stage})`,
      enforceSSL: true,
      // The AWS managed key encrypts at rest at no key cost; SNS itself decrypts for every protocol.
      masterKey: Alias.fromAliasName(this, 'SnsManagedKey', 'alias/aws/sns'),
    });
    this.alertDeliveryFailureQueue = this.subscribeAlertReceivers(
      props.config.alertSubscribers,
      deadLetterRetention(config.retention.days),
    );

    this.eventBus = new EventBus(this, 'PulseEventBus', {
      description: `Pulse ${props.config.stage}: answers and cases, for other systems to follow`,
    });
    this.analytics = config.analytics.enabled
      ? new AnalyticsExport(this, 'Analytics', {
          eventBus: this.eventBus,
          stage: config.stage,
          retentionDays: config.retention.days,
          personalColumns: config.analytics.personalColumns,
          logRetention: config.logRetentionDays as RetentionDays,
        })
      : undefined;

    this.configurationSet = new ConfigurationSet(this, 'InvitationConfigurationSet', {
      reputationMetrics: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });

    // SES and End User Messaging cannot publish to a topic under the AWS managed key, whose policy
    // admits no service: a key of our own. Both topics carry customers' addresses and numbers.
    const feedbackKey = new Key(this, 'EmailFeedbackKey', {
      description: 'Encrypts the SES feedback and inbound SMS topics',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const service of ['ses.amazonaws.com', 'sms-voice.amazonaws.com']) {
      feedbackKey.addToResourcePolicy(
        new PolicyStatement({
          principals: [new ServicePrincipal(service)],
          actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
          resources: ['*'],
          // Only on this account's behalf: no other account's SES or SMS may use the key through it.
          conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
        }),
      );
    }
    this.inboundSmsTopic = new Topic(this, 'InboundSmsTopic', {
      displayName: `Pulse inbound SMS (${props.config.stage})`,
      enforceSSL: true,
      masterKey: feedbackKey,
    });
    this.inboundSmsTopic.addToResourcePolicy(
      new PolicyStatement({
        actions: ['sns:Publish'],
        principals: [new ServicePrincipal('sms-voice.amazonaws.com')],
        resources: [this.inboundSmsTopic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    this.emailFeedbackTopic = new Topic(this, 'EmailFeedbackTopic', {
      displayName: `Pulse email feedback (${props.config.stage})`,
      enforceSSL: true,
      masterKey: feedbackKey,
    });
    new ConfigurationSetEventDestination(this, 'EmailFeedbackDestination', {
      configurationSet: this.configurationSet,
      destination: EventDestination.snsTopic(this.emailFeedbackTopic),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT, EmailSendingEvent.SUBSCRIPTION],
    });

    this.signingKey = new Secret(this, 'LinkSigningKey', {
      description: 'Signs survey and unsubscribe links',
      generateSecretString: { excludePunctuation: true, passwordLength: 48 },
      // Every link already sent stays valid only while this key exists.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.signingKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating the link signing key invalidates every survey and unsubscribe link already sent, so it is rotated by hand after the longest link lifetime.',
    });

    // The generated value stays as it was (a change to it would generate a new one and break every
    // integration): a plain token reads as the credential `default`, with every scope.
    this.apiToken = new Secret(this, 'IntegratorApiToken', {
      description:
        'Integrator credentials: each named, with its scopes and the SHA-256 hashes of up to two tokens (npm run credential); a plain token is the credential default, with every scope',
      generateSecretString: { excludePunctuation: true, passwordLength: 48 },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.apiToken).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Each token is configured in an integrator system, so rotation is an operated change: each credential holds two tokens at once, the next one added before the old one is dropped (npm run credential).',
    });

    this.leadSignIn = new LeadSignIn(this, 'LeadSignIn', {
      leads: props.config.leads.map(({ email }) => email),
      stage: props.config.stage,
      ...(props.config.leadsLoginDomainPrefix ? { domainPrefix: props.config.leadsLoginDomainPrefix } : {}),
    });

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'AlertsTopicArn', { value: this.alertsTopic.topicArn });
    new CfnOutput(this, 'PulseEventBusName', { value: this.eventBus.eventBusName });
    new CfnOutput(this, 'EmailFeedbackTopicArn', { value: this.emailFeedbackTopic.topicArn });
    new CfnOutput(this, 'InboundSmsTopicArn', {
      value: this.inboundSmsTopic.topicArn,
      description: 'Set as the two-way SMS destination of the origination number (End User Messaging SMS)',
    });
    new CfnOutput(this, 'ApiTokenSecretArn', {
      value: this.apiToken.secretArn,
      description:
        'The integrator credentials (SHA-256 hashes of their tokens; npm run credential mints them)',
    });
    new CfnOutput(this, 'SigningKeySecretArn', { value: this.signingKey.secretArn });
    if (this.analytics) {
      new CfnOutput(this, 'AnalyticsBucketName', { value: this.analytics.bucket.bucketName });
      new CfnOutput(this, 'AnalyticsDatabase', { value: this.analytics.databaseName });
      new CfnOutput(this, 'AnalyticsTable', { value: this.analytics.tableName });
      new CfnOutput(this, 'AnalyticsWorkGroup', {
        value: this.analytics.workGroup.ref,
        description: 'The Athena workgroup to query the analytics export in',
      });
    }
  }

  /**
   * Encrypts the table, and its stream, with the stage's key. CDK renders a replica's key only in a
   * stack bound to a region, and this one is not: the table's one replica, in the stack's own region,
   * is given the key here. The stateless stack grants the key to each function that reads or writes the
   * table or reads its stream.
   */
  private encryptTableWith(key: Key): void {
    const table = this.table.node.defaultChild as CfnGlobalTable;
    table.addPropertyOverride('SSESpecification', { SSEEnabled: true, SSEType: 'KMS' });
    table.addPropertyOverride('Replicas.0.SSESpecification', { KMSMasterKeyId: key.keyArn });
  }

  private subscribeAlertReceivers(
    subscribers: StageConfig['alertSubscribers'],
    retentionPeriod: Duration,
  ): Queue | undefined {
    if (subscribers.length === 0) return undefined;
    // Alerts SNS could not deliver (a failing webhook, a rejected number) are kept here, not dropped.
    const deliveryFailures = new Queue(this, 'AlertDeliveryFailureQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod,
    });
    const acknowledgeEndOfLine = (rule: string) =>
      Validations.of(deliveryFailures).acknowledge({
        id: rule,
        reason:
          'This queue is the dead-letter queue of the alert subscriptions; it has no dead-letter queue of its own.',
      });
    acknowledgeEndOfLine('AwsSolutions-SQS3');
    acknowledgeEndOfLine('Serverless-SQSRedrivePolicy');

    for (const subscriber of subscribers) {
      const { protocol, endpoint } = subscriber;
      const policy = filterPolicyOf(subscriber);
      // The L2 subscription, not the protocol helpers: the SMS helper drops its dead-letter queue.
      new Subscription(this.alertsTopic, `${protocol}:${endpoint}`, {
        topic: this.alertsTopic,
        protocol: SUBSCRIPTION_PROTOCOLS[protocol],
        endpoint,
        deadLetterQueue: deliveryFailures,
        filterPolicy: Object.fromEntries(
          Object.entries(policy).map(([attribute, allowlist]) => [
            attribute,
            SubscriptionFilter.stringFilter({ allowlist }),
          ]),
        ),
      });
    }
    return deliveryFailures;
  }
}
