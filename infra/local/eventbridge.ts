import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import * as z from 'zod';
import { answerLocally, type Outbox } from './capture.js';

/** The local bus: set `outage` to make it refuse every entry, as EventBridge does on an internal failure. */
export interface EventBridgeTwin {
  outage: string | null;
}

const PutEventsSchema = z.object({
  Entries: z
    .array(
      z.object({
        EventBusName: z.string().optional(),
        Source: z.string().optional(),
        DetailType: z.string().optional(),
        Detail: z.string().optional(),
      }),
    )
    .min(1)
    .max(10),
});

/** Whether a detail is what EventBridge takes: a JSON object. */
const isJsonObject = (detail: string): boolean => {
  try {
    const parsed: unknown = JSON.parse(detail);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
};

/**
 * EventBridge's PutEvents on one machine: each entry the SDK built and serialised is kept in the
 * outbox as an `event`, and answered as EventBridge answers, per entry (HTTP 200 whatever became of
 * each, with `FailedEntryCount`): its id, or `MalformedDetail` for a detail that is no JSON object, or
 * `InternalFailure` during an outage of the twin. A bus other than `busName` is a mistake, thrown.
 */
export const answerEventBridgeLocally = (
  client: EventBridgeClient,
  parts: { outbox: Outbox; now: () => Date; busName: string; twin: EventBridgeTwin },
): EventBridgeClient =>
  answerLocally(client, async (command, input) => {
    if (command !== 'PutEventsCommand') throw new Error(`local EventBridge does not answer ${command}`);
    const { Entries } = PutEventsSchema.parse(input);
    const elsewhere = Entries.find((entry) => entry.EventBusName !== parts.busName);
    if (elsewhere) throw new Error(`local EventBridge has no bus ${elsewhere.EventBusName ?? '(default)'}`);
    const results = Entries.map((entry, i) => {
      if (parts.twin.outage) return { ErrorCode: 'InternalFailure', ErrorMessage: parts.twin.outage };
      if (!entry.Source || !entry.DetailType || !entry.Detail || !isJsonObject(entry.Detail)) {
        return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
      }
      return { EventId: parts.outbox.record('event', parts.now(), (input.Entries as unknown[])[i]) };
    });
    return {
      FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length,
      Entries: results,
    };
  });
