/*
 * Reading the phone numbers integrators send, at intake only: once accepted, a number is stored in
 * E.164 with the country it may be texted in, so the send path needs no phone library.
 *
 * The default ('min') metadata, on purpose. Its isValid() checks each country's number lengths and a
 * loose pattern of leading digits: enough to catch what integrators get wrong (a digit missing, a
 * national number sent without its country, a US area code starting with 0 or 1). 'max' also checks
 * each range's digits, which would reject made-up numbers such as +86 123… as well, but it nearly
 * doubles the metadata every Lambda bundling this loads at cold start, and its ranges go stale as
 * numbering plans change, turning away real customers. A number that passes here but is not in
 * service is reported undeliverable by the SMS provider.
 */
import { isSupportedCountry, type NumberType, parsePhoneNumberFromString } from 'libphonenumber-js';
import * as z from 'zod';

/**
 * Number types that are never texted, whatever the stage's countries: the caller pays a premium or
 * shares the cost (premium-rate, shared-cost), or the number forwards to another one at a price the
 * number's owner sets (personal numbers: UK 070, North American 5XX) or is a service's, not a person's
 * (universal access numbers, voicemail access). None is a customer's handset, and premium-rate and
 * personal numbers are the usual targets of toll fraud. Mobile, fixed-line, VoIP, toll-free and pager
 * numbers are texted. The small metadata knows the types of a few countries only (North America, the
 * UK and its islands among them); elsewhere the type is unknown and only the country decides.
 */
const NEVER_TEXTED_TYPES: ReadonlyMap<NumberType, string> = new Map<NumberType, string>([
  ['PREMIUM_RATE', 'a premium-rate number'],
  ['SHARED_COST', 'a shared-cost number'],
  ['PERSONAL_NUMBER', 'a personal (forwarding) number'],
  ['UAN', 'a universal access number'],
  ['VOICEMAIL', 'a voicemail access number'],
]);

/** A number an integrator sent, read. */
export interface ReadPhone {
  /** E.164. */
  number: string;
  /**
   * Where the number may be texted (ISO 3166-1 alpha-2): its country. Absent when no stage may text
   * it, and then `neverTexted` says why.
   */
  smsCountry?: string;
  /** Why the number is never texted: it has no country (an international network's), or its type. */
  neverTexted?: string;
}

/**
 * Reads what an integrator sent as a phone number: already E.164, or national with a country
 * (ISO 3166-1 alpha-2). Null when it is not a valid number.
 *
 * A number written with `+` keeps its own country whatever `country` says: it is already
 * international, and the `country` is usually the account's default rather than the customer's.
 * A number with an extension is null too: a text cannot reach an extension, and E.164 has no room
 * for it.
 *
 * The country is the number's, not its calling code's: +1 876… is Jamaica, not the US, and +44 7781…
 * Guernsey. Numbers of the international networks (+800, +808, +870, +878, +881, +882, +883, +888,
 * +979) have none, and are never texted.
 */
export const readPhone = (raw: string, country?: string | undefined): ReadPhone | null => {
  const parsed = parsePhoneNumberFromString(raw.trim(), {
    defaultCountry: country !== undefined && isSupportedCountry(country) ? country : undefined,
    // The whole field must be the number: 'call +1 415…' is a mistake to report, not one to guess at.
    extract: false,
  });
  if (parsed === undefined || parsed.ext !== undefined || !parsed.isValid()) return null;
  if (parsed.country === undefined) {
    return {
      number: parsed.number,
      neverTexted: `a number of an international network (+${parsed.countryCallingCode}), with no country`,
    };
  }
  const type = parsed.getType();
  const neverTexted = type === undefined ? undefined : NEVER_TEXTED_TYPES.get(type);
  return neverTexted
    ? { number: parsed.number, neverTexted }
    : { number: parsed.number, smsCountry: parsed.country };
};

/** A number in E.164 from what an integrator sent (see readPhone), or null when it is not a valid number. */
export const normalizePhone = (raw: string, country?: string | undefined): string | null =>
  readPhone(raw, country)?.number ?? null;

/** A country to read national phone numbers in: ISO 3166-1 alpha-2, one with a numbering plan. */
export const CountrySchema = z
  .string()
  // Abort so a malformed code gets one message, not a second one saying it is no country either.
  .regex(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 country code such as US', abort: true })
  .refine(isSupportedCountry, 'must be a country with its own phone numbers');

/** The country of a number (the stage's origination number); undefined when it has none or is no valid number. */
export const countryOfNumber = (e164: string): string | undefined =>
  parsePhoneNumberFromString(e164, { extract: false })?.country;
