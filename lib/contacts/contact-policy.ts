import {
  firstInstantAt,
  isTimeZone,
  type TimeZone,
  timeZoneNamed,
  wallTimeAt,
} from '../platform/zoned-time.js';
import type { ContactPolicy, QuietHours, TouchpointPolicy } from '../settings/contact-policy.js';

export {
  ContactPolicySchema,
  LocalTimeSchema,
  QuietHoursSchema,
  TouchpointPolicySchema,
} from '../settings/contact-policy.js';
export type { ContactPolicy, QuietHours, TouchpointPolicy };

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The longest any touchpoint waits before surveying a person again: how long a last send must be kept. */
export const longestFatigueDays = (policy: ContactPolicy): number =>
  Math.max(
    policy.fatigueDays,
    ...Object.values(policy.touchpoints).map((override) => override.fatigueDays ?? 0),
  );

/** The rules in force for one touchpoint: the stage's, overridden by the touchpoint's. */
export const rulesFor = (
  policy: ContactPolicy,
  touchpoint: string,
): { delaySeconds: number; fatigueDays: number; reminderAfterDays: number | null } => {
  // hasOwn: a touchpoint named `constructor` must not pick up Object.prototype's.
  const override: TouchpointPolicy = Object.hasOwn(policy.touchpoints, touchpoint)
    ? (policy.touchpoints[touchpoint] ?? {})
    : {};
  return {
    delaySeconds: override.delaySeconds ?? policy.delaySeconds,
    fatigueDays: override.fatigueDays ?? policy.fatigueDays,
    // Not `??`: an explicit null switches the stage's reminder off.
    reminderAfterDays:
      override.reminderAfterDays === undefined ? policy.reminderAfterDays : override.reminderAfterDays,
  };
};

/**
 * The fatigue rule, whole: a survey due at `at` for `touchpoint` is blocked by a send to the same
 * person, by another invitation, after the instant this answers (`fatigueDays` before). Judged at
 * intake against the latest send (`isFatigued`), and again at send time inside the contact ledger's
 * claim, whose condition writes the same comparison for DynamoDB (`lastSentAt <= since`).
 * `fatigueDays: 0` lifts the rule: no send blocks, not even one made by another sender an instant
 * after this one read the clock.
 */
export const fatigueSince = (policy: ContactPolicy, touchpoint: string, at: Date): Date => {
  const { fatigueDays } = rulesFor(policy, touchpoint);
  return fatigueDays === 0 ? NO_FATIGUE : new Date(at.getTime() - fatigueDays * 86_400_000);
};

/** After every send there will be: its ISO form sorts above all of theirs, as the claim compares them. */
const NO_FATIGUE = new Date('9999-12-31T23:59:59.999Z');

/** Whether the person's latest send blocks `invitationId` for fatigue (see fatigueSince). */
export const isFatigued = (
  lastSend: { at: string; invitationId: string } | null,
  invitationId: string,
  since: Date,
): boolean => lastSend !== null && lastSend.invitationId !== invitationId && new Date(lastSend.at) > since;

/** The zone quiet hours are judged in: the customer's when known, else the policy's. */
export const zoneFor = (customerTimeZone: string | undefined, policy: ContactPolicy): string =>
  // The edge checks customer zones with Intl too; should one still not resolve, the invitation goes
  // out by the stage's clock rather than not at all.
  customerTimeZone !== undefined && isTimeZone(customerTimeZone) ? customerTimeZone : policy.timeZone;

/*
 * Why quiet hours are stretches of real time, bounded by the first instant the local clock reads
 * `start` (or `end`) or later, rather than a test of the clock's reading:
 * - Spring forward: a skipped `end` ends quiet hours when the clocks jump, the first instant the
 *   customer's clock is past it. Date libraries commonly shift by the gap instead (02:30 becomes
 *   03:30 EDT), which would hold sends longer than the customer asked.
 * - Fall back: a repeated time counts at its earlier showing. For `end` this keeps the night as long
 *   as the customer's clock says, not an hour longer. For `start` it keeps the repeated hour quiet,
 *   where a test of the clock's reading would let a send out at 01:10 in the middle of a night that
 *   began at 01:30, because the clock went back. (Some date libraries pick the later showing.)
 * So, once the clock first reaches `end`, the repeated hour after it is not quiet, although the clock
 * reads earlier than `end` again.
 */

