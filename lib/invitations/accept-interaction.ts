import { readPhone } from '../contacts/phone-numbers.js';
import { describeCountryNotTexted, smsDestinationRefusal } from '../contacts/sms-destinations.js';
import { parseOrThrow, ValidationError } from '../platform/errors.js';
import { type InteractionCompleted, InteractionCompletedSchema } from './interaction.js';
import { inviteChannelOf } from './invitation.js';
import {
  type Accepted,
  type ScheduleInteractionDeps,
  scheduleInteraction,
  type ValidInteraction,
} from './schedule-interaction.js';

export type { Accepted } from './schedule-interaction.js';

/** How far ahead of our clock an integrator's clock may run before `occurredAt` is refused. */
export const MAX_CLOCK_SKEW_MS = 10 * 60_000;

export interface AcceptInteractionDeps extends ScheduleInteractionDeps {
  /** The country of a phone number given without one, when the customer names none. */
  defaultCountry?: string | undefined;
}

/**
 * Intake: reads an `InteractionCompleted` event from an integrator (the schema, the phone number
 * read into E.164 with the country it may be texted in, the clock skew), then schedules it as
 * scheduleInteraction does: stored once per `interactionId`, checked against the contact policy,
 * queued on its channel's queue. A wrong event throws a ValidationError naming the field, and nothing
 * is stored or queued; so does an invitation by SMS to a number the stage may not text (see
 * sms-destinations.ts), so that the integrator learns it at once. A number that is only kept as a
 * contact, the invitation going by email, is not refused. `receivedFrom` says who sent it
 * (`integrator:<credential>`, `bus`), for the record.
 */
export const acceptInteraction = async (
  input: unknown,
  deps: AcceptInteractionDeps,
  receivedFrom?: string,
): Promise<Accepted> => {
  const { interaction, neverTexted } = normalized(
    parseOrThrow(InteractionCompletedSchema, input),
    deps.defaultCountry,
  );
  if (new Date(interaction.occurredAt).getTime() > deps.clock.now().getTime() + MAX_CLOCK_SKEW_MS) {
    throw new ValidationError([{ field: 'occurredAt', message: 'is in the future' }]);
  }
  if (inviteChannelOf(interaction) === 'sms') {
    const refusal = smsDestinationRefusal(interaction.customer, deps.policy.smsCountries);
    if (refusal) {
      throw new ValidationError([
        {
          field: 'customer.phone',
          message:
            refusal.kind === 'country'
              ? describeCountryNotTexted(refusal.country, refusal.allowed)
              : `is ${neverTexted ?? 'a number with no country'}, and such numbers are never texted: invite by email`,
        },
      ]);
    }
  }
  return scheduleInteraction(interaction, deps, receivedFrom);
};

/**
 * The event with its phone number in E.164 and the country it may be texted in (the schema drops
 * any `smsCountry` an integrator sends), and why the number is never texted if it is not; or a
 * ValidationError naming `customer.phone`.
 */
const normalized = (
  event: InteractionCompleted,
  defaultCountry: string | undefined,
): { interaction: ValidInteraction; neverTexted?: string | undefined } => {
  const { customer } = event;
  if (customer.phone === undefined) return { interaction: event };
  const phone = readPhone(customer.phone, customer.country ?? defaultCountry);
  if (!phone) {
    throw new ValidationError([
      {
        field: 'customer.phone',
        message: customer.phone.startsWith('+')
          ? 'is not a valid phone number'
          : 'is not a valid phone number: give it in E.164 (+14155550100), or as a national number with customer.country',
      },
    ]);
  }
  const smsCountry = phone.smsCountry ? { smsCountry: phone.smsCountry } : {};
  return {
    interaction: { ...event, customer: { ...customer, phone: phone.number, ...smsCountry } },
    neverTexted: phone.neverTexted,
  };
};
