import { describe, expect, it } from 'vitest';
import { HttpManagedLogin, ManagedLoginError } from './http-managed-login.js';

const LOGIN_URL = 'https://pulse-prod-1a2b3c4d.auth.eu-west-1.amazoncognito.com';
const GRANT = {
  code: 'c0de-1',
  codeVerifier: 'v'.repeat(64),
  redirectUri: 'https://pulse.acme.example/console/callback',
};

/** A token endpoint that answers `status` and `body`, recording what it was sent. */
const endpoint = (status: number, body: string) => {
  const sent: { url: string; init: RequestInit }[] = [];
  const fetchImpl = (async (url: URL | string, init: RequestInit = {}) => {
    sent.push({ url: String(url), init });
    return new Response(body, { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { sent, login: new HttpManagedLogin(LOGIN_URL, 'consoleclient', fetchImpl) };
};

describe('HttpManagedLogin', () => {
  it('exchanges the code at the token endpoint as a public client, proving it with the verifier', async () => {
    const { sent, login } = endpoint(
      200,
      JSON.stringify({ id_token: 'header.payload.signature', access_token: 'a', token_type: 'Bearer' }),
    );

    const tokens = await login.exchange(GRANT);

    expect(tokens).toEqual({ idToken: 'header.payload.signature' });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toBe(`${LOGIN_URL}/oauth2/token`);
    expect(sent[0]?.init).toMatchObject({
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(Object.fromEntries(new URLSearchParams(String(sent[0]?.init.body)))).toEqual({
      grant_type: 'authorization_code',
      client_id: 'consoleclient',
      code: 'c0de-1',
      redirect_uri: 'https://pulse.acme.example/console/callback',
      code_verifier: 'v'.repeat(64),
    });
  });

  it('answers null when the endpoint refuses the grant', async () => {
    const { login } = endpoint(400, JSON.stringify({ error: 'invalid_grant' }));

    expect(await login.exchange(GRANT)).toBeNull();
  });

  it('throws when the endpoint fails or answers no ID token', async () => {
    await expect(endpoint(503, '').login.exchange(GRANT)).rejects.toThrow(ManagedLoginError);
    await expect(endpoint(200, '{"access_token":"a"}').login.exchange(GRANT)).rejects.toThrow(/no ID token/);
    await expect(endpoint(200, '<html>').login.exchange(GRANT)).rejects.toThrow(ManagedLoginError);
    const down = new HttpManagedLogin(LOGIN_URL, 'consoleclient', (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch);
    await expect(down.exchange(GRANT)).rejects.toThrow(/did not answer: fetch failed/);
  });
});
