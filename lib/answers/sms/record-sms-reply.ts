import type { ContactLedger } from '../../contacts/ports.js';
import { LIFTED_BY_OPT_IN } from '../../contacts/suppression.js';
import { type Invitation, type InvitationFields, isSurveyOpen } from '../../invitations/invitation.js';
import type { InvitationStore, ResponseStore, SmsConversations, SmsSender } from '../../invitations/ports.js';
import { MAX_COMMENT_LENGTH } from '../../invitations/response.js';
import { renderSmsReply, renderSmsReprompt } from '../../invitations/sms/invitation-sms.js';
import type { Clock } from '../../platform/clock.js';
import { parseOrThrow } from '../../platform/errors.js';
import type { MessageSettings } from '../../settings/messages.js';
import { resolveLocale } from '../../surveys/locales.js';
import { saveAnswer } from '../record-answer.js';
import { type InboundSms, InboundSmsSchema } from './inbound-sms.js';
import { parseSmsReply } from './parse-sms-reply.js';

export interface SmsReplyDeps {
  invitations: InvitationStore;
  responses: ResponseStore;
  contacts: ContactLedger;
  conversations: SmsConversations;
  /** Answers the customer, from the number they texted. */
  replies: (to: string, from: string) => SmsSender;
  clock: Clock;
  messages: MessageSettings;
}

export type SmsReplyOutcome =
  | 'duplicate'
  | 'opted-out'
  | 'opted-in'
  | 'help'
  | 'answered'
  | 'commented'
  | 're-prompted'
  | 'kept-unread'
  | 'closed'
  | 'unmatched';

/** The reply came before we know the message it answers; Lambda's retry will find it. */
export class ReplyNotYetMatchedError extends Error {
  override readonly name = 'ReplyNotYetMatchedError';
}

/** The invitation moved while a reply was being kept on it; Lambda's retry reads it again. */
export class ReplyNotKeptError extends Error {
  override readonly name = 'ReplyNotKeptError';
}

/**
 * Handles one inbound SMS, once per `inboundMessageId`. Opt-out keywords suppress the number at once
 * (every channel), START and UNSTOP lift an SMS opt-out, HELP gets help. Anything else is matched to
 * its invitation by `previousPublishedMessageId`, else by the latest invitation texted to the number:
 * a score records or changes the answer (text after it is added to the comment), text after a score
 * is added to the comment, anything else gets one re-prompt; that text and any after it are kept on the
 * invitation, where its report shows them, and begin the comment of the score that follows. A reply
 * after the survey closed changes nothing and is told so.
 *
 * Only a number we have texted (within the conversation records' life) is ever answered: anyone can
 * text our number, and an answer to a premium-rate number costs its owner's price. A STOP from any
 * other number still suppresses it, and a START still lifts that, in silence.
 */
export const recordSmsReply = async (input: unknown, deps: SmsReplyDeps): Promise<SmsReplyOutcome> => {
  const sms = parseOrThrow(InboundSmsSchema, input, 'Message');
  const now = deps.clock.now();
  if (!(await deps.conversations.claimInbound(sms.inboundMessageId, now))) return 'duplicate';
  let outcome: SmsReplyOutcome;
  try {
    outcome = await handleReply(sms, now, deps);
  } catch (error) {
    await deps.conversations.releaseInbound(sms.inboundMessageId);
    throw error;
  }
  await deps.conversations.markInboundHandled(sms.inboundMessageId, outcome, deps.clock.now());
  return outcome;
};

