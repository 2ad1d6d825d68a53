import { describe, expect, it } from 'vitest';
import {
  INVITATION_ID,
  dueInvitation as invitation,
  LINK_KEY as KEY,
  sendWorld,
} from '../../../test/support/send-fakes.js';
import { verifyToken } from '../link-tokens.js';
import { sendInvitation } from '../send-invitation.js';

/** The email sender as the send-email-invitation function runs it, over a fresh table. */
const setUp = async (stored = invitation()) => {
  const world = await sendWorld(stored);
  return { ...world, deps: world.email };
};

describe('sending by email', () => {
  it('puts one signed link per score of the scale in the email', async () => {
    // Prepare
    const { deps, mailer } = await setUp();

    // Act
    await sendInvitation(INVITATION_ID, deps);

    // Assess
    const text = mailer.sent[0]?.email.text ?? '';
    const links = [...text.matchAll(/https:\/\/pulse\.example\.com\/s\/([\w-]+)\?score=(\d+)/g)];
    expect(links.map((link) => Number(link[2]))).toEqual([1, 2, 3, 4, 5]);
    expect(links.every((link) => verifyToken(link[1] ?? '', 'survey', KEY) === INVITATION_ID)).toBe(true);
  });

  it('puts the RFC 8058 one-click headers, a visible unsubscribe link and the invitation tag on the email', async () => {
    const { deps, mailer } = await setUp();

    await sendInvitation(INVITATION_ID, deps);

    const email = mailer.sent[0]?.email;
    const url = /^<(https:\/\/pulse\.example\.com\/u\/([\w-]{44}))>$/.exec(
      email?.headers?.['List-Unsubscribe'] ?? '',
    );
    expect(url).not.toBeNull();
    expect(verifyToken(url?.[2] ?? '', 'unsubscribe', KEY)).toBe(INVITATION_ID);
    expect(verifyToken(url?.[2] ?? '', 'survey', KEY)).toBeNull();
    expect(email?.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(email?.html).toContain(`href="${url?.[1]}"`);
    expect(email?.text).toContain(url?.[1]);
    expect(email?.tags).toEqual({ invitation: INVITATION_ID });
  });

  it('writes to a customer in Simplified Chinese when that is their locale', async () => {
    const { deps, mailer } = await setUp(
      invitation({ customer: { id: 'c-981', email: 'li@example.com', name: '李', locale: 'zh-Hans-CN' } }),
    );

    await sendInvitation(INVITATION_ID, deps);

    expect(mailer.sent[0]?.email.subject).toBe('我们做得怎么样？');
    expect(mailer.sent[0]?.email.html).toContain('lang="zh-CN"');
    expect(mailer.sent[0]?.email.text).toContain('李，您好');
  });

  it('falls back to the stage language for a locale it does not offer', async () => {
    const { deps, mailer, messages } = await setUp(
      invitation({ customer: { id: 'c-981', email: 'jo@example.com', locale: 'fr-CA' } }),
    );
    messages.defaultLocale = 'zh-CN';

    await sendInvitation(INVITATION_ID, deps);

    expect(mailer.sent[0]?.email.subject).toBe('我们做得怎么样？');
  });

  it('fails an email invitation for good when the customer has no address, and sends nothing', async () => {
    const { deps, mailer, stored } = await setUp(
      invitation({ customer: { id: 'c-981', phone: '+14155550100' } }),
    );

    const outcome = await sendInvitation(INVITATION_ID, deps);

    expect(outcome).toBe('failed');
    expect(mailer.sent).toEqual([]);
    expect(await stored()).toMatchObject({
      status: 'failed',
      reasonCode: 'rejected',
      reason: 'the customer has no email address',
    });
  });
});
