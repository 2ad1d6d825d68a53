import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { LeadTokens } from './ports.js';

/**
 * Verifies a lead's ID token from the stage's Cognito user pool: its signature against the pool's
 * JWKS, its issuer, its client (`aud`), `token_use` id and its expiry, and answers the lead's email.
 * `jwksOf` replaces the download of the pool's JWKS (the local runtime signs its own tokens).
 *
 * Two claims the JWT library lets pass are required too. `exp`: the library checks an expiry only
 * when there is one, and a token without one would never expire. `email_verified: true`: the email
 * becomes who acted, and Cognito puts `email_verified` in every ID token of a user with an email
 * (leads are created verified); a lead who changes their address gets `false` until they prove the
 * new one, so a token without the claim, or with anything but `true`, names an address nobody proved.
 */
export class CognitoLeadTokens implements LeadTokens {
  private readonly verifier;

  constructor(props: { userPoolId: string; clientId: string; jwksOf?: (uri: string) => Promise<unknown> }) {
    const { jwksOf } = props;
    const jwksCache = jwksOf
      ? new SimpleJwksCache({
          fetcher: {
            fetch: async (uri: string) =>
              new TextEncoder().encode(JSON.stringify(await jwksOf(uri))).buffer as ArrayBuffer,
          },
        })
      : undefined;
    this.verifier = CognitoJwtVerifier.create(
      { userPoolId: props.userPoolId, clientId: props.clientId, tokenUse: 'id' },
      jwksCache ? { jwksCache } : undefined,
    );
  }

  async verify(token: string): Promise<{ email: string } | null> {
    try {
      const payload = await this.verifier.verify(token);
      const email = payload.email;
      const expires = typeof payload.exp === 'number' && Number.isFinite(payload.exp);
      return expires && typeof email === 'string' && payload.email_verified === true ? { email } : null;
    } catch {
      return null;
    }
  }
}
