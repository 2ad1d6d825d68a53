import { describe, expect, it } from 'vitest';
import { LOCAL_LEADS, LocalLeadIssuer } from '../../infra/local/lead-issuer.js';
import { CognitoLeadTokens } from './cognito-lead-tokens.js';

const issuer = new LocalLeadIssuer(['lead@acme.example']);
const tokens = new CognitoLeadTokens({ ...LOCAL_LEADS, jwksOf: async () => issuer.jwks });
const tokenOf = (signedIn: { idToken: string } | null) => (signedIn as { idToken: string }).idToken;

/** A token's payload changed without its signature. */
const withPayload = (token: string, change: (payload: Record<string, unknown>) => void) => {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload as string, 'base64url').toString()) as Record<
    string,
    unknown
  >;
  change(claims);
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
};

describe('CognitoLeadTokens', () => {
  it("answers the lead's email for an ID token of the pool's client", async () => {
    const token = tokenOf(issuer.signIn('Lead@Acme.example', new Date()));

    expect(await tokens.verify(token)).toEqual({ email: 'lead@acme.example' });
  });

  it('signs in only the stage leads', () => {
    expect(issuer.signIn('someone@acme.example', new Date())).toBeNull();
  });

  it('refuses an expired token, wrong claims even when signed, a changed claim, another key, another client and what is no JWT', async () => {
    const fresh = tokenOf(issuer.signIn('lead@acme.example', new Date()));
    const expired = tokenOf(issuer.signIn('lead@acme.example', new Date(Date.now() - 2 * 3600_000)));
    const impostor = tokenOf(
      new LocalLeadIssuer(['lead@acme.example']).signIn('lead@acme.example', new Date()),
    );
    const otherClient = new CognitoLeadTokens({
      userPoolId: LOCAL_LEADS.userPoolId,
      clientId: 'anotherclient',
      jwksOf: async () => issuer.jwks,
    });
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${fresh.split('.')[1]}.`;

    const signedWith = (claims: Record<string, unknown>) =>
      tokenOf(issuer.signIn('lead@acme.example', new Date(), claims));
    const verdicts = await Promise.all([
      tokens.verify(expired),
      tokens.verify(signedWith({ token_use: 'access' })),
      tokens.verify(signedWith({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other' })),
      tokens.verify(signedWith({ aud: 'anotherclient' })),
      tokens.verify(signedWith({ email_verified: false })),
      tokens.verify(signedWith({ email: undefined })),
      tokens.verify(withPayload(fresh, (claims) => Object.assign(claims, { email: 'boss@acme.example' }))),
      tokens.verify(withPayload(fresh, (claims) => Object.assign(claims, { token_use: 'access' }))),
      tokens.verify(impostor),
      otherClient.verify(fresh),
      tokens.verify(unsigned),
      tokens.verify('the-integrator-token'),
    ]);

    expect(verdicts).toEqual(Array.from({ length: 12 }, () => null));
  });

  it('refuses a signed token that never expires', async () => {
    const forever = tokenOf(issuer.signIn('lead@acme.example', new Date(), { exp: undefined }));
    const notANumber = tokenOf(issuer.signIn('lead@acme.example', new Date(), { exp: 'never' }));

    expect(await tokens.verify(forever)).toBeNull();
    expect(await tokens.verify(notANumber)).toBeNull();
  });

  it('refuses a signed token unless its email is verified, true and nothing else', async () => {
    const signedWith = (claims: Record<string, unknown>) =>
      tokenOf(issuer.signIn('lead@acme.example', new Date(), claims));

    const verdicts = await Promise.all([
      tokens.verify(signedWith({ email_verified: undefined })),
      tokens.verify(signedWith({ email_verified: 'true' })),
      tokens.verify(signedWith({ email_verified: 1 })),
      tokens.verify(signedWith({ email_verified: null })),
    ]);

    expect(verdicts).toEqual([null, null, null, null]);
    expect(await tokens.verify(signedWith({ email_verified: true }))).toEqual({ email: 'lead@acme.example' });
  });
});
