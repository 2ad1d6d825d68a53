import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import type { LeadTokens } from './ports.js';

/**
 * Verifies a lead's ID token from the stage's Cognito user pool: its signature against the pool's
 * JWKS, its issuer, its client (`aud`), `token_use` id and its expiry, and answers the lead's email.
 * `jwksOf` replaces the download of the pool's JWKS (the local runtime signs its own tokens).
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
      return typeof email === 'string' && payload.email_verified !== false ? { email } : null;
    } catch {
      return null;
    }
  }
}
