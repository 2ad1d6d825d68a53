import { createHash } from 'node:crypto';
import { CfnOutput, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolUser,
  FeaturePlan,
  Mfa,
  UserPool,
  type UserPoolClient,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export interface LeadSignInProps {
  /** The leads' email addresses: each gets a user, invited by email with a temporary password. */
  readonly leads: readonly string[];
}

/**
 * How support leads sign in on AWS: a Cognito user pool of leads only (no self sign-up; an
 * administrator adds them, here from the stage config), email as the user name, a strong password and
 * a TOTP authenticator app required. One app client, without a secret, for the SRP and password flows;
 * its ID tokens carry the lead's email, which the lead authorizer checks and passes on as who acted.
 * They last 15 minutes: a lead removed or disabled loses access within that and the authorizer's
 * 5-minute cache, since an ID token is checked against the pool's keys, not against the pool.
 */
export class LeadSignIn extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string, props: LeadSignInProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      userInvitation: {
        emailSubject: 'Your Pulse sign-in',
        emailBody:
          'You can now work Pulse cases. Your user name is {username} and your temporary password is {####}; you will choose your own and set up an authenticator app at the first sign-in.',
      },
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'Threat protection needs the Plus feature plan, billed per user; leads are few, added by an administrator, and must use TOTP.',
    });
    this.client = this.userPool.addClient('LeadsClient', {
      authFlows: { userSrp: true, userPassword: true },
      // No hosted sign-in page, so no OAuth flows: CDK would otherwise allow the implicit grant.
      disableOAuth: true,
      generateSecret: false,
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.minutes(15),
      accessTokenValidity: Duration.minutes(15),
      refreshTokenValidity: Duration.days(30),
      enableTokenRevocation: true,
    });
    for (const email of props.leads) {
      // Named by the address, not its place in the list: removing one lead must not rename the others.
      const id = createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 16);
      new CfnUserPoolUser(this, `Lead${id}`, {
        userPoolId: this.userPool.userPoolId,
        username: email,
        userAttributes: [
          { name: 'email', value: email },
          { name: 'email_verified', value: 'true' },
        ],
        desiredDeliveryMediums: ['EMAIL'],
      });
    }
    new CfnOutput(this, 'LeadsUserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'LeadsClientId', { value: this.client.userPoolClientId });
  }
}
