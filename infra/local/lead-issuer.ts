import { generateKeyPairSync, type KeyObject, randomUUID, sign } from 'node:crypto';

/** The user pool and app client the local runtime's lead tokens name, in Cognito's own shapes. */
export const LOCAL_LEADS = {
  userPoolId: 'us-east-1_PulseLocal',
  clientId: 'pulselocalleads',
} as const;

const ISSUER = `https://cognito-idp.us-east-1.amazonaws.com/${LOCAL_LEADS.userPoolId}`;
/** As the stage's app client: ID tokens last 15 minutes. */
const TOKEN_SECONDS = 900;

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Cognito's sign-in as far as the lead authorizer sees it: RS256 ID tokens with Cognito's claims,
 * signed by a key made at start, and the JWKS that verifies them. Only the stage's `leads` sign in.
 */
export class LocalLeadIssuer {
  private readonly privateKey: KeyObject;
  private readonly kid = randomUUID();
  readonly jwks: { keys: Record<string, unknown>[] };

  constructor(private readonly leads: readonly string[]) {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.jwks = {
      keys: [{ ...publicKey.export({ format: 'jwk' }), kid: this.kid, alg: 'RS256', use: 'sig' }],
    };
  }

  /** A lead's ID token, or null for an address that is not one of the stage's leads; `claims` override Cognito's. */
  signIn(
    email: string,
    now: Date,
    claims: Record<string, unknown> = {},
  ): { idToken: string; expiresIn: number } | null {
    const lead = this.leads.find((known) => known.toLowerCase() === email.toLowerCase());
    if (!lead) return null;
    const iat = Math.floor(now.getTime() / 1000);
    const sub = randomUUID();
    const unsigned = `${base64url({ kid: this.kid, alg: 'RS256' })}.${base64url({
      sub,
      email: lead,
      email_verified: true,
      iss: ISSUER,
      'cognito:username': sub,
      aud: LOCAL_LEADS.clientId,
      token_use: 'id',
      auth_time: iat,
      iat,
      exp: iat + TOKEN_SECONDS,
      jti: randomUUID(),
      ...claims,
    })}`;
    const signature = sign('RSA-SHA256', Buffer.from(unsigned), this.privateKey).toString('base64url');
    return { idToken: `${unsigned}.${signature}`, expiresIn: TOKEN_SECONDS };
  }
}
