import { PermanentDeliveryError } from '../../platform/errors.js';
import type { MessageSettings } from '../../settings/messages.js';
import { resolveLocale } from '../../surveys/locales.js';
import { scoresOf } from '../../surveys/scales.js';
import type { Invitation } from '../invitation.js';
import type { Links } from '../links.js';
import type { Mailer, SendChannel } from '../ports.js';
import { INVITATION_TAG } from './email-feedback.js';
import { renderInvitationEmail } from './invitation-email.js';

export interface EmailChannelDeps {
  mailer: Mailer;
  /** Signs the survey and unsubscribe links the email carries. */
  links: Links;
  messages: MessageSettings;
  /** Waits for this sender's share of the email send rate. */
  pace: () => Promise<void>;
}

/** Sending by email: the invitation rendered in the customer's language and handed to the mail service. */
export const emailChannel = (deps: EmailChannelDeps): SendChannel => ({
  via: 'email',
  deliver: (invitation, reminder) => sendEmail(invitation, reminder, deps),
});

/**
 * The invitation (or its reminder) as an email with one signed link per score, the RFC 8058
 * one-click unsubscribe headers, and the invitation's tag, which SES returns with its feedback.
 */
const sendEmail = async (
  invitation: Invitation,
  reminder: boolean,
  deps: EmailChannelDeps,
): Promise<string> => {
  if (!invitation.customer.email) throw new PermanentDeliveryError('the customer has no email address');
  const locale = resolveLocale(invitation.customer.locale, deps.messages.defaultLocale);
  const urls = new Map<number, string>();
  for (const score of scoresOf(invitation.survey)) {
    urls.set(score, await deps.links.surveyUrl(invitation.invitationId, score));
  }
  const unsubscribeUrl = await deps.links.unsubscribeUrl(invitation.invitationId);
  const rendered = renderInvitationEmail({
    survey: invitation.survey,
    locale,
    brand: deps.messages.brandName,
    customerName: invitation.customer.name,
    scoreUrl: (score) => urls.get(score) ?? '',
    unsubscribeUrl,
    reminder,
  });
  await deps.pace();
  return deps.mailer.send({
    to: invitation.customer.email,
    ...rendered,
    // RFC 8058: mail clients show an unsubscribe button and POST `List-Unsubscribe=One-Click` to it.
    headers: {
      'List-Unsubscribe': `<${unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    tags: { [INVITATION_TAG]: invitation.invitationId },
  });
};
