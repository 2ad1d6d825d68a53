import { createHmac } from 'node:crypto';

/**
 * The key suppression and fatigue are kept under: a lower-cased, trimmed address.
 *
 * The whole address is lower-cased although RFC 5321 lets a server treat the local part as
 * case-sensitive: no mainstream provider does, and a customer who unsubscribes as `Ana@x.com` must stay
 * unsubscribed as `ana@x.com`. Dots and `+tags` are kept: only some providers ignore them, so
 * `a.na@x.com` and `ana+shop@x.com` can be other people's mailboxes, and folding them would suppress
 * or tire someone who never asked.
 */
export const normalizeEmail = (address: string): string =>
  // Not toLocaleLowerCase: the key must not depend on the runtime's locale (Turkish dotted I).
  address.trim().toLowerCase();

export type ContactKey = `email:${string}` | `phone:${string}`;

/**
 * The keys a customer's suppression and fatigue live under: the normalised email and the phone,
 * those present. The phone is taken as already E.164, as the customer schema demands.
 */
export const contactKeysOf = (customer: {
  email?: string | undefined;
  phone?: string | undefined;
}): ContactKey[] => {
  const keys: ContactKey[] = [];
  if (customer.email) keys.push(`email:${normalizeEmail(customer.email)}`);
  if (customer.phone) keys.push(`phone:${customer.phone}`);
  return keys;
};

/** The keys survey fatigue is counted under: the customer's id and every contact key, so a person is one person across channels. */
export type PersonKey = ContactKey | `customer:${string}`;

export const personKeysOf = (customer: {
  id: string;
  email?: string | undefined;
  phone?: string | undefined;
}): PersonKey[] => [`customer:${customer.id}`, ...contactKeysOf(customer)];

/**
 * A contact key once its person was erased: the channel and a keyed hash of the address or number
 * (HMAC-SHA-256 with the stage's signing key), so that a suppression outlives the erasure (the person
 * is still never contacted) while the table no longer holds the address. The same address always
 * hashes the same, and no one without the key can tell which address it was.
 */
export type ErasedContactKey = `erased:email:${string}` | `erased:phone:${string}`;

export const erasedKeyOf = (key: ContactKey, secret: string): ErasedContactKey => {
  const channel = key.startsWith('email:') ? 'email' : 'phone';
  const digest = createHmac('sha256', secret).update(`erased-contact\n${key}`).digest('base64url');
  return `erased:${channel}:${digest}`;
};

/** A person key as an audit record keeps it: keyed like an erased contact key, never the identifier. */
export const hashedPersonKeyOf = (key: PersonKey, secret: string): string =>
  createHmac('sha256', secret).update(`person\n${key}`).digest('base64url');
