import { describe, expect, it } from 'vitest';
import { httpCaller, httpEvent, linkDeps } from '../test/support/handlers.js';
import { ANA, aSentInvitation, INVITATION_ID, linkToken } from '../test/support/samples.js';
import { createHandler } from './unsubscribe.js';

/** Ana's invitation by email to Ana@Example.com, as she typed it, sent, and the handler of its unsubscribe link. */
const setup = async () => {
  const invitation = aSentInvitation({
    via: 'email',
    customer: { ...ANA, email: 'Ana@Example.com', locale: 'en' },
  });
  const deps = await linkDeps(invitation, '2026-11-27T09:15:00Z');
  const suppression = () => deps.contacts.suppressionOf([{ key: 'email:ana@example.com', except: [] }]);
  return { call: httpCaller(createHandler(deps)), suppression };
};

/** The fixture, the one-click POST of RFC 8058 (`List-Unsubscribe=One-Click`) to the link, or `body` (base64) instead. */
const unsubscribePost = (body?: string) =>
  httpEvent('post-unsubscribe', { pathParameters: { token: linkToken('unsubscribe') }, body });

describe('unsubscribe', () => {
  it('suppresses the address at once on the one-click POST of RFC 8058, and says so', async () => {
    const { call, suppression } = await setup();

    const result = await call(unsubscribePost());

    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('A••@Example.com');
    expect(await suppression()).toMatchObject({
      reason: 'unsubscribed',
      source: `invitation:${INVITATION_ID}`,
    });
  });

  it('answers 400 naming List-Unsubscribe for a POST without One-Click, and suppresses nothing', async () => {
    const { call, suppression } = await setup();

    const result = await call(unsubscribePost(Buffer.from('List-Unsubscribe=Maybe').toString('base64')));

    expect(result.statusCode).toBe(400);
    expect(result.body).toContain('List-Unsubscribe: must be One-Click (RFC 8058)');
    expect(await suppression()).toBeNull();
  });
});
