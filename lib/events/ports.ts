import type { OutgoingEvent } from './events.js';

/** Puts events on the stage's bus, for other systems (a CRM, a warehouse) to follow. */
export interface EventPublisher {
  /** Puts one event; answers the bus's id of the entry. Throws when the bus did not take it. */
  publish(event: OutgoingEvent): Promise<string>;
}

/**
 * Remembers which events went out, by their id, so that a replayed stream record publishes nothing
 * twice: the bus itself does not deduplicate.
 */
export interface EventLedger {
  /**
   * Claims the right to publish; false when the event was published already. Throws ClaimHeldError
   * while another invocation holds it (see DynamoDbOnceLedger).
   */
  claim(eventId: string, at: Date): Promise<boolean>;
  /** Gives back a claim whose publish failed, so that the retry publishes at once. */
  release(eventId: string): Promise<void>;
  markPublished(eventId: string, entryId: string, at: Date): Promise<void>;
}
