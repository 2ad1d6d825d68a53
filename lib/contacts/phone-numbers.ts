/*
 * Reading the phone numbers integrators send, at intake only: once accepted, a number is stored in
 * E.164, so the send path needs no phone library.
 *
 * The default ('min') metadata, on purpose. Its isValid() checks each country's number lengths and a
 * loose pattern of leading digits: enough to catch what integrators get wrong (a digit missing, a
 * national number sent without its country, a US area code starting with 0 or 1). 'max' also checks
 * each range's digits, which would reject made-up numbers such as +86 123… as well, but it nearly
 * doubles the metadata every Lambda bundling this loads at cold start, and its ranges go stale as
 * numbering plans change, turning away real customers. A number that passes here but is not in
 * service is reported undeliverable by the SMS provider.
 */
import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';
import * as z from 'zod';

/**
 * An E.164 number from what an integrator sent: already E.164, or national with a country
 * (ISO 3166-1 alpha-2). Null when it is not a valid number.
 *
 * A number written with `+` keeps its own country whatever `country` says: it is already
 * international, and the `country` is usually the account's default rather than the customer's.
 * A number with an extension is null too: a text cannot reach an extension, and E.164 has no room
 * for it.
 */
export const normalizePhone = (raw: string, country?: string | undefined): string | null => {
  const parsed = parsePhoneNumberFromString(raw.trim(), {
    defaultCountry: country !== undefined && isSupportedCountry(country) ? country : undefined,
    // The whole field must be the number: 'call +1 415…' is a mistake to report, not one to guess at.
    extract: false,
  });
  if (parsed === undefined || parsed.ext !== undefined || !parsed.isValid()) return null;
  return parsed.number;
};

/** A country to read national phone numbers in: ISO 3166-1 alpha-2, one with a numbering plan. */
export const CountrySchema = z
  .string()
  // Abort so a malformed code gets one message, not a second one saying it is no country either.
  .regex(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 country code such as US', abort: true })
  .refine(isSupportedCountry, 'must be a country with its own phone numbers');
