import { describe, expect, it } from 'vitest';
import {
  InMemoryInvitationStore,
  InMemoryPageStamps,
  InMemoryResponseStore,
} from '../../test/support/in-memory.js';
import { ANA, anInvitation, aResponse } from '../../test/support/samples.js';
import type { Invitation } from '../invitations/invitation.js';
import { invitationIdOf, signToken } from '../invitations/link-tokens.js';
import { MAX_COMMENT_LENGTH } from '../invitations/response.js';
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors.js';
import {
  type AnswerDeps,
  invitationForToken,
  MAX_ANSWER_CHANGES,
  recordAnswer,
  recordAnswerTo,
  releaseAnswer,
  saveAnswer,
  viewSurvey,
} from './record-answer.js';
import { PAGE_STAMP_MAX_AGE_MS, scriptProofOf, signPageStamp } from './web/answer-signals.js';

const KEY = 'signing-key';
const BROWSER =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148';

/**
 * Posts the form as a person's browser does: from a page loaded 5 s earlier (or `dwellMs`), its script
 * run, taps seen.
 */
const asPerson = (input: Record<string, unknown>, deps: AnswerDeps, dwellMs = 5_000) => {
  const stamp = signPageStamp(INVITATION_ID, new Date(deps.clock.now().getTime() - dwellMs), KEY);
  return recordAnswer(TOKEN, { ...input, stamp, proof: scriptProofOf(stamp, 4), interactions: '4' }, deps, {
    userAgent: BROWSER,
  });
};
/** A page of the survey rendered `dwellMs` before now: its stamp. */
const pageLoaded = (deps: AnswerDeps, dwellMs = 5_000) =>
  signPageStamp(INVITATION_ID, new Date(deps.clock.now().getTime() - dwellMs), KEY);

/** Sends the form of the page with `stamp` as a person's browser does, saying what became of it. */
const sendFrom = async (stamp: string, input: Record<string, unknown>, deps: AnswerDeps) =>
  recordAnswerTo(
    await invitationForToken(TOKEN, deps),
    { ...input, stamp, proof: scriptProofOf(stamp, 4), interactions: '4' },
    deps,
    { userAgent: BROWSER },
  );
const INVITATION_ID = invitationIdOf('zd-48213');
const TOKEN = signToken(INVITATION_ID, 'survey', KEY);

/** Ana's NPS invitation, sent, with all an answer copies: her name, email and phone, agent and ticket. */
const invitation = (overrides: Partial<Invitation> = {}): Invitation =>
  anInvitation({
    customer: { ...ANA, phone: '+14155550100' },
    agent: 'agent-7',
    attributes: { ticketUrl: 'https://helpdesk.example.com/t/48213' },
    createdAt: '2026-11-26T10:04:30.000Z',
    dueAt: '2026-11-26T11:00:00.000Z',
    status: 'sent',
    ...overrides,
  });

const setUp = async (stored: Invitation = invitation()) => {
  const invitations = new InMemoryInvitationStore();
  await invitations.create(stored);
  invitations.changes = 0;
  const responses = new InMemoryResponseStore();
  const stamps = new InMemoryPageStamps();
  let now = new Date('2026-11-26T23:50:00.000Z');
  const deps: AnswerDeps = {
    invitations,
    responses,
    stamps,
    clock: { now: () => now },
    signingKey: async () => KEY,
  };
  const setNow = (iso: string) => {
    now = new Date(iso);
  };
  return { deps, invitations, responses, stamps, setNow };
};

const validationIssuesOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues;
};

