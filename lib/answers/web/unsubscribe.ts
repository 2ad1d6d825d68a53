import { normalizeEmail } from '../../contacts/contact-keys.js';
import type { ContactLedger } from '../../contacts/ports.js';
import type { Invitation } from '../../invitations/invitation.js';
import { verifyToken } from '../../invitations/link-tokens.js';
import type { InvitationStore } from '../../invitations/ports.js';
import type { Clock } from '../../platform/clock.js';
import { NotFoundError } from '../../platform/errors.js';
import type { SecretSource } from '../../platform/secret.js';
import type { MessageSettings } from '../../settings/messages.js';
import { CATALOGS } from '../../surveys/catalog.js';
import { type Locale, resolveLocale } from '../../surveys/locales.js';

export interface UnsubscribeDeps {
  invitations: InvitationStore;
  contacts: ContactLedger;
  clock: Clock;
  signingKey: SecretSource;
}

/** The invitation an unsubscribe token stands for; a forged or damaged token is not found. */
export const invitationForUnsubscribe = async (token: string, deps: UnsubscribeDeps): Promise<Invitation> => {
  const invitationId = verifyToken(token, 'unsubscribe', await deps.signingKey());
  const invitation = invitationId ? await deps.invitations.get(invitationId) : null;
  if (!invitation) throw new NotFoundError('this unsubscribe link is not valid');
  return invitation;
};

/** The address an unsubscribe page names, partly hidden: the link may have been forwarded. */
export const maskedAddressOf = (invitation: Invitation): string => {
  const email = invitation.customer.email;
  if (invitation.via === 'email' && email) {
    const [local = '', domain = ''] = email.split('@');
    return `${local.slice(0, 1)}${'•'.repeat(Math.max(1, Math.min(6, local.length - 1)))}@${domain}`;
  }
  const phone = invitation.customer.phone ?? '';
  return `${'•'.repeat(Math.max(0, phone.length - 4))}${phone.slice(-4)}`;
};

/**
 * What an unsubscribe page shows: in the customer's language, the address it stops, masked ("this
 * address" once its person was erased).
 */
export const unsubscribePageOf = (
  invitation: Invitation,
  messages: MessageSettings,
): { locale: Locale; address: string } => {
  const locale = resolveLocale(invitation.customer.locale, messages.defaultLocale);
  return {
    locale,
    address:
      invitation.erasedAt === undefined
        ? maskedAddressOf(invitation)
        : CATALOGS[locale].unsubscribe.thisAddress,
  };
};

/**
 * Suppresses the address the invitation went to, at once and for every later interaction: the
 * one-click POST of RFC 8058 or the confirmation page's form. Doing it twice is harmless. Once its
 * person was erased, the address is suppressed as its keyed hash, the only form of it still held.
 */
export const unsubscribe = async (token: string, deps: UnsubscribeDeps): Promise<Invitation> => {
  const invitation = await invitationForUnsubscribe(token, deps);
  const { email, phone } = invitation.customer;
  const key =
    invitation.erasedAt !== undefined
      ? (invitation.erasedContact ?? null)
      : invitation.via === 'email' && email
        ? (`email:${normalizeEmail(email)}` as const)
        : phone
          ? (`phone:${phone}` as const)
          : null;
  if (key) {
    await deps.contacts.suppress({
      key,
      reason: 'unsubscribed',
      at: deps.clock.now().toISOString(),
      // An erased suppression names no source: it would lead back to the person's invitation.
      ...(invitation.erasedContact ? {} : { source: `invitation:${invitation.invitationId}` }),
    });
  }
  return invitation;
};
