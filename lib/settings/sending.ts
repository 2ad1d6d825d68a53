import * as z from 'zod';
import { defineSetting } from './setting.js';

/*
 * How fast invitations go out, and how often a send is tried.
 */

/** Receives of a queue message before it moves to the dead-letter queue; the last one gives up. */
export const SEND_ATTEMPTS = 5;

/**
 * Sends per second the providers allow: SES's MaxSendRate (1 in the sandbox, so the default) and the
 * SMS origination number's message parts per second (1 for a US 10DLC number, so the default).
 */
export const SendRatesSchema = z.strictObject({
  // Below one a second, a batch of ten shared by two consumers would pace past the function's timeout.
  emailPerSecond: z.number().min(1, 'must be at least 1 a second').max(1000).default(1),
  smsPerSecond: z.number().min(1, 'must be at least 1 a second').max(1000).default(1),
});
export type SendRates = z.infer<typeof SendRatesSchema>;

export const SEND_RATES = defineSetting('sendRates', 'SEND_RATES', SendRatesSchema.prefault({}));

/** A send queue consumer's maximum concurrency: each instance takes its share of its channel's rate. */
export const SEND_CONCURRENCY = defineSetting(
  'sendConcurrency',
  'SEND_CONCURRENCY',
  z.coerce.number().int().min(1),
);
