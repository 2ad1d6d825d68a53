import * as z from 'zod';
import { type ContactKey, contactKeysOf, type ErasedContactKey } from './contact-keys.js';

/**
 * Why an address or number gets no more surveys: the customer unsubscribed (the email link or a
 * subscription event), texted an opt-out keyword, the mailbox bounced for good, or the customer
 * marked a survey as spam.
 */
export const SUPPRESSION_REASONS = ['unsubscribed', 'sms-opt-out', 'hard-bounce', 'complaint'] as const;
export const SuppressionReasonSchema = z.enum(SUPPRESSION_REASONS);
export type SuppressionReason = z.infer<typeof SuppressionReasonSchema>;

export interface Suppression {
  /** The address or number; once its person was erased, the keyed hash it is kept under. */
  key: ContactKey | ErasedContactKey;
  reason: SuppressionReason;
  /** When it was recorded. */
  at: string;
  /** Where it came from: the SES message id of a bounce, the inbound SMS id of a STOP, the invitation of an unsubscribe. */
  source?: string | undefined;
}

/** Only an opt-out the customer can reverse by texting START is lifted by it; bounces and complaints stay. */
export const LIFTED_BY_OPT_IN: readonly SuppressionReason[] = ['sms-opt-out'];

/**
 * Which recorded reasons a new one replaces: a reason that stops every channel (an unsubscribe, a
 * complaint) replaces one that stops a single channel or can be lifted by START, so that it is
 * neither narrowed nor undone; nothing replaces a complaint.
 */
export const REPLACED_BY: Record<SuppressionReason, readonly SuppressionReason[]> = {
  'sms-opt-out': ['sms-opt-out'],
  'hard-bounce': ['sms-opt-out'],
  unsubscribed: ['sms-opt-out', 'hard-bounce'],
  complaint: ['sms-opt-out', 'hard-bounce', 'unsubscribed'],
};

const WHY: Record<SuppressionReason, string> = {
  unsubscribed: 'unsubscribed',
  'sms-opt-out': 'opted out by SMS',
  'hard-bounce': 'bounced permanently',
  complaint: 'marked a survey as spam',
};

/** The sentence an integrator reads in `GET /invitations/{id}` when a send was suppressed. */
export const describeSuppression = (suppression: Suppression): string => {
  const [channel, address] = splitKey(suppression.key);
  const what = channel === 'email' ? 'email' : 'phone';
  return `suppressed: ${what} ${address} ${WHY[suppression.reason]} on ${suppression.at.slice(0, 10)}`;
};

/** The channel and the address of a key; an erased key's address is only said to be erased. */
const splitKey = (key: ContactKey | ErasedContactKey): [string, string] => {
  if (key.startsWith('erased:')) return [key.split(':')[1] ?? 'email', '(erased on request)'];
  const colon = key.indexOf(':');
  return [key.slice(0, colon), key.slice(colon + 1)];
};

/** A contact key whose suppression blocks a send, unless it was suppressed for one of `except`. */
export interface SuppressionCheck {
  key: ContactKey;
  except: readonly SuppressionReason[];
}

/**
 * What stops a send through `via`: an unsubscribe, an SMS opt-out or a complaint in any channel
 * stops every channel (the customer said no to surveys, not to a medium); a hard bounce stops only
 * the channel that bounced, since the phone still works when the mailbox is gone.
 */
export const suppressionChecksFor = (
  customer: { email?: string | undefined; phone?: string | undefined },
  via: 'email' | 'sms',
): SuppressionCheck[] =>
  contactKeysOf(customer).map((key) => ({
    key,
    except: key.startsWith(via === 'email' ? 'email:' : 'phone:') ? [] : ['hard-bounce'],
  }));
