import type { Clock } from '../platform/clock.js';
import { measure } from '../platform/metrics.js';
import type { Alert, AlertLedger, AlertPublisher } from './ports.js';

/**
 * Publishes an alert under its ledger key, once: a claim that finds it published already sends
 * nothing. A crash between publishing and marking it can repeat it; a replay after a success cannot.
 * Answers whether this call published it.
 */
export const publishOnce = async (
  alert: Omit<Alert, 'dedupeKey'>,
  dedupeKey: string,
  deps: { ledger: AlertLedger; publisher: AlertPublisher; clock: Clock },
): Promise<boolean> => {
  if (!(await deps.ledger.claim(dedupeKey, deps.clock.now()))) return false;
  let messageId: string;
  try {
    messageId = await deps.publisher.publish({ ...alert, dedupeKey });
  } catch (error) {
    await deps.ledger.release(dedupeKey);
    throw error;
  }
  await deps.ledger.markPublished(dedupeKey, messageId, deps.clock.now());
  measure('AlertsPublished', 1, String(alert.attributes.kind ?? 'unknown'));
  return true;
};
