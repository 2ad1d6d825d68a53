import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CredentialsError,
  credentialHolding,
  credentialsFrom,
  hashToken,
  INTEGRATOR_SCOPES,
  type IntegratorCredential,
  integratorAccess,
  mintToken,
  readCredentials,
  withNewToken,
  withoutToken,
} from './integrator-credentials.js';

const HELPDESK: IntegratorCredential = {
  name: 'helpdesk',
  scopes: ['interactions:send', 'invitations:read'],
  tokens: [hashToken('helpdesk-old'), hashToken('helpdesk-new')],
};
const REPORTS: IntegratorCredential = {
  name: 'reports',
  scopes: ['invitations:read'],
  tokens: [hashToken('reports-token')],
};
const document = (...credentials: unknown[]) => JSON.stringify({ credentials });
const ROUTE_SCOPES = {
  'POST /interactions': 'interactions:send',
  'GET /invitations/{interactionId}': 'invitations:read',
} as const;

/** The error readCredentials throws for `value`. */
const refusalOf = (value: string): Error => {
  try {
    readCredentials(value);
  } catch (error) {
    return error as Error;
  }
  throw new Error('the value was read');
};

describe('readCredentials', () => {
  it('reads named credentials with their scopes and token hashes', () => {
    expect(readCredentials(document(HELPDESK, REPORTS))).toEqual([HELPDESK, REPORTS]);
  });

  it('reads a plain token, the single token of old, as the credential default with every scope', () => {
    const generated = 'Vq3kT9xLr2Wm8ZpN4sYb7HcJ6dGf5EaU1nKoQiRt0uSvXwMz';

    expect(readCredentials(`${generated}\n`)).toEqual([
      { name: 'default', scopes: [...INTEGRATOR_SCOPES], tokens: [hashToken(generated)] },
    ]);
  });

  it.each([
    ['a token kept in clear', document({ ...REPORTS, tokens: ['reports-token'] }), 'credentials.0.tokens.0'],
    [
      'three tokens at once',
      document({ ...REPORTS, tokens: [hashToken('a'), hashToken('b'), hashToken('c')] }),
      'credentials.0.tokens: must hold at most 2',
    ],
    ['no token', document({ ...REPORTS, tokens: [] }), 'credentials.0.tokens'],
    ['an unknown scope', document({ ...REPORTS, scopes: ['everything'] }), 'credentials.0.scopes.0'],
    ['no scope', document({ ...REPORTS, scopes: [] }), 'credentials.0.scopes'],
    [
      'a name used twice',
      document(REPORTS, { ...HELPDESK, name: 'reports' }),
      'credentials.1.name: is used twice',
    ],
    [
      'a token two credentials hold',
      document(REPORTS, { ...HELPDESK, tokens: REPORTS.tokens }),
      'credentials.1.tokens: holds a token another credential holds too',
    ],
    ['a name with a space', document({ ...REPORTS, name: 'the reports' }), 'credentials.0.name'],
    ['an unknown field', document({ ...REPORTS, token: 'reports-token' }), 'credentials.0'],
    ['JSON that is not', '{"credentials": [', 'the secret'],
    ['nothing', '  ', 'the secret is empty'],
  ])('refuses %s, naming where without echoing the secret', (_, value, where) => {
    const refusal = refusalOf(value);

    expect(refusal).toBeInstanceOf(CredentialsError);
    expect(refusal.message).toContain(where);
    expect(refusal.message).not.toContain('reports-token');
    expect(refusal.message).not.toContain(hashToken('a'));
  });
});

describe('credentialHolding', () => {
  it('finds the credential by either of its tokens', () => {
    expect(credentialHolding('helpdesk-old', [REPORTS, HELPDESK])?.name).toBe('helpdesk');
    expect(credentialHolding('helpdesk-new', [REPORTS, HELPDESK])?.name).toBe('helpdesk');
    expect(credentialHolding('reports-token', [REPORTS, HELPDESK])?.name).toBe('reports');
  });

  it('finds none for any other token, a stored hash included', () => {
    fc.assert(
      fc.property(fc.string(), (token) => {
        fc.pre(!['helpdesk-old', 'helpdesk-new', 'reports-token'].includes(token));
        expect(credentialHolding(token, [REPORTS, HELPDESK])).toBeUndefined();
      }),
    );
    expect(credentialHolding(hashToken('reports-token'), [REPORTS])).toBeUndefined();
  });
});

