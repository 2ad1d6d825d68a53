import { normalizePhone } from '../contacts/phone-numbers.js';
import { parseOrThrow, ValidationError } from '../platform/errors.js';
import { type InteractionCompleted, InteractionCompletedSchema } from './interaction.js';
import { type Accepted, type ScheduleInteractionDeps, scheduleInteraction } from './schedule-interaction.js';

export type { Accepted } from './schedule-interaction.js';

/** How far ahead of our clock an integrator's clock may run before `occurredAt` is refused. */
export const MAX_CLOCK_SKEW_MS = 10 * 60_000;

export interface AcceptInteractionDeps extends ScheduleInteractionDeps {
  /** The country of a phone number given without one, when the customer names none. */
  defaultCountry?: string | undefined;
}

/**
 * Intake: reads an `InteractionCompleted` event from an integrator (the schema, the phone number
 * read into E.164, the clock skew), then schedules it as scheduleInteraction does: stored once per
 * `interactionId`, checked against the contact policy, queued on its channel's queue. A wrong event
 * throws a ValidationError naming the field, and nothing is stored or queued.
 */
export const acceptInteraction = async (input: unknown, deps: AcceptInteractionDeps): Promise<Accepted> => {
  const event = normalized(parseOrThrow(InteractionCompletedSchema, input), deps.defaultCountry);
  if (new Date(event.occurredAt).getTime() > deps.clock.now().getTime() + MAX_CLOCK_SKEW_MS) {
    throw new ValidationError([{ field: 'occurredAt', message: 'is in the future' }]);
  }
  return scheduleInteraction(event, deps);
};

/** The event with its phone number in E.164, or a ValidationError naming `customer.phone`. */
const normalized = (
  event: InteractionCompleted,
  defaultCountry: string | undefined,
): InteractionCompleted => {
  if (event.customer.phone === undefined) return event;
  const phone = normalizePhone(event.customer.phone, event.customer.country ?? defaultCountry);
  if (!phone) {
    throw new ValidationError([
      {
        field: 'customer.phone',
        message: event.customer.phone.startsWith('+')
          ? 'is not a valid phone number'
          : 'is not a valid phone number: give it in E.164 (+14155550100), or as a national number with customer.country',
      },
    ]);
  }
  return { ...event, customer: { ...event.customer, phone } };
};
