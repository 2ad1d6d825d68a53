import type { SendRates } from '../settings/sending.js';

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
