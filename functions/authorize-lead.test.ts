import { describe, expect, it } from 'vitest';
import { LOCAL_LEADS, LocalLeadIssuer } from '../infra/local/lead-issuer.js';
import { FUNCTIONS, routeScopesOf } from '../infra/wiring.js';
import { CognitoLeadTokens } from '../lib/access/cognito-lead-tokens.js';
import { hashToken, readCredentials } from '../lib/access/integrator-credentials.js';
import { loadEvent } from '../test/support/lambda.js';
import { createHandler } from './authorize-lead.js';

const issuer = new LocalLeadIssuer([
  'priya.shah@example.com',
  'billing.lead@example.com',
  'former.lead@example.com',
]);
/** A helpdesk that works cases, and a tool that only sends interactions. */
const credentials = readCredentials(
  JSON.stringify({
    credentials: [
      { name: 'helpdesk', scopes: ['cases:work'], tokens: [hashToken('integrator-token')] },
      { name: 'intake', scopes: ['interactions:send'], tokens: [hashToken('intake-token')] },
    ],
  }),
);
const handler = createHandler({
  credentials: async () => credentials,
  routeScopes: routeScopesOf(FUNCTIONS),
  leadTokens: new CognitoLeadTokens({ ...LOCAL_LEADS, jwksOf: async () => issuer.jwks }),
  // The stage's leads now: Priya for every team, a billing lead, and no longer the former lead.
  leads: [{ email: 'Priya.Shah@example.com' }, { email: 'billing.lead@example.com', teams: ['billing'] }],
});

/** The fixture with `Authorization: Bearer <token>`. */
const withToken = (token: string) => {
  const event = loadEvent('api-gateway/authorizer-lead.json');
  event.headers.authorization = `Bearer ${token}`;
  event.identitySource = [`Bearer ${token}`, event.routeKey];
  return event;
};

describe('authorize-lead', () => {
  it("hands a signed-in lead's email to the function as who acted", async () => {
    const idToken = issuer.signIn('priya.shah@example.com', new Date())?.idToken ?? '';

    const result = await handler(withToken(idToken));

    expect(result).toEqual({
      isAuthorized: true,
      context: { actor: 'lead', lead: 'priya.shah@example.com' },
    });
  });

  it('hands a lead kept to some teams their teams too, as a JSON list', async () => {
    const idToken = issuer.signIn('billing.lead@example.com', new Date())?.idToken ?? '';

    const result = await handler(withToken(idToken));

    expect(result).toEqual({
      isAuthorized: true,
      context: { actor: 'lead', lead: 'billing.lead@example.com', teams: '["billing"]' },
    });
  });

  it("refuses (403) a lead no longer among the stage's leads", async () => {
    const idToken = issuer.signIn('former.lead@example.com', new Date())?.idToken ?? '';

    expect(await handler(withToken(idToken))).toEqual({ isAuthorized: false });
  });

  it("lets an integrator credential holding the route's scope through, naming it as who acts", async () => {
    const result = await handler(withToken('integrator-token'));

    expect(result).toEqual({ isAuthorized: true, context: { actor: 'integrator', credential: 'helpdesk' } });
  });

  it("refuses (403) an integrator credential without the route's scope, never trying it as a lead's", async () => {
    const result = await handler(withToken('intake-token'));

    expect(result).toEqual({ isAuthorized: false });
  });

  it('answers Unauthorized (401) for a token that is neither, and for no token', async () => {
    const expired =
      issuer.signIn('priya.shah@example.com', new Date(Date.now() - 2 * 3600_000))?.idToken ?? '';
    const missing = loadEvent('api-gateway/authorizer-lead.json');
    delete missing.headers.authorization;

    await expect(handler(loadEvent('api-gateway/authorizer-lead.json'))).rejects.toThrow('Unauthorized');
    await expect(handler(withToken(expired))).rejects.toThrow('Unauthorized');
    await expect(handler(missing)).rejects.toThrow('Unauthorized');
  });

  it("answers Unauthorized (401) for a lead's signed token without an expiry or a verified email", async () => {
    const signedWith = (claims: Record<string, unknown>) =>
      issuer.signIn('priya.shah@example.com', new Date(), claims)?.idToken ?? '';

    await expect(handler(withToken(signedWith({ exp: undefined })))).rejects.toThrow('Unauthorized');
    await expect(handler(withToken(signedWith({ email_verified: undefined })))).rejects.toThrow(
      'Unauthorized',
    );
    await expect(handler(withToken(signedWith({ email_verified: false })))).rejects.toThrow('Unauthorized');
  });
});