/** What one claimed inbound message does: opt-out, opt-in, help, or an answer to its invitation. */
const handleReply = async (sms: InboundSms, now: Date, deps: SmsReplyDeps): Promise<SmsReplyOutcome> => {
  let latest: Promise<string[]> | undefined;
  /** The invitations last texted to the number, read at most once. */
  const textedTo = () => {
    latest ??= deps.conversations.latestInvitationsTo(sms.originationNumber, 1);
    return latest;
  };
  const invitation = await matchInvitation(sms, textedTo, deps);
  const locale = resolveLocale(invitation?.customer.locale, deps.messages.defaultLocale);
  const brand = deps.messages.brandName;
  const reply = deps.replies(sms.originationNumber, sms.destinationNumber);
  // A reply from the number its invitation was texted to needs no other look.
  const texted = async () =>
    invitation?.customer.phone === sms.originationNumber || (await textedTo()).length > 0;
  const send = async (text: string) => {
    if (await texted()) await reply.send({ to: sms.originationNumber, text });
  };
  const response = invitation ? await deps.responses.get(invitation.invitationId) : null;
  const parsed = parseSmsReply(sms.messageBody, invitation?.survey ?? 'nps', { hasScore: response !== null });
  return (async (): Promise<SmsReplyOutcome> => {
    switch (parsed.kind) {
      case 'opt-out':
        await deps.contacts.suppress({
          key: `phone:${sms.originationNumber}`,
          reason: 'sms-opt-out',
          at: now.toISOString(),
          source: `sms:${sms.inboundMessageId}`,
        });
        await send(renderSmsReply('optedOut', locale, brand));
        return 'opted-out';
      case 'opt-in':
        await deps.contacts.lift(`phone:${sms.originationNumber}`, LIFTED_BY_OPT_IN);
        await send(renderSmsReply('optedIn', locale, brand));
        return 'opted-in';
      case 'help':
        await send(renderSmsReply('help', locale, brand));
        return 'help';
    }
    if (!invitation) return 'unmatched';
    if (!isSurveyOpen(invitation, now)) {
      await send(renderSmsReply('closed', locale, brand));
      return 'closed';
    }
    switch (parsed.kind) {
      case 'score': {
        // A text cannot edit an earlier one: each one's words are added to what the customer said.
        const comment = joinComments(response?.comment, invitation.smsUnreadText, parsed.comment);
        await saveAnswer(invitation, { score: parsed.score, comment }, deps, response);
        if (invitation.smsUnreadText) {
          // The words are in the comment now; should this not land, the report shows them twice.
          await deps.invitations.transition(
            invitation.invitationId,
            invitation.status,
            invitation.status,
            {},
            ['smsUnreadText', 'smsUnreadAt'],
          );
        }
        if (!response) await send(renderSmsReply('thanks', locale, brand));
        return 'answered';
      }
      case 'comment':
        if (!response) return 'unmatched';
        await saveAnswer(
          invitation,
          { score: response.score, comment: joinComments(response.comment, parsed.comment) },
          deps,
          response,
        );
        return 'commented';
      case 'unreadable': {
        const kept = {
          smsUnreadText: joinComments(invitation.smsUnreadText, parsed.text) || undefined,
          smsUnreadAt: parsed.text.trim() ? now.toISOString() : invitation.smsUnreadAt,
        };
        if (!invitation.smsRepromptedAt) {
          await keepOnInvitation(invitation, { ...kept, smsRepromptedAt: now.toISOString() }, deps);
          await send(renderSmsReprompt(invitation.survey, locale, brand));
          return 're-prompted';
        }
        await keepOnInvitation(invitation, kept, deps);
        return 'kept-unread';
      }
    }
  })();
};

/**
 * Keeps what a reply said on its invitation, in the status it was read in. Should the invitation have
 * moved meanwhile, the reply fails, for its retry to read it again: its words are never dropped.
 */
const keepOnInvitation = async (
  invitation: Invitation,
  fields: InvitationFields,
  deps: Pick<SmsReplyDeps, 'invitations'>,
): Promise<void> => {
  const { invitationId, status } = invitation;
  if (!(await deps.invitations.transition(invitationId, status, status, fields))) {
    throw new ReplyNotKeptError(
      `invitation ${invitationId} moved from ${status} while a reply was kept on it`,
    );
  }
};

/**
 * The invitation a reply answers: the one whose SMS it replies to, else the latest texted to the
 * number. A reply naming a message we have no record of yet, from a number we have texted nothing,
 * is retried: the send's bookkeeping may still be on its way.
 */
const matchInvitation = async (
  sms: InboundSms,
  textedTo: () => Promise<string[]>,
  deps: SmsReplyDeps,
): Promise<Invitation | null> => {
  const byMessage = sms.previousPublishedMessageId
    ? await deps.conversations.invitationOfMessage(sms.previousPublishedMessageId)
    : null;
  const invitationId = byMessage ?? (await textedTo())[0];
  if (!invitationId) {
    if (sms.previousPublishedMessageId && !isKeywordOnly(sms.messageBody)) {
      throw new ReplyNotYetMatchedError(
        `no invitation SMS ${sms.previousPublishedMessageId} is known yet (inbound ${sms.inboundMessageId})`,
      );
    }
    return null;
  }
  return deps.invitations.get(invitationId);
};

const isKeywordOnly = (body: string) => {
  const kind = parseSmsReply(body, 'nps').kind;
  return kind === 'opt-out' || kind === 'opt-in' || kind === 'help';
};

const joinComments = (...parts: (string | undefined)[]): string =>
  parts
    .filter((part): part is string => Boolean(part?.trim()))
    .join('\n')
    .slice(0, MAX_COMMENT_LENGTH);
