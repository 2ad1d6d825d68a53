import { createHash, randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_LEADS, LocalLeadIssuer } from '../../../infra/local/lead-issuer.js';
import { InMemoryPendingLogins, InMemorySessionStore } from '../../../test/support/in-memory.js';
import { CognitoLeadTokens } from '../../access/cognito-lead-tokens.js';
import { actInConsole, type ConsoleFormDeps } from '../console-forms.js';
import { type ConsoleDeps, routeConsole } from '../console-routes.js';
import type { ManagedLogin, PendingLogin } from '../managed-login.js';
import type { Reply } from '../replies.js';

const PUBLIC_URL = 'https://pulse.acme.example';
const LOGIN_URL = 'https://pulse-prod-1a2b3c4d.auth.eu-west-1.amazoncognito.com';
const CLIENT_ID = 'consoleclient';
const CALLBACK = `${PUBLIC_URL}/console/callback`;
const NOW = new Date('2026-11-26T09:00:00.000Z');

/**
 * The managed login as the console meets it: a lead signs in on its page (`signIn`, given the
 * authorize URL the console sent them to), which answers a code for that request's challenge; its
 * token endpoint (`exchange`) then gives the ID token once, and only for the verifier whose SHA-256 is
 * that challenge, the same client and the same redirect, as Cognito does.
 */
class FakeManagedLogin implements ManagedLogin {
  private readonly codes = new Map<string, { email: string; challenge: string; redirectUri: string }>();
  readonly exchanges: { code: string; codeVerifier: string; redirectUri: string }[] = [];

  constructor(private readonly issuer: LocalLeadIssuer) {}

  signIn(authorizeUrl: string, email: string): { code: string; state: string } {
    const asked = new URL(authorizeUrl).searchParams;
    if (asked.get('client_id') !== CLIENT_ID || asked.get('code_challenge_method') !== 'S256') {
      throw new Error(`the managed login refuses ${authorizeUrl}`);
    }
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, {
      email,
      challenge: asked.get('code_challenge') ?? '',
      redirectUri: asked.get('redirect_uri') ?? '',
    });
    return { code, state: asked.get('state') ?? '' };
  }

  async exchange(grant: { code: string; codeVerifier: string; redirectUri: string }) {
    this.exchanges.push(grant);
    const issued = this.codes.get(grant.code);
    this.codes.delete(grant.code);
    const challenge = createHash('sha256').update(grant.codeVerifier).digest('base64url');
    if (!issued || issued.challenge !== challenge || issued.redirectUri !== grant.redirectUri) return null;
    const signedIn = this.issuer.signIn(issued.email, new Date(), { aud: CLIENT_ID });
    return signedIn ? { idToken: signedIn.idToken } : null;
  }
}