describe('integratorAccess', () => {
  const credentials = [HELPDESK, REPORTS];

  it("allows a credential holding the route's scope, by name", () => {
    expect(integratorAccess('helpdesk-new', 'POST /interactions', credentials, ROUTE_SCOPES)).toEqual({
      outcome: 'allowed',
      credential: 'helpdesk',
    });
  });

  it("denies a credential without the route's scope, and any on a route without one", () => {
    expect(integratorAccess('reports-token', 'POST /interactions', credentials, ROUTE_SCOPES)).toEqual({
      outcome: 'denied',
      credential: 'reports',
      scope: 'interactions:send',
    });
    expect(integratorAccess('helpdesk-new', 'GET /people/export', credentials, ROUTE_SCOPES)).toEqual({
      outcome: 'denied',
      credential: 'helpdesk',
      scope: undefined,
    });
    expect(integratorAccess('helpdesk-new', 'constructor', credentials, ROUTE_SCOPES)).toMatchObject({
      outcome: 'denied',
    });
  });

  it("knows no token that is no credential's, and no missing token", () => {
    expect(integratorAccess('someone-else', 'POST /interactions', credentials, ROUTE_SCOPES)).toEqual({
      outcome: 'unknown',
    });
    expect(integratorAccess(undefined, 'POST /interactions', credentials, ROUTE_SCOPES)).toEqual({
      outcome: 'unknown',
    });
  });
});

describe('credentialsFrom', () => {
  it('reads the secret again when its value changes, as after a rotation', async () => {
    let value = document(REPORTS);
    const credentials = credentialsFrom(async () => value);

    const before = await credentials();
    value = document(REPORTS, HELPDESK);
    const after = await credentials();

    expect(before.map(({ name }) => name)).toEqual(['reports']);
    expect(after.map(({ name }) => name)).toEqual(['reports', 'helpdesk']);
  });

  it('fails every call while the secret cannot be read', async () => {
    const credentials = credentialsFrom(async () => '{"credentials":[{"name":"x"}]}');

    await expect(credentials()).rejects.toBeInstanceOf(CredentialsError);
    await expect(credentials()).rejects.toBeInstanceOf(CredentialsError);
  });
});

describe('mintToken', () => {
  it('makes a new token of 32 random bytes each time', () => {
    const tokens = new Set(Array.from({ length: 20 }, () => mintToken()));

    expect(tokens.size).toBe(20);
    for (const token of tokens) expect(token).toMatch(/^pulse_[\w-]{43}$/);
  });
});

describe('withNewToken', () => {
  it('adds a new credential with its scopes', () => {
    const { credentials } = withNewToken([REPORTS], { name: 'crm', scopes: ['cases:work'] }, hashToken('t'));

    expect(credentials).toEqual([REPORTS, { name: 'crm', scopes: ['cases:work'], tokens: [hashToken('t')] }]);
  });

  it('rotates: the next token joins the current one, and the one after drops the oldest', () => {
    const first = withNewToken([REPORTS], { name: 'reports' }, hashToken('reports-next'));
    const second = withNewToken(first.credentials, { name: 'reports' }, hashToken('reports-after'));

    expect(first).toEqual({
      credentials: [{ ...REPORTS, tokens: [hashToken('reports-token'), hashToken('reports-next')] }],
      dropped: 0,
    });
    expect(second).toEqual({
      credentials: [{ ...REPORTS, tokens: [hashToken('reports-next'), hashToken('reports-after')] }],
      dropped: 1,
    });
  });

  it('keeps the token of old working when it turns the secret into named credentials', () => {
    const legacy = readCredentials('Vq3kT9xLr2Wm8ZpN4sYb7HcJ6dGf5EaU1nKoQiRt0uSvXwMz');

    const { credentials } = withNewToken(legacy, { name: 'crm', scopes: ['cases:work'] }, hashToken('t'));
    const read = readCredentials(JSON.stringify({ credentials }));

    expect(credentialHolding('Vq3kT9xLr2Wm8ZpN4sYb7HcJ6dGf5EaU1nKoQiRt0uSvXwMz', read)?.name).toBe('default');
    expect(credentialHolding('t', read)?.name).toBe('crm');
  });

  it('refuses a new credential without scopes, and a wrong name or scope', () => {
    expect(() => withNewToken([], { name: 'crm' }, hashToken('t'))).toThrow(/needs its scopes/);
    expect(() => withNewToken([], { name: 'CRM!', scopes: ['cases:work'] }, hashToken('t'))).toThrow(
      /^name: /,
    );
    expect(() => withNewToken([], { name: 'crm', scopes: ['cases'] }, hashToken('t'))).toThrow(/^scopes: /);
  });
});

describe('withoutToken', () => {
  it('drops the oldest token at the end of a rotation, and a whole credential to revoke it', () => {
    const rotated = withoutToken([HELPDESK, REPORTS], 'helpdesk', 'oldest');
    const revoked = withoutToken([HELPDESK, REPORTS], 'reports', 'credential');

    expect(rotated).toEqual([{ ...HELPDESK, tokens: [hashToken('helpdesk-new')] }, REPORTS]);
    expect(revoked).toEqual([HELPDESK]);
  });

  it('refuses to leave a credential without a token, or to change one that is not there', () => {
    expect(() => withoutToken([REPORTS], 'reports', 'oldest')).toThrow(/remove the credential/);
    expect(() => withoutToken([REPORTS], 'crm', 'credential')).toThrow(/no credential crm/);
  });
});
