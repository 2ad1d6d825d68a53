/**
 * How long raw items are kept: an invitation, its answer, its case and what hangs on them are removed
 * `days` after they began (DynamoDB's time to live on `expiresAt`; locally, the runtime's sweep).
 * Scores and counters are not raw items and stay.
 */
export interface Retention {
  days: number;
}

/** The `expiresAt` of a raw item that began at `anchor`: seconds since the epoch, as TTL reads it. */
export const expiresAtOf = (anchor: string | Date, retention: Retention): number =>
  Math.floor(new Date(anchor).getTime() / 1000) + retention.days * 86_400;

/** The `expiresAt` field of a raw item that began at `anchor`, or none when the adapter keeps items for ever. */
export const expiryOf = (anchor: string | Date, retention: Retention | undefined): { expiresAt?: number } =>
  retention ? { expiresAt: expiresAtOf(anchor, retention) } : {};
