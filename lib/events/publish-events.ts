import type { CaseTransition } from '../cases/case-stream-records.js';
import type { ResponseTransition } from '../invitations/response.js';
import type { Clock } from '../platform/clock.js';
import type { Sentiment } from '../surveys/sentiments.js';
import {
  answerEventsOf,
  caseEventsOf,
  type DetailType,
  type EventsOut,
  type OutgoingEvent,
} from './events.js';
import type { EventLedger, EventPublisher } from './ports.js';

export interface EventsDeps {
  eventLedger: EventLedger;
  eventPublisher: EventPublisher;
  clock: Clock;
  /** What the stage's events carry beyond the figures (`events`, lib/settings/people.ts). */
  eventsOut: EventsOut;
}

/**
 * Publishes an event under its id, once: a claim that finds it published already sends nothing. A
 * failed put gives the claim back and throws, so that the stream's retry puts it at once. A crash
 * between putting and marking it can repeat it (its `eventId` stays the same); a replay after a
 * success cannot. Answers whether this call published it.
 */
export const publishEventOnce = async (event: OutgoingEvent, deps: EventsDeps): Promise<boolean> => {
  const { eventId } = event.detail;
  if (!(await deps.eventLedger.claim(eventId, deps.clock.now()))) return false;
  let entryId: string;
  try {
    entryId = await deps.eventPublisher.publish(event);
  } catch (error) {
    await deps.eventLedger.release(eventId);
    throw error;
  }
  await deps.eventLedger.markPublished(eventId, entryId, deps.clock.now());
  return true;
};

/** Publishes each event once, in order; answers the kinds this call published. */
const publishAll = async (events: readonly OutgoingEvent[], deps: EventsDeps): Promise<DetailType[]> => {
  const published: DetailType[] = [];
  for (const event of events) {
    if (await publishEventOnce(event, deps)) published.push(event.detailType);
  }
  return published;
};

/**
 * Publishes what one change of an answer tells other systems (see {@link answerEventsOf}), once per
 * change however often the stream delivers it. `caseId`: the answer's case, as the alert step found it.
 */
export const publishAnswerEvents = (
  transition: ResponseTransition,
  deps: EventsDeps,
  caseId?: string,
  labels?: { sentiment?: Sentiment; topics?: string[] },
): Promise<DetailType[]> => publishAll(answerEventsOf(transition, deps.eventsOut, caseId, labels), deps);

/** Publishes what one change of a case tells other systems (see {@link caseEventsOf}), once per change. */
export const publishCaseEvents = (transition: CaseTransition, deps: EventsDeps): Promise<DetailType[]> =>
  publishAll(caseEventsOf(transition, deps.eventsOut), deps);