describe('recordAnswer', () => {
  it('records a first answer with the invitation segments and the UTC day', async () => {
    // Prepare
    const { deps, responses } = await setUp();

    // Act
    const response = await asPerson({ score: '3', comment: '  The wait was awful\r\n' }, deps);

    // Assess
    expect(response).toEqual(
      aResponse({
        comment: 'The wait was awful',
        answeredAt: '2026-11-26T23:50:00.000Z',
        updatedAt: '2026-11-26T23:50:00.000Z',
        agent: 'agent-7',
        customerName: 'Ana',
        customerEmail: 'ana@example.com',
        customerPhone: '+14155550100',
        attributes: { ticketUrl: 'https://helpdesk.example.com/t/48213' },
      }),
    );
    expect(responses.items.get(INVITATION_ID)).toEqual(response);
  });

  it("copies the customer's language onto the answer, for the listing", async () => {
    const { deps } = await setUp(invitation({ customer: { ...ANA, locale: 'zh-CN' } }));

    const response = await asPerson({ score: '9', comment: '很好' }, deps);

    expect(response).toMatchObject({ locale: 'zh-CN', comment: '很好' });
  });

  it('keeps the day and time of the first answer when the answer changes, and updates the rest', async () => {
    // Prepare
    const { deps, responses, setNow } = await setUp();
    await recordAnswer(TOKEN, { score: 3 }, deps);
    setNow('2026-11-27T08:15:00.000Z');

    // Act
    const changed = await recordAnswer(TOKEN, { score: 9, comment: 'Sorted out in the end' }, deps);

    // Assess
    expect(changed).toMatchObject({
      score: 9,
      comment: 'Sorted out in the end',
      day: '2026-11-26',
      answeredAt: '2026-11-26T23:50:00.000Z',
      updatedAt: '2026-11-27T08:15:00.000Z',
    });
    expect(responses.items.size).toBe(1);
    expect(responses.items.get(INVITATION_ID)).toEqual(changed);
  });

  it.each([
    ['above the scale', 11],
    ['below the scale', -1],
    ['not whole', 7.5],
    ['not a number', 'nine'],
    ['missing', undefined],
    ['empty', ''],
  ])('rejects a score that is %s, naming score', async (_, score) => {
    // Prepare
    const { deps, responses } = await setUp();

    // Act
    const issues = await validationIssuesOf(recordAnswer(TOKEN, { score }, deps));

    // Assess
    expect(issues.map((issue) => issue.field)).toEqual(['score']);
    expect(responses.saves).toBe(0);
  });

  it('rejects a score off the survey scale even when it is on another survey scale', async () => {
    // Prepare
    const { deps } = await setUp(invitation({ survey: 'csat' }));

    // Act
    const issues = await validationIssuesOf(recordAnswer(TOKEN, { score: 0 }, deps));

    // Assess
    expect(issues).toEqual([{ field: 'score', message: 'must be 1 to 5' }]);
  });

  it('says a missing score is required', async () => {
    // Prepare
    const { deps } = await setUp();

    // Act
    const issues = await validationIssuesOf(recordAnswer(TOKEN, {}, deps));

    // Assess
    expect(issues).toEqual([{ field: 'score', message: 'is required' }]);
  });

  it('rejects an oversize comment, naming comment', async () => {
    // Prepare
    const { deps, responses } = await setUp();

    // Act
    const issues = await validationIssuesOf(
      recordAnswer(TOKEN, { score: 5, comment: 'x'.repeat(MAX_COMMENT_LENGTH + 1) }, deps),
    );

    // Assess
    expect(issues.map((issue) => issue.field)).toEqual(['comment']);
    expect(responses.saves).toBe(0);
  });

  it('accepts a comment of exactly the maximum length', async () => {
    // Prepare
    const { deps } = await setUp();

    // Act
    const response = await recordAnswer(TOKEN, { score: 5, comment: 'x'.repeat(MAX_COMMENT_LENGTH) }, deps);

    // Assess
    expect(response.comment).toHaveLength(MAX_COMMENT_LENGTH);
  });

  it.each([
    ['forged', signToken(INVITATION_ID, 'survey', 'another-key')],
    ['for unsubscribing', signToken(INVITATION_ID, 'unsubscribe', KEY)],
    ['for an unknown invitation', signToken(invitationIdOf('zd-unknown'), 'survey', KEY)],
    ['damaged', `${TOKEN.slice(0, -1)}${TOKEN.endsWith('A') ? 'B' : 'A'}`],
    ['not a token', 'hello'],
  ])('answers not found for a token that is %s and records nothing', async (_, token) => {
    // Prepare
    const { deps, responses } = await setUp();

    // Act
    const result = recordAnswer(token, { score: 9 }, deps);

    // Assess
    await expect(result).rejects.toBeInstanceOf(NotFoundError);
    expect(responses.saves).toBe(0);
  });

  it('clears the suspect flag when the customer answers again', async () => {
    // Prepare
    const { deps, responses } = await setUp();
    const first = await asPerson({ score: 2 }, deps);
    responses.items.set(INVITATION_ID, { ...first, suspect: true });

    // Act
    const again = await asPerson({ score: 2 }, deps);

    // Assess
    expect(again.suspect).toBe(false);
  });
});

