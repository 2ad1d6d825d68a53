import type { MetricAlertState } from './metric-alert.js';

/** An alert's message attributes, which subscription filter policies route on. */
export type AlertAttributes = Record<string, string | number | readonly string[]>;

/** A detractor alert as it is published. */
export interface Alert {
  subject: string;
  message: string;
  /** Routing attributes: a number, a string, or a list of strings (an SNS String.Array). */
  attributes: AlertAttributes;
  /** The key that makes publishing it idempotent. */
  dedupeKey: string;
}

export interface AlertPublisher {
  publish(alert: Alert): Promise<string>;
}

/** Remembers which alerts went out, so a redelivered record publishes nothing twice. */
export interface AlertLedger {
  /**
   * Claims the right to publish; false when the alert was already published. Throws ClaimHeldError
   * while another publisher holds it (see DynamoDbOnceLedger).
   */
  claim(dedupeKey: string, at: Date): Promise<boolean>;
  /** Gives back a claim whose publish failed, so that the retry publishes at once. */
  release(dedupeKey: string): Promise<void>;
  markPublished(dedupeKey: string, messageId: string, at: Date): Promise<void>;
}

/** Where each metric alert rule's score stands, by rule key. */
export interface MetricAlertStates {
  get(ruleKey: string): Promise<MetricAlertState | null>;
  /** Writes a rule's state if its stored version is still `expectedVersion` (0: none yet); false when it moved. */
  put(ruleKey: string, state: MetricAlertState, expectedVersion: number): Promise<boolean>;
}
