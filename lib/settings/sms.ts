import * as z from 'zod';
import { defineSetting } from './setting.js';

/**
 * The most one SMS may cost by default, in USD: many times a message to North America (about a cent)
 * and above one to most of Europe, yet below the dear routes a number slipped past the country list
 * would take. SNS drops a dearer message (its delivery fails), so a stage texting dearer countries
 * raises `sms.maxPriceUsd`.
 */
export const DEFAULT_SMS_MAX_PRICE_USD = 0.2;

/**
 * Who the SMS comes from: a number the account owns (`originationNumber`), or an alphanumeric
 * sender id where countries allow it; `maxPriceUsd` is the most one message may cost (SNS does not
 * deliver a dearer one), default 0.20, carried by every SMS Pulse sends.
 */
export const SmsOriginationSchema = z.strictObject({
  originationNumber: z
    .string()
    .regex(/^\+[1-9]\d{4,14}$/, 'must be a number in E.164 such as +18005550100')
    .optional(),
  senderId: z
    .string()
    .regex(/^(?=.*[A-Za-z])[A-Za-z0-9]{3,11}$/, 'must be 3 to 11 letters and digits, at least one letter')
    .optional(),
  maxPriceUsd: z.number().positive().max(10).default(DEFAULT_SMS_MAX_PRICE_USD),
});
export type SmsOrigination = z.infer<typeof SmsOriginationSchema>;

export const SMS_ORIGINATION = defineSetting('sms', 'SMS_ORIGINATION', SmsOriginationSchema.prefault({}));
