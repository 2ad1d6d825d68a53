import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { freshTable } from '../../../test/support/dynamodb.js';
import { DynamoDbContactLedger } from '../../contacts/dynamodb-contact-ledger.js';
import { DynamoDbInvitationStore } from '../../invitations/dynamodb-invitation-store.js';
import { DynamoDbResponseStore } from '../../invitations/dynamodb-response-store.js';
import type { Invitation } from '../../invitations/invitation.js';
import { reportInvitation } from '../../invitations/invitation-status.js';
import { invitationIdOf } from '../../invitations/link-tokens.js';
import type { OutgoingSms } from '../../invitations/ports.js';
import { DynamoDbSmsConversations } from '../../invitations/sms/dynamodb-sms-conversations.js';
import { ValidationError } from '../../platform/errors.js';
import { parseSmsReply } from './parse-sms-reply.js';
import {
  ReplyNotKeptError,
  ReplyNotYetMatchedError,
  recordSmsReply,
  type SmsReplyDeps,
} from './record-sms-reply.js';

const PHONE = '+14155550100';
const OUR_NUMBER = '+18005550199';
const SENT_AT = '2026-11-26T11:00:00.000Z';

const invitation = (interactionId: string, overrides: Partial<Invitation> = {}): Invitation => ({
  invitationId: invitationIdOf(interactionId),
  interactionId,
  survey: 'nps',
  via: 'sms',
  customer: { id: 'c-1', phone: PHONE },
  touchpoint: 'support-ticket',
  channel: 'phone',
  team: 'billing',
  occurredAt: '2026-11-26T10:00:00.000Z',
  createdAt: '2026-11-26T10:00:00.000Z',
  dueAt: SENT_AT,
  status: 'sent',
  sentAt: SENT_AT,
  ...overrides,
});

let deps: SmsReplyDeps;
let replies: (OutgoingSms & { from: string })[];
let now: Date;
let inbound = 0;

beforeEach(async () => {
  const table = await freshTable();
  replies = [];
  now = new Date('2026-11-26T12:00:00.000Z');
  deps = {
    invitations: new DynamoDbInvitationStore(table.client, table.tableName),
    responses: new DynamoDbResponseStore(table.client, table.tableName),
    contacts: new DynamoDbContactLedger(table.client, table.tableName),
    conversations: new DynamoDbSmsConversations(table.client, table.tableName),
    replies: (_to, from) => ({
      send: async (sms) => {
        replies.push({ ...sms, from });
        return `reply-${replies.length}`;
      },
    }),
    clock: { now: () => now },
    messages: { defaultLocale: 'en' },
  };
});

/** An invitation SMS that went out, as send-invitation records it. */
const sent = async (interactionId: string, messageId: string, overrides: Partial<Invitation> = {}) => {
  const stored = invitation(interactionId, overrides);
  await deps.invitations.create(stored);
  await deps.conversations.recordSent({
    phone: PHONE,
    invitationId: stored.invitationId,
    messageId,
    sentAt: new Date(stored.sentAt ?? SENT_AT),
  });
  return stored;
};

const reply = (messageBody: string, overrides: Record<string, unknown> = {}) => {
  inbound += 1;
  return recordSmsReply(
    {
      originationNumber: PHONE,
      destinationNumber: OUR_NUMBER,
      messageKeyword: 'KEYWORD_123456789012',
      messageBody,
      inboundMessageId: `in-${inbound}`,
      ...overrides,
    },
    deps,
  );
};