describe('answers without the signs of a person', () => {
  it('holds a POST that never loaded the page as suspect, with its reasons', async () => {
    const { deps, responses } = await setUp();

    const held = await recordAnswer(TOKEN, { score: '0' }, deps, { userAgent: 'python-requests/2.32.3' });

    expect(held).toMatchObject({ score: 0, suspect: true });
    expect(held.suspectReasons).toEqual([
      expect.stringMatching(/user agent/),
      'posted without loading the survey page',
    ]);
    expect(responses.items.get(INVITATION_ID)).toMatchObject({
      suspect: true,
      suspectSignals: {
        scriptRan: false,
        interactions: 0,
        pageDwellMs: null,
        userAgent: 'python-requests/2.32.3',
      },
    });
  });

  it("never lets a suspect POST replace a person's answer, and holds it beside the answer instead", async () => {
    const { deps, responses } = await setUp();
    await asPerson({ score: '9', comment: 'great' }, deps);

    const kept = await recordAnswer(TOKEN, { score: '0' }, deps, { userAgent: BROWSER });

    expect(kept).toMatchObject({ score: 9, comment: 'great', suspect: false });
    expect(responses.items.get(INVITATION_ID)).toMatchObject({
      score: 9,
      suspect: false,
      heldChange: { score: 0, comment: '', reasons: ['posted without loading the survey page'] },
    });
  });

  it('releases a held answer once, keeping its reasons for the record', async () => {
    const { deps, responses } = await setUp();
    await recordAnswer(TOKEN, { score: '1' }, deps, { userAgent: BROWSER });

    const released = await releaseAnswer('zd-48213', 'lead@example.com', deps);

    expect(released).toMatchObject({
      score: 1,
      suspect: false,
      releasedAt: '2026-11-26T23:50:00.000Z',
      releasedBy: 'lead@example.com',
    });
    expect(responses.items.get(INVITATION_ID)?.suspectReasons).toContain(
      'posted without loading the survey page',
    );
    await expect(releaseAnswer('zd-48213', 'lead@example.com', deps)).rejects.toBeInstanceOf(ConflictError);
    await expect(releaseAnswer('zd-unknown', 'lead@example.com', deps)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("changes to a person's counted answer", () => {
  /** Ana's counted 3 with no comment, answered at 23:50, and the clock moved on to 23:51. */
  const answered = async () => {
    const set = await setUp();
    await asPerson({ score: '3' }, set.deps);
    set.setNow('2026-11-26T23:51:00.000Z');
    return set;
  };

  it('counts a comment posted within 2 s of the page when it keeps the counted score', async () => {
    const { deps, responses } = await answered();

    const commented = await asPerson({ score: '3', comment: 'the wait was awful' }, deps, 800);

    expect(commented).toMatchObject({ score: 3, comment: 'the wait was awful', suspect: false });
    expect(commented.heldChange).toBeUndefined();
    expect(responses.items.get(INVITATION_ID)).toMatchObject({
      comment: 'the wait was awful',
      updatedAt: '2026-11-26T23:51:00.000Z',
    });
  });

  it('still holds a quick comment from a page script that saw no tap, click or key', async () => {
    const { deps, responses } = await answered();
    const stamp = signPageStamp(INVITATION_ID, new Date('2026-11-26T23:50:59.500Z'), KEY);

    await recordAnswer(
      TOKEN,
      { score: '3', comment: 'hello', stamp, proof: scriptProofOf(stamp, 0), interactions: '0' },
      deps,
      { userAgent: BROWSER },
    );

    expect(responses.items.get(INVITATION_ID)).toMatchObject({
      comment: '',
      heldChange: { comment: 'hello', reasons: ['the page script ran, but saw no tap, click or key'] },
    });
  });

  it('judges a quick POST on dwell when it keeps the score of an answer that is itself held', async () => {
    const { deps, responses } = await setUp();
    await recordAnswer(TOKEN, { score: '3' }, deps, { userAgent: BROWSER });

    const again = await asPerson({ score: '3', comment: 'the wait was awful' }, deps, 800);

    expect(again).toMatchObject({ suspect: true, suspectReasons: ['posted 800 ms after the page loaded'] });
    expect(responses.items.get(INVITATION_ID)?.heldChange).toBeUndefined();
  });

  it('holds a score changed within 2 s of the page beside the counted answer, which stays as it was', async () => {
    const { deps, responses } = await answered();
    const before = structuredClone(responses.items.get(INVITATION_ID));

    await asPerson({ score: '1', comment: 'nobody called back' }, deps, 800);

    expect(responses.items.get(INVITATION_ID)).toEqual({
      ...before,
      heldChange: {
        score: 1,
        comment: 'nobody called back',
        reasons: ['posted 800 ms after the page loaded'],
        signals: {
          scriptRan: true,
          interactions: 4,
          pageDwellMs: 800,
          sinceSentMs: null,
          userAgent: BROWSER,
        },
        receivedAt: '2026-11-26T23:51:00.000Z',
      },
      changes: 1,
    });
  });

  it('keeps the words of an earlier held change when a later one replaces it', async () => {
    const { deps, responses, setNow } = await answered();
    await asPerson({ score: '1', comment: 'rude' }, deps, 800);
    setNow('2026-11-26T23:52:00.000Z');

    await asPerson({ score: '2', comment: 'and slow' }, deps, 800);
    const joined = responses.items.get(INVITATION_ID)?.heldChange;
    setNow('2026-11-26T23:53:00.000Z');
    await asPerson({ score: '2', comment: 'rude\nand slow, again' }, deps, 800);

    expect(joined).toMatchObject({
      score: 2,
      comment: 'rude\nand slow',
      receivedAt: '2026-11-26T23:52:00.000Z',
    });
    expect(responses.items.get(INVITATION_ID)?.heldChange).toMatchObject({
      score: 2,
      comment: 'rude\nand slow, again',
      receivedAt: '2026-11-26T23:53:00.000Z',
    });
  });

  it('keeps the joined words of held changes within the comment limit, the newest whole', async () => {
    const { deps, responses } = await answered();
    await asPerson({ score: '1', comment: 'a'.repeat(1500) }, deps, 800);

    await asPerson({ score: '1', comment: 'b'.repeat(1000) }, deps, 800);

    const held = responses.items.get(INVITATION_ID)?.heldChange;
    expect(held?.comment).toHaveLength(MAX_COMMENT_LENGTH);
    expect(held?.comment).toBe(`${'a'.repeat(999)}\n${'b'.repeat(1000)}`);
  });

  it('holds nothing for the form sent again as it was rendered', async () => {
    const { deps, responses } = await answered();
    const saves = responses.saves;

    await recordAnswer(TOKEN, { score: '3', comment: '' }, deps, {
      userAgent: 'Mozilla/5.0 HeadlessChrome/131',
    });

    expect(responses.saves).toBe(saves);
    expect(responses.items.get(INVITATION_ID)?.heldChange).toBeUndefined();
  });

  it("keeps a held change beside a person's later answer, unless that answer carries its words", async () => {
    const { deps, responses, setNow } = await answered();
    await asPerson({ score: '1', comment: 'rude' }, deps, 800);
    setNow('2026-11-26T23:55:00.000Z');

    await asPerson({ score: '4', comment: 'slow' }, deps);
    const kept = responses.items.get(INVITATION_ID);
    await asPerson({ score: '2', comment: 'slow and rude' }, deps);

    expect(kept).toMatchObject({ score: 4, comment: 'slow', heldChange: { score: 1, comment: 'rude' } });
    expect(responses.items.get(INVITATION_ID)).toMatchObject({ score: 2, comment: 'slow and rude' });
    expect(responses.items.get(INVITATION_ID)?.heldChange).toBeUndefined();
  });

  it('releases a held change as the counted answer, its reasons kept for the record', async () => {
    const { deps, responses, setNow } = await answered();
    await asPerson({ score: '1', comment: 'nobody called back' }, deps, 800);
    setNow('2026-11-27T09:00:00.000Z');

    const released = await releaseAnswer('zd-48213', 'lead@example.com', deps);

    expect(released).toMatchObject({
      score: 1,
      comment: 'nobody called back',
      suspect: false,
      suspectReasons: ['posted 800 ms after the page loaded'],
      releasedAt: '2026-11-27T09:00:00.000Z',
      updatedAt: '2026-11-27T09:00:00.000Z',
      answeredAt: '2026-11-26T23:50:00.000Z',
    });
    expect(responses.items.get(INVITATION_ID)?.heldChange).toBeUndefined();
    await expect(releaseAnswer('zd-48213', 'lead@example.com', deps)).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('one answer per page', () => {
  it('thanks a person for a form sent twice from one page (a double click) and stores it once', async () => {
    const { deps, responses } = await setUp();
    const stamp = pageLoaded(deps);

    const first = await sendFrom(stamp, { score: '3', comment: 'slow' }, deps);
    const again = await sendFrom(stamp, { score: '3', comment: 'slow' }, deps);

    expect([first.outcome, again.outcome]).toEqual(['recorded', 'unchanged']);
    expect(again.shown).toEqual({ score: 3, comment: 'slow' });
    expect(responses.saves).toBe(1);
    expect(responses.items.get(INVITATION_ID)).toMatchObject({ score: 3, comment: 'slow', suspect: false });
  });

  it('counts a form sent twice at once from one page, neither POST making the other suspect', async () => {
    const { deps, responses } = await setUp();
    const stamp = pageLoaded(deps);

    const both = await Promise.all([
      sendFrom(stamp, { score: '2', comment: 'rude' }, deps),
      sendFrom(stamp, { score: '2', comment: 'rude' }, deps),
    ]);

    expect(both.map((sent) => sent.shown)).toEqual([
      { score: 2, comment: 'rude' },
      { score: 2, comment: 'rude' },
    ]);
    expect(responses.items.get(INVITATION_ID)).toMatchObject({ score: 2, comment: 'rude', suspect: false });
  });

  it('holds, with its reason and its words, a different answer sent again from a page that sent one (the back button)', async () => {
    const { deps, responses, setNow } = await setUp();
    const stamp = pageLoaded(deps);
    await sendFrom(stamp, { score: '3' }, deps);
    setNow('2026-11-26T23:52:00.000Z');

    const back = await sendFrom(stamp, { score: '1', comment: 'and nobody called back' }, deps);

    expect(back.outcome).toBe('held');
    expect(back.shown).toEqual({ score: 1, comment: 'and nobody called back' });
    expect(responses.items.get(INVITATION_ID)).toMatchObject({
      score: 3,
      comment: '',
      updatedAt: '2026-11-26T23:50:00.000Z',
      heldChange: {
        score: 1,
        comment: 'and nobody called back',
        reasons: [expect.stringMatching(/its page had sent a different answer already/)],
        signals: { stampUsedBefore: true },
      },
    });
  });

  it('keeps as suspect, with its reason, an answer from a page loaded more than a day before, and records no use of its stamp', async () => {
    const { deps, responses, stamps } = await setUp();

    const late = await sendFrom(pageLoaded(deps, PAGE_STAMP_MAX_AGE_MS + 60_000), { score: '2' }, deps);

    expect(late.outcome).toBe('recorded');
    expect(responses.items.get(INVITATION_ID)).toMatchObject({
      score: 2,
      suspect: true,
      suspectReasons: ['posted 24 h after the page loaded; a page takes answers for 24 h'],
    });
    expect(stamps.items.size).toBe(0);
  });

  it("gives a page's stamp back when its answer could not be stored, so that sending it again counts", async () => {
    const { deps, responses } = await setUp();
    const stamp = pageLoaded(deps);
    const save = responses.save.bind(responses);
    responses.save = async () => {
      responses.save = save;
      throw new Error('DynamoDB unavailable');
    };

    const failed = await sendFrom(stamp, { score: '4', comment: 'meh' }, deps).catch(
      (error: unknown) => error,
    );
    const retried = await sendFrom(stamp, { score: '4', comment: 'meh' }, deps);

    expect(failed).toBeInstanceOf(Error);
    expect(retried.outcome).toBe('recorded');
    expect(responses.items.get(INVITATION_ID)).toMatchObject({ score: 4, comment: 'meh', suspect: false });
  });
});

describe('the changes one answer takes', () => {
  /** The first answer and then every change the answer takes, each from its own page, a second apart. */
  const usedUp = async () => {
    const set = await setUp();
    for (let change = 0; change <= MAX_ANSWER_CHANGES; change += 1) {
      set.setNow(new Date(Date.parse('2026-11-26T23:50:00.000Z') + change * 1_000).toISOString());
      await asPerson({ score: String(change % 2 === 0 ? 3 : 2), comment: `change ${change}` }, set.deps);
    }
    return set;
  };

  it(`takes ${MAX_ANSWER_CHANGES} changes after the first answer, then keeps it as it stands and says so`, async () => {
    const { deps, responses } = await usedUp();
    const stands = structuredClone(responses.items.get(INVITATION_ID));
    const saves = responses.saves;

    const refused = await sendFrom(pageLoaded(deps), { score: '9', comment: 'all good now' }, deps);
    const view = await viewSurvey(TOKEN, '9', deps);

    expect(stands).toMatchObject({ comment: `change ${MAX_ANSWER_CHANGES}`, changes: MAX_ANSWER_CHANGES });
    expect(refused).toMatchObject({ outcome: 'locked', shown: { score: 3, comment: 'change 20' } });
    expect(responses.saves).toBe(saves);
    expect(responses.items.get(INVITATION_ID)).toEqual(stands);
    expect(view.locked).toBe(true);
  });

  it('counts held changes too, and never refuses a lead releasing one', async () => {
    const { deps } = await setUp();
    await asPerson({ score: '3' }, deps);
    for (let change = 1; change <= MAX_ANSWER_CHANGES; change += 1) {
      await asPerson({ score: '1', comment: `quick ${change}` }, deps, 500);
    }

    const refused = await asPerson({ score: '0', comment: 'one more' }, deps, 500);
    const released = await releaseAnswer('zd-48213', 'lead@example.com', deps);

    expect(refused.heldChange?.comment).not.toContain('one more');
    expect(refused.changes).toBe(MAX_ANSWER_CHANGES);
    expect(released).toMatchObject({ score: 1, suspect: false });
    expect(released.comment).toContain(`quick ${MAX_ANSWER_CHANGES}`);
  });

  it('caps the changes an SMS reply makes as well, through the same save', async () => {
    const { deps, invitations, responses } = await setUp();
    const texted = (await invitations.get(INVITATION_ID)) as Invitation;

    for (let reply = 0; reply <= MAX_ANSWER_CHANGES + 5; reply += 1) {
      await saveAnswer(texted, { score: 2, comment: `text ${reply}` }, deps);
    }

    expect(responses.items.get(INVITATION_ID)).toMatchObject({
      comment: `text ${MAX_ANSWER_CHANGES}`,
      changes: MAX_ANSWER_CHANGES,
    });
    expect(responses.saves).toBe(MAX_ANSWER_CHANGES + 1);
  });

  it('writes nothing for a save that changes nothing, and counts no change for it', async () => {
    const { deps, invitations, responses } = await setUp();
    const texted = (await invitations.get(INVITATION_ID)) as Invitation;
    await saveAnswer(texted, { score: 2, comment: 'slow' }, deps);

    await saveAnswer(texted, { score: 2, comment: 'slow' }, deps);

    expect(responses.saves).toBe(1);
    expect(responses.items.get(INVITATION_ID)?.changes).toBeUndefined();
  });
});

describe('the storm of the security review: 40 POSTs from one survey link in 3 seconds', () => {
  const storm = async (stampOf: (deps: AnswerDeps, post: number) => string) => {
    const set = await setUp();
    const outcomes: string[] = [];
    for (let post = 0; post < 40; post += 1) {
      set.setNow(new Date(Date.parse('2026-11-26T23:50:00.000Z') + post * 75).toISOString());
      const sent = await sendFrom(
        stampOf(set.deps, post),
        { score: String(post % 11), comment: `#${post}` },
        set.deps,
      );
      outcomes.push(sent.outcome);
    }
    return { ...set, outcomes };
  };

  it(`stores the first answer and ${MAX_ANSWER_CHANGES} changes at most, each from its own page, and refuses the rest`, async () => {
    const { outcomes, responses } = await storm((deps) => pageLoaded(deps));

    expect(outcomes.filter((outcome) => outcome === 'recorded')).toHaveLength(MAX_ANSWER_CHANGES + 1);
    expect(outcomes.slice(MAX_ANSWER_CHANGES + 1).every((outcome) => outcome === 'locked')).toBe(true);
    expect(responses.saves).toBe(MAX_ANSWER_CHANGES + 1);
    expect(responses.items.get(INVITATION_ID)).toMatchObject({ comment: '#20', changes: MAX_ANSWER_CHANGES });
  });

  it('counts one answer from one reused page stamp, and holds or refuses every other', async () => {
    let stamp = '';
    const { outcomes, responses } = await storm((deps, post) => {
      if (post === 0) stamp = pageLoaded(deps);
      return stamp;
    });

    expect(outcomes[0]).toBe('recorded');
    expect(outcomes.filter((outcome) => outcome === 'recorded')).toHaveLength(1);
    expect(new Set(outcomes.slice(1))).toEqual(new Set(['held', 'locked']));
    expect(responses.saves).toBeLessThanOrEqual(MAX_ANSWER_CHANGES + 1);
    expect(responses.items.get(INVITATION_ID)).toMatchObject({
      score: 0,
      comment: '#0',
      updatedAt: '2026-11-26T23:50:00.000Z',
      suspect: false,
    });
  });
});

describe('viewSurvey', () => {
  it('preselects the score from the link and writes nothing', async () => {
    // Prepare
    const { deps, invitations, responses } = await setUp();

    // Act
    const view = await viewSurvey(TOKEN, '9', deps);

    // Assess
    expect(view.selectedScore).toBe(9);
    expect(view.response).toBeNull();
    expect(view.invitation.invitationId).toBe(INVITATION_ID);
    expect(responses.saves).toBe(0);
    expect(invitations.changes).toBe(0);
  });

  it('never writes, whatever the link asks for', async () => {
    // Prepare
    const { deps, invitations, responses } = await setUp();
    await recordAnswer(TOKEN, { score: 4 }, deps);
    const savesBefore = responses.saves;
    const stored = structuredClone(responses.items.get(INVITATION_ID));

    // Act
    for (const score of ['0', '10', '11', 'x', undefined, '']) await viewSurvey(TOKEN, score, deps);

    // Assess
    expect(responses.saves).toBe(savesBefore);
    expect(responses.items.get(INVITATION_ID)).toEqual(stored);
    expect(invitations.changes).toBe(0);
  });

  it.each([
    ['off the scale', '11'],
    ['not a number', 'ten'],
    ['absent', undefined],
    ['empty', ''],
    ['blank', '  '],
  ])('preselects the recorded answer when the link score is %s', async (_, score) => {
    // Prepare
    const { deps } = await setUp();
    await recordAnswer(TOKEN, { score: 4 }, deps);

    // Act
    const view = await viewSurvey(TOKEN, score, deps);

    // Assess
    expect(view.selectedScore).toBe(4);
    expect(view.response?.score).toBe(4);
  });

  it('preselects nothing without a usable link score or an answer', async () => {
    // Prepare
    const { deps } = await setUp();

    // Act
    const view = await viewSurvey(TOKEN, '42', deps);

    // Assess
    expect(view.selectedScore).toBeUndefined();
  });

  it('answers not found for a bad token', async () => {
    // Prepare
    const { deps } = await setUp();

    // Act
    const result = viewSurvey(signToken(INVITATION_ID, 'survey', 'another-key'), '9', deps);

    // Assess
    await expect(result).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('recordAnswer score input', () => {
  it.each([
    [' ', 'is required'],
    [null, 'must be a whole number'],
    [false, 'must be a whole number'],
    [[], 'must be a whole number'],
    ['nine', 'must be a whole number'],
    ['7.5', 'must be a whole number'],
  ])('refuses %j as a score instead of reading it as 0', async (score, message) => {
    const { deps, responses } = await setUp();

    const issues = await validationIssuesOf(recordAnswer(TOKEN, { score }, deps));

    expect(issues).toEqual([{ field: 'score', message }]);
    expect(await responses.get(INVITATION_ID)).toBeNull();
  });

  it.each([
    [' 7 ', 7],
    ['07', 7],
    [0, 0],
  ])('reads %j as %i', async (score, expected) => {
    const { deps } = await setUp();

    const response = await recordAnswer(TOKEN, { score }, deps);

    expect(response.score).toBe(expected);
  });

  it('counts a CRLF line break as one character against the comment limit, as the page does', async () => {
    const { deps } = await setUp();
    const comment = 'ab\r\n'.repeat(666);

    const response = await recordAnswer(TOKEN, { score: '8', comment }, deps);

    expect(response.comment).toBe('ab\n'.repeat(666).trim());
  });
});
