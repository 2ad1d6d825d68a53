import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
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
      const { template } = synth();
      template.resourceCountIs('AWS::SNS::Subscription', 0);
      template.resourceCountIs('AWS::SQS::Queue', 0);
    });

    it('subscribes every configured receiver, keeping what it cannot deliver', () => {
      const { template } = synth({ alertSubscribers: subscribers });
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
});