describe('recordSmsReply', () => {
  it('records a score, thanks the customer from the number they texted', async () => {
    const { invitationId } = await sent('call-1', 'sns-1');

    const outcome = await reply('9', { previousPublishedMessageId: 'sns-1' });

    expect(outcome).toBe('answered');
    expect(await deps.responses.get(invitationId)).toMatchObject({ score: 9, comment: '', suspect: false });
    expect(replies).toEqual([
      { to: PHONE, from: OUR_NUMBER, text: expect.stringContaining('Thank you for your answer') },
    ]);
  });

  it("copies the customer's language onto the answer", async () => {
    const { invitationId } = await sent('call-1', 'sns-1', {
      customer: { id: 'c-1', phone: PHONE, locale: 'zh-CN' },
    });

    await reply('9 很好', { previousPublishedMessageId: 'sns-1' });

    expect(await deps.responses.get(invitationId)).toMatchObject({ score: 9, locale: 'zh-CN' });
  });

  it('takes the words after the score as the comment, and a later message as more of it', async () => {
    const { invitationId } = await sent('call-1', 'sns-1');

    await reply('3 the wait was awful');
    const later = await reply('and nobody called back');

    expect(later).toBe('commented');
    expect(await deps.responses.get(invitationId)).toMatchObject({
      score: 3,
      comment: 'the wait was awful\nand nobody called back',
    });
    expect(replies).toHaveLength(1);
  });

  it('handles a redelivered message once', async () => {
    const { invitationId } = await sent('call-1', 'sns-1');
    const message = {
      originationNumber: PHONE,
      destinationNumber: OUR_NUMBER,
      messageBody: '10',
      inboundMessageId: 'in-twice',
    };

    const outcomes = [await recordSmsReply(message, deps), await recordSmsReply(message, deps)];

    expect(outcomes).toEqual(['answered', 'duplicate']);
    expect(replies).toHaveLength(1);
    expect((await deps.responses.get(invitationId))?.score).toBe(10);
  });

  it('answers the invitation the reply names, even when a later one went to the same number', async () => {
    const older = await sent('call-1', 'sns-1');
    const newer = await sent('call-2', 'sns-2', { sentAt: '2026-11-26T11:30:00.000Z', survey: 'csat' });

    await reply('8', { previousPublishedMessageId: 'sns-1' });
    await reply('2');

    expect((await deps.responses.get(older.invitationId))?.score).toBe(8);
    expect((await deps.responses.get(newer.invitationId))?.score).toBe(2);
  });

  it('suppresses the number at once on STOP, in every form the carriers require', async () => {
    await sent('call-1', 'sns-1');
    for (const keyword of [
      'STOP',
      'cancel',
      'End',
      'QUIT',
      'unsubscribe',
      'OPT-OUT',
      'optout',
      'REMOVE',
      'arret',
      'TD',
    ]) {
      await deps.contacts.lift(`phone:${PHONE}`, ['sms-opt-out']);

      expect(await reply(keyword)).toBe('opted-out');
      expect(await deps.contacts.suppressionOf([{ key: `phone:${PHONE}`, except: [] }])).toMatchObject({
        reason: 'sms-opt-out',
      });
    }
    expect(replies.at(-1)?.text).toContain('Reply START to opt back in');
  });

  it('lifts an SMS opt-out on START or UNSTOP, but never a complaint', async () => {
    await sent('call-1', 'sns-1');
    await reply('STOP');
    expect(await reply('START')).toBe('opted-in');
    expect(replies.at(-1)?.text).toContain('You are opted back in');
    expect(await deps.contacts.suppressionOf([{ key: `phone:${PHONE}`, except: [] }])).toBeNull();

    await deps.contacts.suppress({ key: `phone:${PHONE}`, reason: 'complaint', at: now.toISOString() });
    await reply('UNSTOP');
    expect(await deps.contacts.suppressionOf([{ key: `phone:${PHONE}`, except: [] }])).toMatchObject({
      reason: 'complaint',
    });
  });

  it('answers HELP with how to answer and how to stop', async () => {
    await sent('call-1', 'sns-1');

    expect(await reply('help')).toBe('help');
    expect(replies[0]?.text).toMatch(/Reply to one of our surveys with a number.*STOP to opt out/);
  });

  describe('a number it never texted', () => {
    const STRANGER = '+12125550123';

    it('suppresses it on STOP, at once and for every channel, but answers nothing', async () => {
      expect(await reply('STOP', { originationNumber: STRANGER })).toBe('opted-out');

      expect(await deps.contacts.suppressionOf([{ key: `phone:${STRANGER}`, except: [] }])).toMatchObject({
        reason: 'sms-opt-out',
      });
      expect(replies).toEqual([]);
    });

    it.each(['HELP', 'INFO', 'START', '9', 'who is this?'])('answers nothing to %j', async (body) => {
      await sent('call-1', 'sns-1');

      await reply(body, { originationNumber: STRANGER });

      expect(replies).toEqual([]);
    });

    it('answers nothing to a premium-rate number that names a message we sent to another', async () => {
      await sent('call-1', 'sns-1');

      const outcome = await reply('HELP', {
        originationNumber: '+19005550100',
        previousPublishedMessageId: 'sns-1',
      });

      expect(outcome).toBe('help');
      expect(replies).toEqual([]);
    });

    it('lifts its own opt-out on START, in silence too', async () => {
      await reply('STOP', { originationNumber: STRANGER });

      expect(await reply('START', { originationNumber: STRANGER })).toBe('opted-in');

      expect(await deps.contacts.suppressionOf([{ key: `phone:${STRANGER}`, except: [] }])).toBeNull();
      expect(replies).toEqual([]);
    });
  });

  it('re-prompts once for something it cannot read, keeping that text and any after it for the comment', async () => {
    const { invitationId } = await sent('call-1', 'sns-1');

    const outcomes = [await reply('maybe later?'), await reply('hmm not sure'), await reply('7')];

    expect(outcomes).toEqual(['re-prompted', 'kept-unread', 'answered']);
    expect(replies[0]?.text).toContain('Please reply with one number from 0 to 10');
    expect(replies).toHaveLength(2);
    expect(await deps.responses.get(invitationId)).toMatchObject({
      score: 7,
      comment: 'maybe later?\nhmm not sure',
    });
  });

  it('keeps what it cannot read on the invitation, with when the latest came, where its report shows it', async () => {
    const { invitationId } = await sent('call-1', 'sns-1');
    await reply('the agent hung up on me');
    now = new Date('2026-11-26T12:07:00.000Z');

    await reply('call me back please');

    expect(await deps.invitations.get(invitationId)).toMatchObject({
      smsUnreadText: 'the agent hung up on me\ncall me back please',
      smsUnreadAt: '2026-11-26T12:07:00.000Z',
    });
    expect(await reportInvitation('call-1', deps)).toMatchObject({
      status: 'sent',
      unreadSms: {
        text: 'the agent hung up on me\ncall me back please',
        receivedAt: '2026-11-26T12:07:00.000Z',
      },
    });
  });

  it('moves the kept text into the comment of the score that follows, and off the invitation', async () => {
    const { invitationId } = await sent('call-1', 'sns-1');
    await reply('the agent hung up on me');

    await reply('2 and nobody called');

    const report = await reportInvitation('call-1', deps);
    expect(report.response).toMatchObject({
      score: 2,
      comment: 'the agent hung up on me\nand nobody called',
    });
    expect(report.unreadSms).toBeUndefined();
    const invitation = await deps.invitations.get(invitationId);
    expect(invitation?.smsUnreadText).toBeUndefined();
    expect(invitation?.smsUnreadAt).toBeUndefined();
  });

  it('adds the words sent with a changed score to the comment, dropping none said before', async () => {
    const { invitationId } = await sent('call-1', 'sns-1');
    await reply('3 the wait was awful');

    await reply('6 they called back and fixed it');
    await reply('7');

    expect(await deps.responses.get(invitationId)).toMatchObject({
      score: 7,
      comment: 'the wait was awful\nthey called back and fixed it',
    });
  });

  it('fails the reply, for its retry, rather than drop its text when the invitation moved', async () => {
    const { invitationId } = await sent('call-1', 'sns-1');
    await reply('who is this?');
    const store = deps.invitations;
    // Read as sent, then moved on by another write before the text is kept.
    deps = {
      ...deps,
      invitations: {
        create: (invitation) => store.create(invitation),
        transition: (...args) => store.transition(...args),
        get: async (id) => {
          const found = await store.get(id);
          await store.transition(id, 'sent', 'failed');
          return found;
        },
      },
    };

    const outcome = reply('the agent hung up on me');

    await expect(outcome).rejects.toBeInstanceOf(ReplyNotKeptError);
    deps = { ...deps, invitations: store };
    await store.transition(invitationId, 'failed', 'sent');
    inbound -= 1;
    expect(await reply('the agent hung up on me')).toBe('kept-unread');
    expect((await deps.invitations.get(invitationId))?.smsUnreadText).toBe(
      'who is this?\nthe agent hung up on me',
    );
  });

  it('changes nothing after the survey closed, and says so', async () => {
    const { invitationId } = await sent('call-1', 'sns-1');
    now = new Date('2026-12-27T12:00:00.000Z');

    expect(await reply('10')).toBe('closed');
    expect(await deps.responses.get(invitationId)).toBeNull();
    expect(replies[0]?.text).toContain('This survey has closed');
  });

  it('asks to be retried when it answers a message not known yet', async () => {
    await expect(reply('9', { previousPublishedMessageId: 'sns-not-yet' })).rejects.toBeInstanceOf(
      ReplyNotYetMatchedError,
    );
    await sent('call-1', 'sns-not-yet');
    // The redelivery (same inbound id) finds it once the send's bookkeeping has landed.
    inbound -= 1;
    expect(await reply('9', { previousPublishedMessageId: 'sns-not-yet' })).toBe('answered');
  });

  it('answers in the invitation language', async () => {
    await sent('call-1', 'sns-1', { customer: { id: 'c-1', phone: PHONE, locale: 'zh-CN' } });

    await reply('九分');

    expect(replies[0]?.text).toContain('感谢您的回答');
  });

  it('names the wrong field of a payload that is not the two-way SMS event', async () => {
    const error = await recordSmsReply({ originationNumber: 'nope', messageBody: 9 }, deps).catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.field)).toEqual(
      expect.arrayContaining([
        'Message.originationNumber',
        'Message.messageBody',
        'Message.inboundMessageId',
      ]),
    );
  });

  it('never fails on any text, records every readable reply, and does what the reading of any other text says', async () => {
    // Replies a person writes: a score, a separator, and words that are neither numbers nor keywords.
    const words = fc.array(
      fc.constantFrom(
        'the',
        'wait',
        'was',
        'awful',
        'great',
        'service',
        'thanks',
        'très',
        'bien',
        '快',
        '😀',
      ),
      { maxLength: 8 },
    );
    const readable = fc
      .tuple(
        fc.integer({ min: 0, max: 10 }),
        fc.constantFrom(' ', ' - ', ', ', '. ', '! ', ': ', '\n'),
        words,
      )
      .map(([score, separator, comment]) => ({
        body: `${score}${separator}${comment.join(' ')}`,
        score,
        comment: comment.join(' '),
      }));
    const anyText = fc.string({ unit: 'grapheme', maxLength: 400 }).map((body) => ({ body }));
    let run = 0;

    await fc.assert(
      fc.asyncProperty(
        fc.oneof(readable, anyText),
        fc.boolean(),
        async (message: { body: string; score?: number; comment?: string }, answeredBefore) => {
          // A fresh invitation each run, answered 8 already or not, that the reply names.
          run += 1;
          const { invitationId } = await sent(`call-p${run}`, `sns-p${run}`);
          const named = { previousPublishedMessageId: `sns-p${run}` };
          if (answeredBefore) expect(await reply('8', named)).toBe('answered');
          const before = answeredBefore ? { score: 8, comment: '' } : null;

          const outcome = await reply(message.body, named);

          const response = await deps.responses.get(invitationId);
          if (message.score !== undefined) {
            // Written to be read: it must be recorded, whatever the parser thinks of other text.
            expect(outcome).toBe('answered');
            expect(response).toMatchObject({ score: message.score, comment: message.comment });
            return;
          }
          // Any other text: the handler must do what the reading of it says.
          const read = parseSmsReply(message.body, 'nps', { hasScore: answeredBefore });
          switch (read.kind) {
            case 'score':
              expect(outcome).toBe('answered');
              expect(response).toMatchObject({ score: read.score, comment: read.comment });
              break;
            case 'comment':
              expect(outcome).toBe('commented');
              expect(response).toMatchObject({ score: 8, comment: read.comment });
              break;
            case 'unreadable':
              expect(outcome).toBe('re-prompted');
              expect(response === null ? null : { score: response.score, comment: response.comment }).toEqual(
                before,
              );
              break;
            default:
              expect(outcome).toBe({ 'opt-out': 'opted-out', 'opt-in': 'opted-in', help: 'help' }[read.kind]);
              expect(response === null ? null : { score: response.score, comment: response.comment }).toEqual(
                before,
              );
          }
          if (response) expect(response.comment.length).toBeLessThanOrEqual(2000);
        },
      ),
      { numRuns: 60, examples: [[{ body: '9 the wait', score: 9, comment: 'the wait' }, false]] },
    );
    // Each run sets up its own invitation in DynamoDB Local: more time than one test usually needs.
  }, 120_000);

  /** Replies to an NPS invitation (or CSAT where noted), on a fresh survey or one already answered with 8. */
  const CORPUS: [
    body: string,
    state: 'fresh' | 'answered',
    outcome: string,
    score?: number,
    comment?: string,
  ][] = [
    ['9', 'fresh', 'answered', 9, ''],
    ['10!', 'fresh', 'answered', 10, ''],
    [' 7 ', 'fresh', 'answered', 7, ''],
    ['nine', 'fresh', 'answered', 9, ''],
    ['Ten', 'fresh', 'answered', 10, ''],
    ['8/10', 'fresh', 'answered', 8, ''],
    ['score: 6', 'fresh', 'answered', 6, ''],
    ['#4', 'fresh', 'answered', 4, ''],
    ['０', 'fresh', 'answered', 0, ''],
    ['九分', 'fresh', 'answered', 9, ''],
    ['3 the wait was awful', 'fresh', 'answered', 3, 'the wait was awful'],
    ['5 - ok I guess', 'fresh', 'answered', 5, 'ok I guess'],
    ['10. Great service!!', 'fresh', 'answered', 10, 'Great service!!'],
    ['2, nobody called back', 'fresh', 'answered', 2, 'nobody called back'],
    ['7 or 8', 'fresh', 're-prompted'],
    ['eleven', 'fresh', 're-prompted'],
    ['11', 'fresh', 're-prompted'],
    ['-1', 'fresh', 're-prompted'],
    ['7.5', 'fresh', 're-prompted'],
    ['555-1234', 'fresh', 're-prompted'],
    ['who is this?', 'fresh', 're-prompted'],
    ['👍', 'fresh', 're-prompted'],
    ['', 'fresh', 're-prompted'],
    ['STOP', 'fresh', 'opted-out'],
    ['stop', 'fresh', 'opted-out'],
    ['Stop please', 'fresh', 'opted-out'],
    ['please stop', 'fresh', 'opted-out'],
    ['UNSUBSCRIBE', 'fresh', 'opted-out'],
    ['arret', 'fresh', 'opted-out'],
    ['TD', 'fresh', 'opted-out'],
    ['START', 'fresh', 'opted-in'],
    ['unstop', 'fresh', 'opted-in'],
    ['HELP', 'fresh', 'help'],
    ['info', 'fresh', 'help'],
    ['they fixed it fast', 'answered', 'commented', 8, 'they fixed it fast'],
    ['also the agent was kind', 'answered', 'commented', 8, 'also the agent was kind'],
    ['6', 'answered', 'answered', 6, ''],
    ['actually 9', 'answered', 'commented', 8, 'actually 9'],
    ['10 changed my mind', 'answered', 'answered', 10, 'changed my mind'],
    ['STOP', 'answered', 'opted-out', 8, ''],
    ['help', 'answered', 'help', 8, ''],
  ];

  it.each(CORPUS)('reads %j (%s) as %s', async (body, state, outcome, score, comment) => {
    const { invitationId } = await sent('call-1', 'sns-1');
    if (state === 'answered') expect(await reply('8')).toBe('answered');

    expect(await reply(body, { previousPublishedMessageId: 'sns-1' })).toBe(outcome);
    const response = await deps.responses.get(invitationId);
    if (score === undefined) expect(response).toBeNull();
    else expect(response).toMatchObject({ score, comment });
  });
});
