import { describe, expect, it } from 'vitest';
import { credentialHolding, hashToken, readCredentials } from '../../lib/access/integrator-credentials.js';
import { mintCredential, retireCredential } from './mint-credential.js';

describe('mintCredential', () => {
  it('mints a token and a secret value that holds only its hash', () => {
    const minted = mintCredential({ name: 'helpdesk', scopes: ['interactions:send', 'invitations:read'] });

    const credentials = readCredentials(minted.document);

    expect(minted.token).toMatch(/^pulse_/);
    expect(minted.document).not.toContain(minted.token);
    expect(credentials).toEqual([
      {
        name: 'helpdesk',
        scopes: ['interactions:send', 'invitations:read'],
        tokens: [hashToken(minted.token)],
      },
    ]);
  });

  it('turns the single token of old into the credential default, so it keeps working beside the new one', () => {
    const minted = mintCredential({
      name: 'crm',
      scopes: ['cases:work'],
      current: 'Vq3kT9xLr2Wm8ZpN4sYb7HcJ6dGf5EaU1nKoQiRt0uSvXwMz\n',
    });

    const credentials = readCredentials(minted.document);

    expect(minted.fromPlainToken).toBe(true);
    expect(minted.document).not.toContain('Vq3kT9xLr2Wm8ZpN4sYb7HcJ6dGf5EaU1nKoQiRt0uSvXwMz');
    expect(credentialHolding('Vq3kT9xLr2Wm8ZpN4sYb7HcJ6dGf5EaU1nKoQiRt0uSvXwMz', credentials)?.name).toBe(
      'default',
    );
    expect(credentialHolding(minted.token, credentials)?.name).toBe('crm');
  });

  it('rotates a credential: the next token works beside the current one, and the one after drops it', () => {
    const first = mintCredential({ name: 'helpdesk', scopes: ['interactions:send'] }, 'pulse_first');
    const second = mintCredential({ name: 'helpdesk', current: first.document }, 'pulse_second');
    const third = mintCredential({ name: 'helpdesk', current: second.document }, 'pulse_third');

    expect(readCredentials(second.document)[0]?.tokens).toEqual([
      hashToken('pulse_first'),
      hashToken('pulse_second'),
    ]);
    expect(third.dropped).toBe(1);
    expect(credentialHolding('pulse_first', readCredentials(third.document))).toBeUndefined();
    expect(credentialHolding('pulse_third', readCredentials(third.document))?.scopes).toEqual([
      'interactions:send',
    ]);
  });

  it('ends a rotation by dropping the oldest token, and revokes a credential by removing it', () => {
    const first = mintCredential({ name: 'helpdesk', scopes: ['interactions:send'] }, 'pulse_first');
    const second = mintCredential({ name: 'helpdesk', current: first.document }, 'pulse_second');
    const reports = mintCredential({
      name: 'reports',
      scopes: ['invitations:read'],
      current: second.document,
    });

    const rotated = readCredentials(
      retireCredential({ name: 'helpdesk', which: 'oldest', current: reports.document }).document,
    );
    const revoked = readCredentials(
      retireCredential({ name: 'reports', which: 'credential', current: reports.document }).document,
    );

    expect(credentialHolding('pulse_first', rotated)).toBeUndefined();
    expect(credentialHolding('pulse_second', rotated)?.name).toBe('helpdesk');
    expect(credentialHolding(reports.token, revoked)).toBeUndefined();
    expect(credentialHolding('pulse_second', revoked)?.name).toBe('helpdesk');
  });
});
