import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A token request the stand-in answered, and why it refused it if it did. */
export interface TokenRequest {
  code: string;
  refused?: 'grant' | 'client' | 'code' | 'redirect' | 'verifier';
}

export interface ManagedLoginStandIn {
  /** Its base URL, on another site than the console's (`localhost`, where the console is on 127.0.0.1). */
  url: string;
  /** The console's base URL, under which the callback and sign-out URLs must be: set once it listens. */
  consoleUrl: string;
  tokenRequests: TokenRequest[];
  logouts: { clientId: string; logoutUri: string }[];
  stop(): Promise<void>;
}

const S256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

const asHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const formOf = async (request: IncomingMessage): Promise<URLSearchParams> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};

const send = (response: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') => {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
};

const redirectTo = (response: ServerResponse, location: string) => {
  response.writeHead(302, { location, 'cache-control': 'no-store' });
  response.end();
};

/**
 * A tiny OAuth 2.0 authorization server standing in for Cognito's managed login, as strict as Cognito
 * is with a public client: `/oauth2/authorize` takes only the console's client, its callback and an
 * S256 challenge, and shows a sign-in form whose email it trusts; it redirects back with a code bound
 * to that challenge and redirect. `/oauth2/token` gives the ID token `idTokenFor` signs once per code
 * (a code is spent by its first exchange, good or bad), for the same client and redirect, and only to
 * the verifier whose SHA-256 is the challenge. `/logout` takes only the console's sign-in as where to
 * go back.
 */
export const startManagedLoginStandIn = async (options: {
  clientId: string;
  idTokenFor: (email: string) => string | null;
}): Promise<ManagedLoginStandIn> => {
  const asked = new Map<string, { challenge: string; redirectUri: string; state: string }>();
  const codes = new Map<string, { email: string; challenge: string; redirectUri: string }>();
  const standIn = {
    url: '',
    consoleUrl: '',
    tokenRequests: [] as TokenRequest[],
    logouts: [] as { clientId: string; logoutUri: string }[],
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', standIn.url);
    const query = url.searchParams;
    const route = `${request.method} ${url.pathname}`;
    if (route === 'GET /oauth2/authorize') {
      const redirectUri = query.get('redirect_uri') ?? '';
      const challenge = query.get('code_challenge') ?? '';
      const valid =
        query.get('response_type') === 'code' &&
        query.get('client_id') === options.clientId &&
        redirectUri === `${standIn.consoleUrl}/console/callback` &&
        query.get('code_challenge_method') === 'S256' &&
        /^[\w-]{43}$/.test(challenge) &&
        (query.get('scope') ?? '').split(' ').includes('openid') &&
        Boolean(query.get('state'));
      if (!valid) return send(response, 400, `invalid authorization request: ${url.search}`);
      const id = randomBytes(16).toString('hex');
      asked.set(id, { challenge, redirectUri, state: query.get('state') ?? '' });
      return send(
        response,
        200,
        `<!doctype html><html lang="en"><head><title>Sign in</title></head><body><main><h1>Sign in</h1><form method="post" action="/oauth2/authorize"><input type="hidden" name="request" value="${asHtml(id)}"><label for="email">Email</label><input id="email" name="email" type="email" required><button type="submit">Sign in</button></form></main></body></html>`,
        'text/html; charset=utf-8',
      );
    }
    if (route === 'POST /oauth2/authorize') {
      const form = await formOf(request);
      const pending = asked.get(form.get('request') ?? '');
      if (!pending) return send(response, 400, 'unknown authorization request');
      asked.delete(form.get('request') ?? '');
      const code = randomBytes(24).toString('base64url');
      codes.set(code, {
        email: form.get('email') ?? '',
        challenge: pending.challenge,
        redirectUri: pending.redirectUri,
      });
      const back = new URL(pending.redirectUri);
      back.search = new URLSearchParams({ code, state: pending.state }).toString();
      return redirectTo(response, back.toString());
    }
    if (route === 'POST /oauth2/token') {
      const form = await formOf(request);
      const code = form.get('code') ?? '';
      const issued = codes.get(code);
      codes.delete(code);
      const refused: TokenRequest['refused'] =
        form.get('grant_type') !== 'authorization_code'
          ? 'grant'
          : form.get('client_id') !== options.clientId
            ? 'client'
            : !issued
              ? 'code'
              : form.get('redirect_uri') !== issued.redirectUri
                ? 'redirect'
                : S256(form.get('code_verifier') ?? '') !== issued.challenge
                  ? 'verifier'
                  : undefined;
      const idToken = issued && !refused ? options.idTokenFor(issued.email) : null;
      standIn.tokenRequests.push({ code, ...(refused ? { refused } : {}) });
      if (!idToken)
        return send(response, 400, JSON.stringify({ error: 'invalid_grant' }), 'application/json');
      return send(
        response,
        200,
        JSON.stringify({
          id_token: idToken,
          access_token: 'stand-in',
          token_type: 'Bearer',
          expires_in: 900,
        }),
        'application/json',
      );
    }
    if (route === 'GET /logout') {
      const clientId = query.get('client_id') ?? '';
      const logoutUri = query.get('logout_uri') ?? '';
      if (clientId !== options.clientId || logoutUri !== `${standIn.consoleUrl}/console/sign-in`) {
        return send(response, 400, 'invalid logout request');
      }
      standIn.logouts.push({ clientId, logoutUri });
      return redirectTo(response, logoutUri);
    }
    return send(response, 404, 'not found');
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => send(response, 500, String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  standIn.url = `http://localhost:${(server.address() as AddressInfo).port}`;
  return Object.assign(standIn, {
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
};
