import * as z from 'zod';
import { isTimeZone } from '../platform/zoned-time.js';
import { defineSetting } from './setting.js';

/*
 * When and how often a customer may be asked, and the country of the phone numbers integrators send
 * without one. The rules that apply them are in `lib/contacts/`.
 */

const MAX_DELAY_SECONDS = 30 * 86_400;
const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** "HH:MM" 24-hour local time. */
export const LocalTimeSchema = z.string().regex(LOCAL_TIME, 'must be a local time such as 21:00');

/**
 * A daily window in which no invitation goes out, in local time. `start` after `end` spans midnight
 * (21:00-08:00, the usual case); `start` before `end` stays within a day (12:00-13:00). `start` is in
 * the window, `end` is not.
 */
export const QuietHoursSchema = z
  .strictObject({ start: LocalTimeSchema, end: LocalTimeSchema })
  .refine((quietHours) => quietHours.start !== quietHours.end, {
    // Equal ends could mean all day or never: make the integrator say which.
    message: 'must differ from start; set quietHours to null for no quiet hours',
    path: ['end'],
  });
export type QuietHours = z.infer<typeof QuietHoursSchema>;

const delaySeconds = z
  .number()
  .int('must be a whole number of seconds')
  .min(0, 'must not be negative')
  .max(MAX_DELAY_SECONDS, `must be at most 30 days (${MAX_DELAY_SECONDS} seconds)`);

const fatigueDays = z
  .number()
  .int('must be a whole number of days')
  .min(0, 'must not be negative')
  .max(365, 'must be at most 365 days');

const reminderAfterDays = z
  .number()
  .int('must be a whole number of days')
  .min(1, 'must be at least 1 day')
  .max(30, 'must be at most 30 days')
  .nullable();

/**
 * Per-touchpoint overrides of the stage's rules; a field left out keeps the stage's value.
 * `fatigueDays: 0` lifts the fatigue rule for the touchpoint; `reminderAfterDays: null` switches the
 * stage's reminder off for it.
 */
export const TouchpointPolicySchema = z.strictObject({
  delaySeconds: delaySeconds.optional(),
  fatigueDays: fatigueDays.optional(),
  reminderAfterDays: reminderAfterDays.optional(),
});
export type TouchpointPolicy = z.infer<typeof TouchpointPolicySchema>;

/**
 * When and how often a customer may be asked, per stage. Every field has a default, so `{}` parses:
 * - `delaySeconds` after the interaction before inviting: 3600.
 * - `fatigueDays` during which a customer invited once is not invited again: 30 (0 for none).
 * - `quietHours` in the customer's local time: 21:00-08:00 (null for none).
 * - `timeZone` quiet hours are judged in when the customer has none: UTC.
 * - `reminderAfterDays` before one reminder to a customer who has not answered: null (no reminder).
 * - `touchpoints`: overrides by touchpoint name: none.
 * - `smsCountries` invitations may be texted to: resolved at synth (see the field).
 */
export const ContactPolicySchema = z.strictObject({
  delaySeconds: delaySeconds.default(3600),
  fatigueDays: fatigueDays.default(30),
  quietHours: QuietHoursSchema.nullable().default({ start: '21:00', end: '08:00' }),
  timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris').default('UTC'),
  reminderAfterDays: reminderAfterDays.default(null),
  touchpoints: z
    .record(
      z.string().min(1, 'must not be empty').max(128, 'must be at most 128 characters'),
      TouchpointPolicySchema,
    )
    .default({}),
  /**
   * The countries invitations may be texted to (ISO 3166-1 alpha-2). Left out of a stage, synth sets
   * it to the countries of `defaultCountry` and `sms.originationNumber` (infra/stage-config.ts); a
   * policy without it, or with an empty list, texts no one.
   */
  smsCountries: z
    .array(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as US'))
    .max(250)
    .optional(),
});
export type ContactPolicy = z.infer<typeof ContactPolicySchema>;

/**
 * When and how often a customer is asked: `delaySeconds` after the interaction (default 3600),
 * at most one survey per person per `fatigueDays` (default 30), never in `quietHours` (default
 * 21:00-08:00 in the customer's zone, else `timeZone`, default UTC), an optional reminder after
 * `reminderAfterDays` (default off), `touchpoints` overriding the delay, fatigue and reminder, and
 * the `smsCountries` invitations may be texted to (default: the countries of `defaultCountry` and
 * of the origination number).
 */
export const CONTACT_POLICY = defineSetting(
  'contactPolicy',
  'CONTACT_POLICY',
  ContactPolicySchema.prefault({}),
);

/**
 * The country of phone numbers integrators send without one (ISO 3166-1 alpha-2, such as US). Synth
 * also checks that phone numbers of that country can be read (infra/stage-config.ts): the phone
 * library's country list is kept out of the functions that never read a phone number.
 */
export const DEFAULT_COUNTRY = defineSetting(
  'defaultCountry',
  'DEFAULT_COUNTRY',
  z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as US')
    .optional(),
);
