import { type ContactKey, contactKeysOf, type ErasedContactKey } from '../contacts/contact-keys.js';
import type { Invitation } from '../invitations/invitation.js';
import type { Response } from '../invitations/response.js';

/*
 * What an erasure leaves of each raw item about a person: the figures, segments and times, which keep
 * counting as anonymous data, and none of what PERSONAL_DATA (lib/platform/table-design.ts) lists for
 * the item. A case's is beside the case (lib/cases/case.ts, erasedCaseFields).
 */

/**
 * An invitation without its person: the customer reduced to the language its pages speak, no
 * attributes, no unread SMS text, and no reason in words (a suppression's or a provider's may quote the
 * address; its `reasonCode` stays). The address or number it went to is kept as `hashOf` makes it (a
 * keyed hash), for an unsubscribe or a bounce that comes afterwards. One still waiting to go out is
 * cancelled, never sent.
 */
export const erasedInvitation = (
  invitation: Invitation,
  at: Date,
  hashOf: (key: ContactKey) => ErasedContactKey,
): Invitation => {
  const {
    attributes: _attributes,
    smsUnreadText: _text,
    smsUnreadAt: _textAt,
    reason: _reason,
    customer,
    ...kept
  } = invitation;
  const when = at.toISOString();
  const sentTo = contactKeysOf(
    invitation.via === 'email' ? { email: customer.email } : { phone: customer.phone },
  )[0];
  return {
    ...kept,
    customer: { id: '', ...(customer.locale ? { locale: customer.locale } : {}) },
    ...(sentTo ? { erasedContact: hashOf(sentTo) } : {}),
    ...(invitation.status === 'scheduled'
      ? {
          status: 'cancelled' as const,
          reasonCode: 'erased' as const,
          settledAt: when,
        }
      : {}),
    erasedAt: invitation.erasedAt ?? when,
  };
};

/**
 * An answer without its person: survey, score, days and segments stay (the scores do not move); the
 * customer's id, name and contacts, the comment, the attributes, the user agent and a held change go.
 */
export const erasedResponse = (response: Response, at: Date): Response => {
  const {
    customerName: _name,
    customerEmail: _email,
    customerPhone: _phone,
    attributes: _attributes,
    heldChange: _held,
    suspectSignals,
    ...kept
  } = response;
  return {
    ...kept,
    customerId: '',
    comment: '',
    ...(suspectSignals ? { suspectSignals: { ...suspectSignals, userAgent: '' } } : {}),
    erasedAt: response.erasedAt ?? at.toISOString(),
  };
};