interface Span {
  start: number;
  end: number;
}

const minutesOf = (time: string): number => {
  if (!LOCAL_TIME.test(time)) throw new RangeError(`${time} is not a local time such as 21:00`);
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
};

const quietMinutesOf = (quietHours: QuietHours): Span => {
  const start = minutesOf(quietHours.start);
  const end = minutesOf(quietHours.end);
  // Equal ends would make a window that never closes, and nextAllowedTime would never return.
  if (start === end) throw new RangeError('quiet hours must start and end at different times');
  return { start, end };
};

/** The quiet stretch that begins on the local day starting at wall time `day`. */
const spanOn = (zone: TimeZone, day: number, window: Span): Span => ({
  start: firstInstantAt(zone, day + window.start * MINUTE_MS),
  end: firstInstantAt(zone, day + (window.end < window.start ? DAY_MS : 0) + window.end * MINUTE_MS),
});

const quietSpanAt = (zone: TimeZone, instant: number, window: Span): Span | undefined => {
  const today = Math.floor(wallTimeAt(zone, instant) / DAY_MS) * DAY_MS;
  // Yesterday's stretch may run past midnight; tomorrow's can begin before the local date turns where
  // clocks fall back across midnight (Asia/Beirut goes from 00:00 back to 23:00).
  for (const day of [today - DAY_MS, today, today + DAY_MS]) {
    const span = spanOn(zone, day, window);
    if (span.start <= instant && instant < span.end) return span;
  }
  return undefined;
};

const instantOf = (at: Date): number => {
  const instant = at.getTime();
  if (Number.isNaN(instant)) throw new RangeError('not a valid date');
  return instant;
};

/** True when `at` falls inside quiet hours in `zone` (start inclusive, end exclusive). */
export const isQuietAt = (at: Date, quietHours: QuietHours | null, zone: string): boolean =>
  quietHours !== null &&
  quietSpanAt(timeZoneNamed(zone), instantOf(at), quietMinutesOf(quietHours)) !== undefined;

/**
 * The first instant at or after `at` that is outside quiet hours in `zone`: `at` itself when it is
 * not quiet, else the instant quiet hours end, usually the next local `end` (08:00 local the next
 * morning). Works in real instants, so it holds across midnight, daylight-saving changes and zones
 * with offsets off the hour (Asia/Kolkata +05:30, Asia/Kathmandu +05:45).
 *
 * At a daylight-saving change, quiet hours end the first instant the local clock reads `end` or later:
 * a skipped `end` (02:30 on a spring-forward night in America/New_York) ends them when the clock jumps
 * (03:00 EDT); a repeated `end` (01:30 on a fall-back night) at its earlier showing (01:30 EDT).
 * Rarely, the clock skips a day's whole allowed stretch (allowed only 02:10-02:40), and the answer is
 * the next day's.
 */
export const nextAllowedTime = (at: Date, quietHours: QuietHours | null, zone: string): Date => {
  let instant = instantOf(at);
  if (quietHours === null) return new Date(instant);
  const tz = timeZoneNamed(zone);
  const window = quietMinutesOf(quietHours);
  for (let span = quietSpanAt(tz, instant, window); span; span = quietSpanAt(tz, instant, window)) {
    // Ends only touch the next stretch when a skipped hour swallowed the allowed time between them.
    instant = span.end;
  }
  return new Date(instant);
};

/**
 * When an invitation may go out: `occurredAt` + the touchpoint's delay, never before `now`, moved out
 * of quiet hours in the customer's zone (or the policy's zone when the customer has none).
 */
export const scheduleInvitation = (
  input: { occurredAt: Date; now: Date; touchpoint: string; customerTimeZone?: string | undefined },
  policy: ContactPolicy,
): Date => {
  const { delaySeconds } = rulesFor(policy, input.touchpoint);
  // A late or replayed event goes out now at the earliest, so quiet hours are judged at that time.
  const due = Math.max(instantOf(input.occurredAt) + delaySeconds * 1000, instantOf(input.now));
  return nextAllowedTime(new Date(due), policy.quietHours, zoneFor(input.customerTimeZone, policy));
};
