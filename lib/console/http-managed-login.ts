import * as z from 'zod';
import type { ManagedLogin } from './managed-login.js';

/** What the token endpoint answers a code exchange with; the console reads the ID token only. */
const TokensSchema = z.object({ id_token: z.string().min(1) });

/** How long the console waits for the token endpoint, well inside the function's timeout. */
const TOKEN_TIMEOUT_MS = 5000;

/** Thrown when the token endpoint cannot answer (down, slow, or answering what is no token response). */
export class ManagedLoginError extends Error {
  override name = 'ManagedLoginError';
}

/**
 * The managed login's token endpoint over HTTPS (`POST <loginUrl>/oauth2/token`), as a public client:
 * the console's client id and the PKCE verifier stand in for a secret. A refusal (4xx: the code unknown,
 * used or asked for another verifier) answers null; an endpoint that cannot answer throws.
 */
export class HttpManagedLogin implements ManagedLogin {
  constructor(
    private readonly loginUrl: string,
    private readonly clientId: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async exchange(grant: {
    code: string;
    codeVerifier: string;
    redirectUri: string;
  }): Promise<{ idToken: string } | null> {
    let response: Response;
    try {
      response = await this.fetchImpl(new URL('/oauth2/token', this.loginUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          client_id: this.clientId,
          code: grant.code,
          redirect_uri: grant.redirectUri,
          code_verifier: grant.codeVerifier,
        }).toString(),
        redirect: 'error',
        signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
      });
    } catch (error) {
      throw new ManagedLoginError(`the token endpoint did not answer: ${(error as Error).message}`);
    }
    if (response.status >= 400 && response.status < 500) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok) throw new ManagedLoginError(`the token endpoint answered ${response.status}`);
    const tokens = TokensSchema.safeParse(await response.json().catch(() => undefined));
    if (!tokens.success) throw new ManagedLoginError('the token endpoint answered no ID token');
    return { idToken: tokens.data.id_token };
  }
}
