import { App, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnKey } from 'aws-cdk-lib/aws-kms';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { parseStageConfig } from './stage-config.js';
import { StatefulStack } from './stateful-stack.js';

const synth = (settings: Record<string, unknown> = {}) => {
  const app = new App();
  const config = parseStageConfig({ stage: 'test', senderAddress: 'surveys@example.com', ...settings });
  const stack = new StatefulStack(app, 'Stateful', { config });
  return { app, stack, template: Template.fromStack(stack) };
};

const subscribers = [
  { protocol: 'email', endpoint: 'lead@example.com' },
  { protocol: 'sms', endpoint: '+14155550100' },
  { protocol: 'https', endpoint: 'https://hooks.example.com/pulse' },
];

describe('StatefulStack', () => {
  describe('table', () => {
    const { template } = synth();

    it('keys items on pk and sk, both strings, billed on demand', () => {
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      });
    });

    it('streams new and old images, which the aggregator needs to see a changed score', () => {
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      });
    });

    it('expires items on expiresAt', () => {
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      });
    });

    it('recovers to a point in time and refuses deletion', () => {
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        Replicas: [
          Match.objectLike({
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            DeletionProtectionEnabled: true,
          }),
        ],
      });
      template.hasResource('AWS::DynamoDB::GlobalTable', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    });
  });

  describe('alerts topic', () => {
    it('encrypts alerts at rest and refuses publishing over plain HTTP', () => {
      const { template } = synth();
      template.hasResourceProperties('AWS::SNS::Topic', {
        KmsMasterKeyId: { 'Fn::Join': ['', Match.arrayWith([':alias/aws/sns'])] },
      });
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    });

    it('has no subscription and no delivery-failure queue when nobody subscribes', () => {
      const { template, stack } = synth({ analytics: { enabled: false } });
      template.resourceCountIs('AWS::SNS::Subscription', 0);
      template.resourceCountIs('AWS::SQS::Queue', 0);
      expect(stack.alertDeliveryFailureQueue).toBeUndefined();
    });

    it('subscribes every configured receiver, keeping what it cannot deliver', () => {
      const { template } = synth({ alertSubscribers: subscribers, analytics: { enabled: false } });
      const queues = Object.keys(template.findResources('AWS::SQS::Queue'));
      expect(queues).toHaveLength(1);
      for (const { protocol, endpoint } of subscribers) {
        template.hasResourceProperties('AWS::SNS::Subscription', {
          Protocol: protocol,
          Endpoint: endpoint,
          RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [queues[0], 'Arn'] } },
        });
      }
      template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    });
  });

  describe('email and secrets', () => {
    const { template } = synth();

    it('creates the SES configuration set invitations are sent with', () => {
      template.resourceCountIs('AWS::SES::ConfigurationSet', 1);
    });

    it('generates the link signing key and the integrator token, 48 characters without punctuation', () => {
      template.resourceCountIs('AWS::SecretsManager::Secret', 2);
      template.allResourcesProperties('AWS::SecretsManager::Secret', {
        GenerateSecretString: { ExcludePunctuation: true, PasswordLength: 48 },
      });
    });

    it("keeps the integrator secret's generated value as it was, so the token of old still works", () => {
      // A change to the generation would make CloudFormation generate a new value; a plain value reads
      // as the credential default with every scope (lib/access/integrator-credentials.ts).
      const [secret] = Object.values(
        template.findResources('AWS::SecretsManager::Secret', {
          Properties: { Description: Match.stringLikeRegexp('^Integrator credentials') },
        }),
      );
      expect(secret?.Properties.GenerateSecretString).toEqual({
        ExcludePunctuation: true,
        PasswordLength: 48,
      });
      expect(secret?.Properties.Description).toMatch(/SHA-256 hashes of up to two tokens/);
    });

    it('keeps both secrets when the stack goes, so that sent links and integrations keep working', () => {
      const secrets = Object.values(template.findResources('AWS::SecretsManager::Secret'));
      for (const secret of secrets) expect(secret.DeletionPolicy).toBe('Retain');
    });

    it('outputs the secret ARNs, never their values', () => {
      template.hasOutput('ApiTokenSecretArn', {
        Value: { Ref: Match.stringLikeRegexp('IntegratorApiToken') },
      });
      template.hasOutput('SigningKeySecretArn', { Value: { Ref: Match.stringLikeRegexp('LinkSigningKey') } });
    });
  });

  it('leaves no rule pack finding unacknowledged, subscribers included', () => {
    const { app } = synth({ alertSubscribers: subscribers });
    const findings = [new AwsSolutionsChecks(), new ServerlessChecks()].flatMap(
      (pack) => pack.validateScope(app).violations,
    );
    expect(findings.map((v) => `${v.ruleName} ${v.violatingResources[0]?.constructPath}`)).toEqual([]);
  });

  it('leaves no rule pack finding unacknowledged with its own table key and personal columns', () => {
    const { app } = synth({ tableKey: 'customer-managed', analytics: { personalColumns: true } });
    const findings = [new AwsSolutionsChecks(), new ServerlessChecks()].flatMap(
      (pack) => pack.validateScope(app).violations,
    );
    expect(findings.map((v) => `${v.ruleName} ${v.violatingResources[0]?.constructPath}`)).toEqual([]);
  });

  describe('lead sign-in', () => {
    const { template } = synth({ leads: ['ana.lead@acme.example', 'bo.lead@acme.example'] });

    it('is a user pool of leads an administrator adds, who sign in with email, a strong password and TOTP', () => {
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
        UsernameAttributes: ['email'],
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireSymbols: true }) },
        DeletionProtection: 'ACTIVE',
      });
      template.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain' });
    });

    it('has one app client without a secret, whose ID tokens last 15 minutes', () => {
      template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
      template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        GenerateSecret: false,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        AllowedOAuthFlows: Match.absent(),
        IdTokenValidity: 15,
        PreventUserExistenceErrors: 'ENABLED',
      });
    });

    it('serves the newer managed login at a Cognito prefix domain, pulse-<stage>- and the stack id’s first digits by default', () => {
      template.resourceCountIs('AWS::Cognito::UserPoolDomain', 1);
      template.hasResourceProperties('AWS::Cognito::UserPoolDomain', {
        UserPoolId: { Ref: Match.stringLikeRegexp('LeadSignInUserPool') },
        ManagedLoginVersion: 2,
        CustomDomainConfig: Match.absent(),
        Domain: {
          'Fn::Join': [
            '-',
            [
              'pulse-test',
              {
                'Fn::Select': [
                  0,
                  {
                    'Fn::Split': [
                      '-',
                      { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] },
                    ],
                  },
                ],
              },
            ],
          ],
        },
      });
      template.hasOutput('*', {
        Value: {
          'Fn::Join': [
            '',
            [
              'https://',
              { Ref: Match.stringLikeRegexp('LoginDomain') },
              '.auth.',
              { Ref: 'AWS::Region' },
              '.amazoncognito.com',
            ],
          ],
        },
      });
    });

    it('takes the domain prefix from the stage config, and refuses one Cognito would', () => {
      synth({ leadsLoginDomainPrefix: 'acme-support-leads' }).template.hasResourceProperties(
        'AWS::Cognito::UserPoolDomain',
        { Domain: 'acme-support-leads', ManagedLoginVersion: 2 },
      );
      expect(() => synth({ leadsLoginDomainPrefix: 'Acme_Leads' })).toThrow(
        /pulse:config\.leadsLoginDomainPrefix: must be 1 to 63 lower-case letters, digits and dashes/,
      );
      expect(() => synth({ leadsLoginDomainPrefix: '-acme' })).toThrow(/leadsLoginDomainPrefix/);
      expect(() => synth({ leadsLoginDomainPrefix: 'acme-cognito' })).toThrow(
        /leadsLoginDomainPrefix: must not contain aws, amazon, cognito/,
      );
      expect(() => synth({ stage: 'aws-dev' })).toThrow(
        /pulse:config\.leadsLoginDomainPrefix: the default, pulse-aws-dev-…, holds "aws"/,
      );
      expect(() => synth({ stage: 'aws-dev', leadsLoginDomainPrefix: 'acme-dev-leads' })).not.toThrow();
    });

    it('invites each lead of the stage config by email, verified', () => {
      const users = Object.values(template.findResources('AWS::Cognito::UserPoolUser')).map(
        (user) => user.Properties,
      );
      expect(users.map((user) => user.Username)).toEqual(['ana.lead@acme.example', 'bo.lead@acme.example']);
      expect(users.every((user) => user.DesiredDeliveryMediums[0] === 'EMAIL')).toBe(true);
      expect(users[0].UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'true' });
    });

    it('keeps each lead under the same id when another is removed from the list', () => {
      const idsOf = (leads: string[]) =>
        Object.entries(synth({ leads }).template.findResources('AWS::Cognito::UserPoolUser')).map(
          ([id, user]) => `${id} ${user.Properties.Username}`,
        );

      const both = idsOf(['ana.lead@acme.example', 'bo.lead@acme.example']);
      const one = idsOf(['bo.lead@acme.example']);

      expect(both).toContain(one[0]);
      expect(() => synth({ leads: ['Ana@acme.example', 'ana@acme.example'] })).toThrow(
        /pulse:config\.leads: lists an address twice/,
      );
    });
  });

  describe('email feedback', () => {
    const { template } = synth();

    it('publishes bounces, complaints and subscription events of the configuration set to a topic', () => {
      template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
        EventDestination: Match.objectLike({
          Enabled: true,
          MatchingEventTypes: ['bounce', 'complaint', 'subscription'],
          SnsDestination: { TopicARN: Match.anyValue() },
        }),
      });
    });

    it('encrypts that topic with a key SES may use, and lets only SES of this configuration set publish', () => {
      template.hasResourceProperties('AWS::SNS::Topic', {
        DisplayName: 'Pulse email feedback (test)',
        KmsMasterKeyId: Match.anyValue(),
      });
      template.hasResourceProperties('AWS::KMS::Key', {
        EnableKeyRotation: true,
        KeyPolicy: Match.objectLike({
          Statement: Match.arrayWith([
            Match.objectLike({
              Principal: { Service: 'ses.amazonaws.com' },
              Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
            }),
          ]),
        }),
      });
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: Match.objectLike({
          Statement: Match.arrayWith([
            Match.objectLike({
              Action: 'sns:Publish',
              Principal: { Service: 'ses.amazonaws.com' },
              Condition: { StringEquals: Match.objectLike({ 'AWS:SourceAccount': Match.anyValue() }) },
            }),
          ]),
        }),
      });
    });
  });

  describe('inbound SMS', () => {
    const { template } = synth();

    it('is a KMS-encrypted topic that only End User Messaging of this account may publish to', () => {
      template.hasResourceProperties('AWS::SNS::Topic', {
        DisplayName: 'Pulse inbound SMS (test)',
        KmsMasterKeyId: Match.anyValue(),
      });
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: Match.objectLike({
          Statement: Match.arrayWith([
            Match.objectLike({
              Action: 'sns:Publish',
              Principal: { Service: 'sms-voice.amazonaws.com' },
              Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
            }),
          ]),
        }),
      });
      template.hasOutput('InboundSmsTopicArn', {});
    });
  });
  describe('event bus', () => {
    it('is the stage’s own bus, whose name is an output', () => {
      const { template } = synth();
      template.resourceCountIs('AWS::Events::EventBus', 1);
      template.hasResourceProperties('AWS::Events::EventBus', {
        Description: Match.stringLikeRegexp('^Pulse test: '),
      });
      template.hasOutput('PulseEventBusName', { Value: { Ref: Match.stringLikeRegexp('PulseEventBus') } });
    });
  });

  describe('table key', () => {
    it('leaves the table under DynamoDB’s own key by default', () => {
      const { template, stack } = synth();
      expect(stack.tableKey).toBeUndefined();
      template.resourceCountIs('AWS::KMS::Alias', 0);
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        SSESpecification: Match.absent(),
        Replicas: [Match.objectLike({ SSESpecification: Match.absent() })],
      });
    });

    it('encrypts the table with a rotated key of the stage’s own, kept when the stack goes', () => {
      const { template, stack } = synth({ tableKey: 'customer-managed' });
      const keyId = stack.getLogicalId(stack.tableKey?.node.defaultChild as CfnKey);

      template.hasResource('AWS::KMS::Key', {
        Properties: Match.objectLike({ EnableKeyRotation: true }),
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
      template.hasResourceProperties('AWS::KMS::Alias', {
        AliasName: 'alias/pulse-test-table',
        TargetKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
      });
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        Replicas: [
          Match.objectLike({
            Region: { Ref: 'AWS::Region' },
            SSESpecification: { KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
          }),
        ],
      });
    });

    it('refuses a key kind it does not know', () => {
      expect(() => synth({ tableKey: 'aws-managed' })).toThrow(/pulse:config\.tableKey/);
    });
  });

  describe('dead-letter queues', () => {
    const retentionOf = (settings: Record<string, unknown>) =>
      Object.values(
        synth({ alertSubscribers: subscribers, ...settings }).template.findResources('AWS::SQS::Queue'),
      ).map((queue) => queue.Properties.MessageRetentionPeriod as number);

    it('keep a message for SQS’s longest, 14 days, when the stage keeps people’s data longer', () => {
      const retention = retentionOf({});
      expect(retention).toHaveLength(2);
      expect(retention.every((seconds) => seconds === 14 * 86_400)).toBe(true);
    });

    it('keep customers’ details no longer than the stage’s retention', () => {
      const retention = retentionOf({ retention: { days: 3 } });
      expect(retention).toHaveLength(2);
      expect(retention.every((seconds) => seconds <= 3 * 86_400)).toBe(true);
    });
  });

  describe('analytics export', () => {
    const { template, stack } = synth();
    const analytics = stack.analytics as NonNullable<typeof stack.analytics>;
    const idOf = (construct: { node: { defaultChild?: unknown } }) =>
      stack.getLogicalId(construct.node.defaultChild as CfnElement);
    const bucketId = idOf(analytics.bucket);
    const ruleOf = (detailType: string) => {
      const [rule] = Object.values(
        template.findResources('AWS::Events::Rule', {
          Properties: { EventPattern: { 'detail-type': [detailType] } },
        }),
      );
      return rule?.Properties as {
        EventBusName: unknown;
        EventPattern: unknown;
        Targets: {
          Arn: unknown;
          DeadLetterConfig: unknown;
          RetryPolicy: unknown;
          InputTransformer: { InputPathsMap: Record<string, string>; InputTemplate: string };
        }[];
      };
    };
    const lineKeys = (rule: ReturnType<typeof ruleOf>) =>
      Object.keys(
        JSON.parse(rule.Targets[0]?.InputTransformer.InputTemplate.replace(/<[^>]+>/g, 'null') ?? '{}'),
      );
    const columnsOf = (tpl: Template): string[] => {
      const [table] = Object.values(tpl.findResources('AWS::Glue::Table'));
      return (table?.Properties.TableInput.StorageDescriptor.Columns ?? []).map(
        ({ Name }: { Name: string }) => Name,
      );
    };

    it('keeps the answers in an encrypted, private bucket, TLS only, expired after the retention, kept when the stack goes', () => {
      template.hasResource('AWS::S3::Bucket', {
        Properties: Match.objectLike({
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [
              { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
            ],
          },
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            BlockPublicPolicy: true,
            IgnorePublicAcls: true,
            RestrictPublicBuckets: true,
          },
          LifecycleConfiguration: {
            Rules: [Match.objectLike({ ExpirationInDays: 400, Status: 'Enabled' })],
          },
          LoggingConfiguration: Match.objectLike({
            DestinationBucketName: { Ref: idOf(analytics.accessLogsBucket) },
          }),
        }),
        DeletionPolicy: 'Retain',
      });
      expect(template.findResources('AWS::S3::Bucket')[bucketId]).toBeDefined();
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: bucketId },
        PolicyDocument: Match.objectLike({
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        }),
      });
    });

    it('expires the export with the stage’s retention', () => {
      const bucket = synth({ retention: { days: 90 } }).template.findResources('AWS::S3::Bucket')[bucketId];
      expect(bucket?.Properties.LifecycleConfiguration.Rules[0].ExpirationInDays).toBe(90);
    });

    it.each([
      ['SurveyAnswered', 'answered'],
      ['SurveyAnswerChanged', 'changed'],
    ])('sends each %s on the stage’s bus to the delivery stream as a line of kind %s', (detailType, kind) => {
      const rule = ruleOf(detailType);
      expect(rule.EventBusName).toEqual({ Ref: idOf(stack.eventBus) });
      expect(rule.EventPattern).toEqual({ source: ['pulse'], 'detail-type': [detailType] });
      expect(rule.Targets).toHaveLength(1);
      expect(rule.Targets[0]?.Arn).toEqual({ 'Fn::GetAtt': [idOf(analytics.deliveryStream), 'Arn'] });
      expect(rule.Targets[0]?.InputTransformer.InputTemplate).toContain(`"kind":"${kind}"`);
      expect(rule.Targets[0]?.DeadLetterConfig).toEqual({
        Arn: { 'Fn::GetAtt': [idOf(analytics.failureQueue), 'Arn'] },
      });
      expect(rule.Targets[0]?.RetryPolicy).toEqual({
        MaximumRetryAttempts: 185,
        MaximumEventAgeInSeconds: 86_400,
      });
    });

    it('writes the answer’s figures and segments, and nothing personal unless the stage opts in', () => {
      const rule = ruleOf('SurveyAnswered');
      const columns = [
        'event_id',
        'kind',
        'interaction_id',
        'survey',
        'score',
        'category',
        'team',
        'channel',
        'touchpoint',
        'agent',
        'answered_at',
        'updated_at',
        'locale',
        'sentiment',
        'topics',
      ];
      expect(lineKeys(rule)).toEqual([...columns, 'day']);
      expect(Object.values(rule.Targets[0]?.InputTransformer.InputPathsMap ?? {})).not.toContain(
        '$.detail.customerId',
      );
      expect(Object.values(rule.Targets[0]?.InputTransformer.InputPathsMap ?? {})).not.toContain(
        '$.detail.comment',
      );
      expect(columnsOf(template)).toEqual(columns);

      const opted = synth({ analytics: { personalColumns: true } }).template;
      const [optedRule] = Object.values(opted.findResources('AWS::Events::Rule')) as {
        Properties: Parameters<typeof lineKeys>[0];
      }[];
      expect(lineKeys(optedRule?.Properties as Parameters<typeof lineKeys>[0])).toEqual([
        ...columns,
        'customer_id',
        'comment',
        'day',
      ]);
      expect(columnsOf(opted)).toEqual([...columns, 'customer_id', 'comment']);
    });

    it('lets the events role put records on the delivery stream, and EventBridge its failures in the queue', () => {
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: Match.objectLike({
          Statement: [
            Match.objectLike({
              Action: ['firehose:PutRecord', 'firehose:PutRecordBatch'],
              Resource: { 'Fn::GetAtt': [idOf(analytics.deliveryStream), 'Arn'] },
            }),
          ],
        }),
      });
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: idOf(analytics.failureQueue) }],
        PolicyDocument: Match.objectLike({
          Statement: Match.arrayWith([
            Match.objectLike({ Action: 'sqs:SendMessage', Principal: { Service: 'events.amazonaws.com' } }),
          ]),
        }),
      });
    });

    it('delivers gzipped JSON lines under a folder per answer day, failures under a folder of their own', () => {
      template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
        DeliveryStreamEncryptionConfigurationInput: { KeyType: 'AWS_OWNED_CMK' },
        ExtendedS3DestinationConfiguration: Match.objectLike({
          BucketARN: { 'Fn::GetAtt': [bucketId, 'Arn'] },
          Prefix: 'answers/day=!{partitionKeyFromQuery:day}/',
          ErrorOutputPrefix: 'errors/!{firehose:error-output-type}/!{timestamp:yyyy-MM-dd}/',
          CompressionFormat: 'GZIP',
          DynamicPartitioningConfiguration: { Enabled: true },
          ProcessingConfiguration: {
            Enabled: true,
            Processors: [
              Match.objectLike({
                Type: 'MetadataExtraction',
                Parameters: Match.arrayWith([
                  { ParameterName: 'MetadataExtractionQuery', ParameterValue: '{"day":.day}' },
                ]),
              }),
              Match.objectLike({ Type: 'AppendDelimiterToRecord' }),
            ],
          },
        }),
      });
    });

    it('lets Firehose write to the export bucket and delete nothing', () => {
      const roleId = Object.keys(
        template.findResources('AWS::IAM::Role', {
          Properties: {
            AssumeRolePolicyDocument: Match.objectLike({
              Statement: [Match.objectLike({ Principal: { Service: 'firehose.amazonaws.com' } })],
            }),
          },
        }),
      );
      expect(roleId).toHaveLength(1);
      const actions = Object.values(template.findResources('AWS::IAM::Policy'))
        .filter((policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleId[0] }]))
        .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
        .flatMap((statement: { Action: string | string[] }) => [statement.Action].flat());
      expect(actions).toContain('s3:PutObject');
      expect(actions.filter((action) => /Delete|\*/.test(action))).toEqual([]);
    });

    it('describes the lines in a Glue table Athena reads as JSON, its days projected', () => {
      template.hasResourceProperties('AWS::Glue::Database', {
        DatabaseInput: Match.objectLike({ Name: 'pulse_test' }),
      });
      template.hasResourceProperties('AWS::Glue::Table', {
        DatabaseName: 'pulse_test',
        TableInput: Match.objectLike({
          Name: 'answers',
          TableType: 'EXTERNAL_TABLE',
          PartitionKeys: [Match.objectLike({ Name: 'day', Type: 'string' })],
          Parameters: Match.objectLike({
            'projection.enabled': 'true',
            'projection.day.type': 'date',
            'projection.day.format': 'yyyy-MM-dd',
            'projection.day.range': 'NOW-400DAYS,NOW+1DAYS',
            'storage.location.template': {
              // Athena's placeholder, which it fills with each projected day.
              'Fn::Join': ['', ['s3://', { Ref: bucketId }, `/answers/day=\${day}/`]],
            },
          }),
          StorageDescriptor: Match.objectLike({
            Location: { 'Fn::Join': ['', ['s3://', { Ref: bucketId }, '/answers/']] },
            SerdeInfo: { SerializationLibrary: 'org.openx.data.jsonserde.JsonSerDe' },
          }),
        }),
      });
    });

    it('queries in a workgroup that enforces its own encrypted results bucket', () => {
      template.hasResourceProperties('AWS::Athena::WorkGroup', {
        Name: 'pulse-test-analytics',
        WorkGroupConfiguration: Match.objectLike({
          EnforceWorkGroupConfiguration: true,
          ResultConfiguration: Match.objectLike({
            EncryptionConfiguration: { EncryptionOption: 'SSE_S3' },
            OutputLocation: {
              'Fn::Join': ['', ['s3://', { Ref: idOf(analytics.resultsBucket) }, '/']],
            },
          }),
        }),
      });
    });

    it('outputs the bucket, the database, the table and the workgroup', () => {
      template.hasOutput('AnalyticsBucketName', { Value: { Ref: bucketId } });
      template.hasOutput('AnalyticsDatabase', { Value: 'pulse_test' });
      template.hasOutput('AnalyticsTable', { Value: 'answers' });
      template.hasOutput('AnalyticsWorkGroup', { Value: { Ref: stack.getLogicalId(analytics.workGroup) } });
    });

    it('is left out when the stage turns it off', () => {
      const off = synth({ analytics: { enabled: false } });
      expect(off.stack.analytics).toBeUndefined();
      for (const type of [
        'AWS::S3::Bucket',
        'AWS::KinesisFirehose::DeliveryStream',
        'AWS::Events::Rule',
        'AWS::Glue::Table',
        'AWS::Athena::WorkGroup',
      ]) {
        off.template.resourceCountIs(type, 0);
      }
    });
  });
});