/** A browser's request to the console: the path and query asked, its cookies, a form. */
const request = (
  method: 'GET' | 'POST',
  pathAndQuery: string,
  cookies: Map<string, string>,
  form?: Record<string, string>,
): APIGatewayProxyEventV2 => {
  const url = new URL(pathAndQuery, PUBLIC_URL);
  return {
    version: '2.0',
    routeKey: `${method} /console/{proxy+}`,
    rawPath: url.pathname,
    rawQueryString: url.searchParams.toString(),
    cookies: [...cookies].map(([name, value]) => `${name}=${value}`),
    headers: {
      host: url.host,
      ...(method === 'POST' ? { origin: PUBLIC_URL, 'sec-fetch-site': 'same-origin' } : {}),
    },
    queryStringParameters: url.search ? Object.fromEntries(url.searchParams) : undefined,
    requestContext: { http: { method, path: url.pathname } },
    body: form ? new URLSearchParams(form).toString() : undefined,
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
};

/** A browser: keeps the cookies the console sets, as the browser would, and sends them back. */
const browser = () => {
  const jar = new Map<string, string>();
  const take = (reply: Reply) => {
    for (const cookie of reply.cookies ?? []) {
      const [pair = '', ...attributes] = cookie.split('; ');
      const [name = '', value = ''] = pair.split('=');
      if (attributes.includes('Max-Age=0')) jar.delete(name);
      else jar.set(name, value);
    }
    return reply;
  };
  return {
    jar,
    get: async (path: string, deps: ConsoleDeps) => take(await routeConsole(request('GET', path, jar), deps)),
    // A form goes to the forms' function, which signs out but never in: no sign-in flow in its hands.
    post: async (path: string, form: Record<string, string>, deps: ConsoleDeps) => {
      const { signIn } = deps;
      const formDeps = {
        ...deps,
        signIn:
          signIn.kind === 'cognito'
            ? { kind: signIn.kind, loginUrl: signIn.loginUrl, clientId: signIn.clientId }
            : signIn,
        resolve: {} as ConsoleFormDeps['resolve'],
      };
      return take(await actInConsole(request('POST', path, jar, form), formDeps));
    },
  };
};

const locationOf = (reply: Reply): string => String(reply.headers?.location ?? '');

let issuer: LocalLeadIssuer;
let managedLogin: FakeManagedLogin;
let sessions: InMemorySessionStore;
let pending: InMemoryPendingLogins;
let deps: ConsoleDeps;

beforeEach(() => {
  issuer = new LocalLeadIssuer(['lead@acme.example', 'former.lead@acme.example']);
  managedLogin = new FakeManagedLogin(issuer);
  sessions = new InMemorySessionStore();
  pending = new InMemoryPendingLogins();
  deps = {
    sessions,
    leads: [{ email: 'lead@acme.example', teams: ['billing'] }],
    signIn: {
      kind: 'cognito',
      loginUrl: LOGIN_URL,
      clientId: CLIENT_ID,
      flow: {
        login: managedLogin,
        tokens: new CognitoLeadTokens({
          userPoolId: LOCAL_LEADS.userPoolId,
          clientId: CLIENT_ID,
          jwksOf: async () => issuer.jwks,
        }),
        pending,
      },
    },
    publicUrl: PUBLIC_URL,
    clock: { now: () => NOW },
    // The pages' use cases: no sign-in reads them.
    ...({} as Pick<ConsoleDeps, 'metrics' | 'caseView' | 'feedback' | 'sla' | 'taxonomy' | 'rules'>),
  };
});

/** Starts a sign-in in `at` for `returnTo`, and signs `email` in at the managed login: the callback's URL. */
const throughManagedLogin = async (at: ReturnType<typeof browser>, email: string, returnTo = '/console') => {
  const started = await at.get(`/console/sign-in?returnTo=${encodeURIComponent(returnTo)}`, deps);
  const { code, state } = managedLogin.signIn(locationOf(started), email);
  return `/console/callback?code=${code}&state=${state}`;
};

describe('sign-in through the managed login', () => {
  it('sends a lead to the managed login with a fresh state and the S256 challenge of a verifier kept server-side', async () => {
    const lead = browser();

    const reply = await lead.get('/console/sign-in?returnTo=%2Fconsole%2Fcases%2Finv-1', deps);

    expect(reply.statusCode).toBe(303);
    const authorize = new URL(locationOf(reply));
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${LOGIN_URL}/oauth2/authorize`);
    const asked = Object.fromEntries(authorize.searchParams);
    expect(asked).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: CALLBACK,
      scope: 'openid email',
      code_challenge_method: 'S256',
    });
    expect(asked.state).toMatch(/^[\w-]{43}$/);
    const [state, login] = [...pending.items][0] as [string, PendingLogin];
    expect(state).toBe(asked.state);
    expect(login.verifier).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
    expect(asked.code_challenge).toBe(createHash('sha256').update(login.verifier).digest('base64url'));
    expect(login.returnTo).toBe('/console/cases/inv-1');
    expect(JSON.stringify(reply)).not.toContain(login.verifier);
    expect(reply.cookies).toEqual([
      `pulse_login=${asked.state}; Path=/console; HttpOnly; SameSite=Lax; Max-Age=600; Secure`,
    ]);
  });

  it('makes a new state and verifier for every sign-in', async () => {
    const first = new URL(locationOf(await browser().get('/console/sign-in', deps))).searchParams;
    const second = new URL(locationOf(await browser().get('/console/sign-in', deps))).searchParams;

    expect(first.get('state')).not.toBe(second.get('state'));
    expect(first.get('code_challenge')).not.toBe(second.get('code_challenge'));
  });

  it('keeps the page to go back to within the console', async () => {
    await browser().get('/console/sign-in?returnTo=https%3A%2F%2Fevil.example%2F', deps);

    expect([...pending.items.values()].map((login) => login.returnTo)).toEqual(['/console']);
  });

  it('signs the lead in on the way back, clears the login cookie, and lands on the page asked for', async () => {
    const lead = browser();
    const callback = await throughManagedLogin(lead, 'Lead@Acme.example', '/console/cases/inv-1');

    const reply = await lead.get(callback, deps);

    expect(reply.statusCode).toBe(303);
    expect(locationOf(reply)).toBe('/console/cases/inv-1');
    expect(reply.cookies).toEqual([
      expect.stringMatching(
        /^pulse_session=[\w-]{43}; Path=\/console; HttpOnly; SameSite=Lax; Max-Age=43200; Secure$/,
      ),
      'pulse_login=; Path=/console; HttpOnly; SameSite=Lax; Max-Age=0; Secure',
    ]);
    expect(managedLogin.exchanges).toEqual([
      { code: expect.any(String), codeVerifier: expect.any(String), redirectUri: CALLBACK },
    ]);
    const [session] = [...sessions.items.values()];
    expect(session?.lead).toEqual({ email: 'lead@acme.example', teams: ['billing'] });
    expect(pending.items.size).toBe(0);
  });

  it('refuses a callback whose state is not the one its browser started, and takes nothing', async () => {
    const lead = browser();
    const callback = await throughManagedLogin(lead, 'lead@acme.example');
    const elsewhere = browser();
    const forged = callback.replace(/state=[^&]+/, `state=${randomBytes(32).toString('base64url')}`);

    const replies = [
      await elsewhere.get(callback, deps),
      await lead.get(forged, deps),
      await lead.get(callback.replace(/&state=[^&]+/, ''), deps),
    ];

    expect(replies.map((reply) => reply.statusCode)).toEqual([403, 403, 403]);
    expect(replies[0]?.body).toContain('was not started in this browser');
    expect(managedLogin.exchanges).toEqual([]);
    expect(sessions.items.size).toBe(0);
    expect(pending.items.size).toBe(1);
  });

  it('refuses a sign-in used already, even with its own cookie, and starts no second session', async () => {
    const lead = browser();
    const callback = await throughManagedLogin(lead, 'lead@acme.example');
    const cookies = new Map(lead.jar);
    await lead.get(callback, deps);
    const replayed = browser();
    for (const [name, value] of cookies) replayed.jar.set(name, value);

    const reply = await replayed.get(callback, deps);

    expect(reply.statusCode).toBe(400);
    expect(reply.body).toContain('has run out of time or has been used already');
    expect(reply.cookies).toEqual(['pulse_login=; Path=/console; HttpOnly; SameSite=Lax; Max-Age=0; Secure']);
    expect(managedLogin.exchanges).toHaveLength(1);
    expect(sessions.items.size).toBe(1);
  });

  it('refuses a code used already in a new sign-in', async () => {
    const lead = browser();
    const first = await throughManagedLogin(lead, 'lead@acme.example');
    await lead.get(first, deps);
    const code = new URL(first, PUBLIC_URL).searchParams.get('code');
    const started = await lead.get('/console/sign-in', deps);
    const state = new URL(locationOf(started)).searchParams.get('state');

    const reply = await lead.get(`/console/callback?code=${code}&state=${state}`, deps);

    expect(reply.statusCode).toBe(400);
    expect(reply.body).toContain('did not sign you in');
    expect(sessions.items.size).toBe(1);
    expect(pending.items.size).toBe(0);
  });

  it('refuses a code the managed login gave another sign-in, whose verifier this one does not have', async () => {
    const lead = browser();
    const attacker = browser();
    const theirs = await throughManagedLogin(attacker, 'lead@acme.example');
    const started = await lead.get('/console/sign-in', deps);
    const state = new URL(locationOf(started)).searchParams.get('state');
    const stolen = new URL(theirs, PUBLIC_URL).searchParams.get('code');

    const reply = await lead.get(`/console/callback?code=${stolen}&state=${state}`, deps);

    expect(reply.statusCode).toBe(400);
    expect(managedLogin.exchanges).toHaveLength(1);
    expect(sessions.items.size).toBe(0);
  });

  it('refuses a sign-in the managed login reports as failed, or one that ran out of time, and spends it', async () => {
    const lead = browser();
    const started = await lead.get('/console/sign-in?returnTo=%2Fconsole%3Fwindow%3D7d', deps);
    const state = new URL(locationOf(started)).searchParams.get('state');

    const denied = await lead.get(`/console/callback?error=access_denied&state=${state}`, deps);

    expect(denied.statusCode).toBe(400);
    expect(denied.body).toContain('href="/console/sign-in?returnTo=%2Fconsole%3Fwindow%3D7d"');
    expect(pending.items.size).toBe(0);

    const late = browser();
    const callback = await throughManagedLogin(late, 'lead@acme.example');
    const later = { ...deps, clock: { now: () => new Date(NOW.getTime() + 10 * 60_000) } };
    expect((await late.get(callback, later)).statusCode).toBe(400);
    expect(managedLogin.exchanges).toEqual([]);
    expect(sessions.items.size).toBe(0);
  });

  it('refuses an ID token the pool did not sign for the console’s client', async () => {
    const lead = browser();
    const callback = await throughManagedLogin(lead, 'lead@acme.example');
    const managed = deps.signIn as Extract<ConsoleDeps['signIn'], { kind: 'cognito' }>;
    const otherClient = {
      ...deps,
      signIn: {
        ...managed,
        flow: {
          ...(managed.flow as NonNullable<typeof managed.flow>),
          tokens: new CognitoLeadTokens({ ...LOCAL_LEADS, jwksOf: async () => issuer.jwks }),
        },
      },
    };

    const reply = await lead.get(callback, otherClient);

    expect(reply.statusCode).toBe(403);
    expect(sessions.items.size).toBe(0);
  });

  it('refuses someone the pool knows who is not one of the stage’s leads any more, offering the managed login’s sign-out', async () => {
    const former = browser();
    const callback = await throughManagedLogin(former, 'former.lead@acme.example');

    const reply = await former.get(callback, deps);

    expect(reply.statusCode).toBe(403);
    expect(reply.body).toContain('former.lead@acme.example is not one of this stage’s leads');
    expect(reply.body).toContain(
      `href="${LOGIN_URL}/logout?client_id=${CLIENT_ID}&amp;logout_uri=${encodeURIComponent(`${PUBLIC_URL}/console/sign-in`)}"`,
    );
    expect(sessions.items.size).toBe(0);
  });

  it('speaks the lead’s language on a refusal', async () => {
    const reply = await browser().get('/console/callback?code=x&state=y&lang=zh-CN', deps);

    expect(reply.statusCode).toBe(403);
    expect(reply.body).toContain('<html lang="zh-CN">');
    expect(reply.body).toContain('登录未完成');
  });

  it('takes no form at the sign-in', async () => {
    const reply = await browser().post('/console/sign-in', { email: 'lead@acme.example' }, deps);

    expect(reply.statusCode).toBe(404);
    expect(sessions.items.size).toBe(0);
  });

  it('ends the session and the managed login’s at sign-out', async () => {
    const lead = browser();
    await lead.get(await throughManagedLogin(lead, 'lead@acme.example'), deps);
    const [session] = [...sessions.items.values()];

    const reply = await lead.post('/console/sign-out', { csrf: session?.csrf ?? '' }, deps);

    expect(reply.statusCode).toBe(303);
    const logout = new URL(locationOf(reply));
    expect(`${logout.origin}${logout.pathname}`).toBe(`${LOGIN_URL}/logout`);
    expect(Object.fromEntries(logout.searchParams)).toEqual({
      client_id: CLIENT_ID,
      logout_uri: `${PUBLIC_URL}/console/sign-in`,
    });
    expect(sessions.items.size).toBe(0);
    expect(lead.jar.has('pulse_session')).toBe(false);
  });
});

describe('sign-in on one machine', () => {
  it('has no callback', async () => {
    const local = { ...deps, signIn: { kind: 'local' as const } };

    expect((await browser().get('/console/callback?code=x&state=y', local)).statusCode).toBe(404);
    expect((await browser().get('/console/sign-in', local)).statusCode).toBe(200);
  });
});
