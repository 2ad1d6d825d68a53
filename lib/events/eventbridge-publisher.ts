import {
  type EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { EVENT_SOURCE, type OutgoingEvent } from './events.js';
import type { EventPublisher } from './ports.js';

/** The most a PutEvents entry may weigh, as EventBridge counts it (see {@link entrySizeOf}). */
export const MAX_ENTRY_BYTES = 256 * 1024;

/** The bus did not take an event (PutEvents answers a per-entry error with HTTP 200): it is put again. */
export class EventNotPutError extends Error {
  override readonly name = 'EventNotPutError';
}

/** An event heavier than an entry may be: no retry makes it lighter. */
export class EventTooLargeError extends Error {
  override readonly name = 'EventTooLargeError';
}

/**
 * An entry's size as EventBridge counts it against its limit: 14 bytes for the time, and the UTF-8
 * bytes of the source, the detail type, the detail and each resource.
 */
export const entrySizeOf = (entry: PutEventsRequestEntry): number =>
  (entry.Time ? 14 : 0) +
  [entry.Source, entry.DetailType, entry.Detail, ...(entry.Resources ?? [])].reduce(
    (sum, text) => sum + Buffer.byteLength(text ?? '', 'utf8'),
    0,
  );

/**
 * Puts events on the stage's bus with PutEvents, one entry a call, source `pulse`, the detail as
 * JSON. PutEvents answers 200 even when it refused an entry (a throttle, an internal failure), with
 * `FailedEntryCount` and the entry's error code: that is thrown, so that the stream retries the change.
 */
export class EventBridgePublisher implements EventPublisher {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly eventBusName: string,
  ) {}

  async publish(event: OutgoingEvent): Promise<string> {
    const entry: PutEventsRequestEntry = {
      EventBusName: this.eventBusName,
      Source: EVENT_SOURCE,
      DetailType: event.detailType,
      Detail: JSON.stringify(event.detail),
      Time: new Date(event.time),
    };
    const size = entrySizeOf(entry);
    if (size > MAX_ENTRY_BYTES) {
      throw new EventTooLargeError(
        `${event.detail.eventId} weighs ${size} bytes, more than an entry's ${MAX_ENTRY_BYTES}`,
      );
    }
    const { FailedEntryCount, Entries } = await this.client.send(new PutEventsCommand({ Entries: [entry] }));
    const [result] = Entries ?? [];
    if ((FailedEntryCount ?? 0) > 0 || result?.ErrorCode || !result?.EventId) {
      throw new EventNotPutError(
        `${event.detail.eventId} was not put on ${this.eventBusName}: ${result?.ErrorCode ?? 'no entry id'}${result?.ErrorMessage ? `: ${result.ErrorMessage}` : ''}`,
      );
    }
    return result.EventId;
  }
}
