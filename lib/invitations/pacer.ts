import { z } from 'zod';

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

/**
 * Spaces one sender's sends so that `instances` senders running at once stay within the account's
 * rates: each takes an equal share. The queue's maximum concurrency is the number of instances, so
 * the whole fleet never exceeds the rate even when every instance is busy.
 */
export const createPacer = (
  rates: SendRates,
  instances: number,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => number = () => performance.now(),
) => {
  const next = { email: 0, sms: 0 };
  const gapMs = {
    email: (1000 * instances) / rates.emailPerSecond,
    sms: (1000 * instances) / rates.smsPerSecond,
  };
  return async (channel: 'email' | 'sms'): Promise<void> => {
    const at = now();
    const slot = Math.max(at, next[channel]);
    next[channel] = slot + gapMs[channel];
    if (slot > at) await sleep(slot - at);
  };
};
