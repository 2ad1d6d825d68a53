import type { Clock } from '../../platform/clock.js';
import { PermanentDeliveryError } from '../../platform/errors.js';
import type { MessageSettings } from '../../settings/messages.js';
import { resolveLocale } from '../../surveys/locales.js';
import type { Invitation } from '../invitation.js';
import type { SendChannel, SmsConversations, SmsSender } from '../ports.js';
import { renderInvitationSms } from './invitation-sms.js';

export interface SmsChannelDeps {
  sms: SmsSender;
  /** Remembers each SMS sent, so that replies find their invitation. */
  conversations: SmsConversations;
  clock: Clock;
  messages: MessageSettings;
  /** Waits for this sender's share of the SMS send rate. */
  pace: () => Promise<void>;
}

/** Sending by SMS: the invitation texted to the customer's number, and the conversation remembered. */
export const smsChannel = (deps: SmsChannelDeps): SendChannel => ({
  via: 'sms',
  deliver: (invitation, reminder) => sendSms(invitation, reminder, deps),
});

/**
 * The invitation (or its reminder) as one SMS in the customer's language, saying how to answer and
 * how to stop; once it is out, the conversation is recorded, so that a reply finds its invitation.
 */
const sendSms = async (invitation: Invitation, reminder: boolean, deps: SmsChannelDeps): Promise<string> => {
  const phone = invitation.customer.phone;
  if (!phone) throw new PermanentDeliveryError('the customer has no phone number');
  const locale = resolveLocale(invitation.customer.locale, deps.messages.defaultLocale);
  await deps.pace();
  const messageId = await deps.sms.send({
    to: phone,
    text: renderInvitationSms({
      survey: invitation.survey,
      locale,
      brand: deps.messages.brandName,
      reminder,
    }),
  });
  await deps.conversations.recordSent({
    phone,
    invitationId: invitation.invitationId,
    messageId,
    sentAt: deps.clock.now(),
  });
  return messageId;
};
