/*
 * Whom the stage may text: the one rule that stops an invitation SMS to a premium-rate, satellite or
 * far-away number, at intake, when a case's recovery survey is scheduled, and again at the send. No
 * phone library: the number's country was read once, where the integrator's number arrived
 * (phone-numbers.ts), and stored beside it as `smsCountry`.
 */

/** Why a number may not be texted under the stage's countries. */
export type SmsDestinationRefusal =
  /** No country it may be texted in: read as never texted, or stored before countries were read. */
  | { kind: 'no-country' }
  /** The number's country is not one the stage texts. */
  | { kind: 'country'; country: string; allowed: readonly string[] };

/**
 * Whether the stage may text this customer's number: only when its `smsCountry` is one of
 * `smsCountries` (the contact policy's). Null when it may (or there is no number to judge); else why
 * not. A number with no `smsCountry` is never texted: one read at intake as an international
 * network's, premium-rate or shared-cost (and the like) has none, and so has one stored before
 * countries were read.
 */
export const smsDestinationRefusal = (
  customer: { phone?: string | undefined; smsCountry?: string | undefined },
  smsCountries: readonly string[] | undefined,
): SmsDestinationRefusal | null => {
  if (customer.phone === undefined) return null;
  const country = customer.smsCountry;
  if (country === undefined) return { kind: 'no-country' };
  const allowed = smsCountries ?? [];
  return allowed.includes(country) ? null : { kind: 'country', country, allowed };
};

/** The countries a stage texts, as a sentence ends. */
const listed = (allowed: readonly string[]): string =>
  allowed.length === 0 ? 'no country (contactPolicy.smsCountries is empty)' : `only ${allowed.join(', ')}`;

/** The sentence an integrator reads on an invitation skipped because its number may not be texted. */
export const describeSmsDestinationRefusal = (refusal: SmsDestinationRefusal): string =>
  refusal.kind === 'no-country'
    ? 'destination: the number has no country it may be texted in (an international network, a premium-rate or shared-cost range, or a number stored before countries were recorded)'
    : `destination: the number is in ${refusal.country}, and the stage texts ${listed(refusal.allowed)}`;

/** What the integrator reads of `customer.phone` when an SMS to a country the stage does not text is refused. */
export const describeCountryNotTexted = (country: string, allowed: readonly string[]): string =>
  `is a number in ${country}, and this stage texts ${listed(allowed)}: add it to contactPolicy.smsCountries, or invite by email`;
