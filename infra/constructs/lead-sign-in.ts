import { createHash } from 'node:crypto';
import { CfnOutput, Duration, Fn, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  CfnUserPoolUser,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export interface LeadSignInProps {
  /** The leads' email addresses: each gets a user, invited by email with a temporary password. */
  readonly leads: readonly string[];
  /** The stage's name, part of the default prefix of the sign-in domain. */
  readonly stage: string;
  /**
   * The prefix of the Cognito domain the managed login is served at
   * (`<prefix>.auth.<region>.amazoncognito.com`), unique in its region across every AWS account.
   * @default `pulse-<stage>-` and the first 8 hex digits of the stack's id
   */
  readonly domainPrefix?: string;
}

/**
 * How support leads sign in on AWS: a Cognito user pool of leads only (no self sign-up; an
 * administrator adds them, here from the stage config), email as the user name, a strong password and
 * a TOTP authenticator app required. One app client, without a secret, for the SRP and password flows;
 * its ID tokens carry the lead's email, which the lead authorizer checks and passes on as who acted.
 * They last 15 minutes: a lead removed or disabled loses access within that and the authorizer's
 * 5-minute cache, since an ID token is checked against the pool's keys, not against the pool. A
 * Cognito prefix domain serves the managed login (its newer version) that the console signs leads in
 * through, with an app client of its own (`ConsoleLogin`, made where the console's URL is known).
 */
export class LeadSignIn extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** The domain of the managed login. */
  readonly domain: UserPoolDomain;
  /** The managed login's base URL, `https://<prefix>.auth.<region>.amazoncognito.com`. */
  readonly loginUrl: string;

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
    // The stack's id ends in a UUID made at its creation: its first 8 digits keep the default prefix
    // apart from every other account's stage of the same name, and stay for the stack's life.
    const stackUuid = Fn.select(2, Fn.split('/', Stack.of(this).stackId));
    const domainPrefix =
      props.domainPrefix ?? Fn.join('-', ['pulse', props.stage, Fn.select(0, Fn.split('-', stackUuid))]);
    this.domain = this.userPool.addDomain('LoginDomain', {
      cognitoDomain: { domainPrefix },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    this.loginUrl = this.domain.baseUrl();
    new CfnOutput(this, 'LeadsUserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'LeadsClientId', { value: this.client.userPoolClientId });
    new CfnOutput(this, 'LeadsLoginUrl', {
      value: this.loginUrl,
      description: "The managed login's domain, where the console sends leads to sign in",
    });
  }
}

export interface ConsoleLoginProps {
  /** The leads' user pool, whose managed login signs leads in to the console. */
  readonly userPoolId: string;
  /**
   * The console's base URL (the stage's `publicUrl` or the API's): the managed login sends a lead
   * back to `<consoleUrl>/console/callback`, and after signing out to `<consoleUrl>/console/sign-in`.
   */
  readonly consoleUrl: string;
}

/**
 * The console's own app client of the leads' pool, for its managed login: the authorization code
 * grant only (no implicit grant, no client credentials), without a secret (a public client: the
 * console proves each code exchange with PKCE), the `openid` and `email` scopes, one callback URL and
 * one sign-out URL. Its ID tokens last 15 minutes, as the API's client's; the console verifies the one
 * of each sign-in and keeps its own session. It has Cognito's default style of the managed login,
 * without which the newer managed login shows the client an error page.
 */
export class ConsoleLogin extends Construct {
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string, props: ConsoleLoginProps) {
    super(scope, id);
    const base = Token.isUnresolved(props.consoleUrl)
      ? props.consoleUrl
      : props.consoleUrl.replace(/\/+$/, '');
    this.client = new UserPoolClient(this, 'Client', {
      userPool: UserPool.fromUserPoolId(this, 'LeadsUserPool', props.userPoolId),
      generateSecret: false,
      // The managed login signs leads in with their password through SRP; no other flow by the API.
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL],
        callbackUrls: [`${base}/console/callback`],
        logoutUrls: [`${base}/console/sign-in`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.minutes(15),
      accessTokenValidity: Duration.minutes(15),
      // Cognito's shortest: the console never uses the refresh token.
      refreshTokenValidity: Duration.minutes(60),
      enableTokenRevocation: true,
    });
    new CfnManagedLoginBranding(this, 'LoginStyle', {
      userPoolId: props.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    new CfnOutput(this, 'ConsoleClientId', { value: this.client.userPoolClientId });
  }
}
