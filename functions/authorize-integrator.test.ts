import { describe, expect, it } from 'vitest';
import { FUNCTIONS, routeScopesOf } from '../infra/wiring.js';
import { credentialsFrom, hashToken } from '../lib/access/integrator-credentials.js';
import { loadEvent } from '../test/support/lambda.js';
import { createHandler } from './authorize-integrator.js';

/**
 * The stage's secret: the helpdesk sends interactions and reads them, in the middle of a rotation
 * (its old token and its next one both work); the reporting tool only reads invitations.
 */
const SECRET = JSON.stringify({
  credentials: [
    {
      name: 'helpdesk',
      scopes: ['interactions:send', 'invitations:read'],
      tokens: [hashToken('integrator-token'), hashToken('integrator-token-next')],
    },
    { name: 'reports', scopes: ['invitations:read'], tokens: [hashToken('reports-token')] },
  ],
});

const handlerOver = (secret: string) =>
  createHandler({ credentials: credentialsFrom(async () => secret), routeScopes: routeScopesOf(FUNCTIONS) });
const handler = handlerOver(SECRET);

/** The fixture (POST /interactions) with this token, on this route. */
const request = (token: string, routeKey = 'POST /interactions') => {
  const event = loadEvent('api-gateway/authorizer-integrator.json');
  event.headers.authorization = `Bearer ${token}`;
  event.identitySource = [`Bearer ${token}`, routeKey];
  event.routeKey = routeKey;
  event.requestContext.routeKey = routeKey;
  return event;
};

describe('authorize-integrator', () => {
  it("lets a credential holding the route's scope through, naming it as who acts", async () => {
    const event = loadEvent('api-gateway/authorizer-integrator.json');

    const result = await handler(event);

    expect(result).toEqual({ isAuthorized: true, context: { actor: 'integrator', credential: 'helpdesk' } });
  });

  it('takes both tokens of a credential, so that one is rotated without a gap', async () => {
    const current = await handler(request('integrator-token'));
    const next = await handler(request('integrator-token-next'));

    expect(current).toMatchObject({ isAuthorized: true, context: { credential: 'helpdesk' } });
    expect(next).toMatchObject({ isAuthorized: true, context: { credential: 'helpdesk' } });
  });

  it("refuses (403) a credential without the route's scope, and lets it through where it has it", async () => {
    const sending = await handler(request('reports-token', 'POST /interactions'));
    const reopening = await handler(request('reports-token', 'POST /interactions/{interactionId}/reopen'));
    const reading = await handler(request('reports-token', 'GET /invitations/{interactionId}'));

    expect(sending).toEqual({ isAuthorized: false });
    expect(reopening).toEqual({ isAuthorized: false });
    expect(reading).toEqual({ isAuthorized: true, context: { actor: 'integrator', credential: 'reports' } });
  });

  it('refuses a route it has no scope for, whatever the credential holds', async () => {
    const result = await handler(request('integrator-token', 'DELETE /interactions'));

    expect(result).toEqual({ isAuthorized: false });
  });

  it('answers Unauthorized, which API Gateway turns into 401, for a wrong token or none', async () => {
    const wrong = request('integrator-token-2');
    const missing = loadEvent('api-gateway/authorizer-integrator.json');
    delete missing.headers.authorization;

    await expect(handler(wrong)).rejects.toThrow('Unauthorized');
    await expect(handler(missing)).rejects.toThrow('Unauthorized');
  });

  it("answers Unauthorized for a token's hash as it stands in the secret: a leaked secret gives no token", async () => {
    await expect(handler(request(hashToken('integrator-token')))).rejects.toThrow('Unauthorized');
  });

  it('keeps the single token of old working, as the credential default with every scope', async () => {
    const legacy = handlerOver('Vq3kT9xLr2Wm8ZpN4sYb7HcJ6dGf5EaU1nKoQiRt0uSvXwMz');

    const sending = await legacy(request('Vq3kT9xLr2Wm8ZpN4sYb7HcJ6dGf5EaU1nKoQiRt0uSvXwMz'));
    const reading = await legacy(
      request('Vq3kT9xLr2Wm8ZpN4sYb7HcJ6dGf5EaU1nKoQiRt0uSvXwMz', 'GET /invitations/{interactionId}'),
    );

    expect(sending).toEqual({ isAuthorized: true, context: { actor: 'integrator', credential: 'default' } });
    expect(reading).toMatchObject({ isAuthorized: true });
  });

  it('lets nobody through on a secret it cannot read, and says so with an error (500), not a 401', async () => {
    const broken = handlerOver('{"credentials":[{"name":"helpdesk","scopes":["everything"],"tokens":[]}]}');

    await expect(broken(request('integrator-token'))).rejects.toThrow(
      /integrator credentials: credentials\.0/,
    );
  });
});
