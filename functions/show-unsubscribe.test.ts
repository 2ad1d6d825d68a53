import { describe, expect, it } from 'vitest';
import { httpCaller, httpEvent, linkDeps } from '../test/support/handlers.js';
import { ANA, aSentInvitation, linkToken } from '../test/support/samples.js';
import { createHandler } from './show-unsubscribe.js';

/** Ana's invitation by email to ana@example.com, sent, and the page of its unsubscribe link. */
const setup = async () => {
  const invitation = aSentInvitation({
    via: 'email',
    customer: { ...ANA, email: 'ana@example.com', locale: 'en' },
  });
  const deps = await linkDeps(invitation, '2026-11-27T09:12:30Z');
  return { call: httpCaller(createHandler(deps)), contacts: deps.contacts };
};

/** The fixture for a link with `token`. */
const linkWith = (token: string) => httpEvent('get-unsubscribe', { pathParameters: { token } });

describe('show-unsubscribe', () => {
  it('asks to confirm for the partly hidden address, and unsubscribes nobody', async () => {
    const token = linkToken('unsubscribe');
    const { call, contacts } = await setup();

    const result = await call(linkWith(token));

    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('a••@example.com');
    expect(result.body).toContain(`action="/u/${token}"`);
    expect(await contacts.suppressionOf([{ key: 'email:ana@example.com', except: [] }])).toBeNull();
  });

  it('answers 404 for a survey token used as an unsubscribe token', async () => {
    const { call } = await setup();

    const result = await call(linkWith(linkToken('survey')));

    expect(result.statusCode).toBe(404);
  });
});
