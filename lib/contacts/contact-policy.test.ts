import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ContactPolicy,
  ContactPolicySchema,
  fatigueSince,
  isFatigued,
  isQuietAt,
  LocalTimeSchema,
  nextAllowedTime,
  type QuietHours,
  QuietHoursSchema,
  rulesFor,
  scheduleInvitation,
  zoneFor,
} from './contact-policy.js';

const NIGHT: QuietHours = { start: '21:00', end: '08:00' };
const HOUR_MS = 3_600_000;

const policyOf = (input: unknown): ContactPolicy => ContactPolicySchema.parse(input);

/** The fields a policy's issues name, dotted. */
const issuePathsOf = (input: unknown): string[] =>
  (ContactPolicySchema.safeParse(input).error?.issues ?? []).map((issue) => issue.path.map(String).join('.'));

const at = (iso: string): Date => new Date(iso);

describe('ContactPolicySchema', () => {
  it('fills every default from an empty object', () => {
    // Prepare
    const input = {};

    // Act
    const policy = ContactPolicySchema.parse(input);

    // Assess
    expect(policy).toEqual({
      delaySeconds: 3600,
      fatigueDays: 30,
      quietHours: { start: '21:00', end: '08:00' },
      timeZone: 'UTC',
      reminderAfterDays: null,
      touchpoints: {},
    });
  });

  it('keeps null quiet hours as none rather than the default', () => {
    // Prepare
    const input = { quietHours: null };

    // Act
    const policy = policyOf(input);

    // Assess
    expect(policy.quietHours).toBeNull();
  });

  it.each([
    ['delaySeconds', { delaySeconds: -1 }],
    ['delaySeconds', { delaySeconds: 30 * 86_400 + 1 }],
    ['delaySeconds', { delaySeconds: 1.5 }],
    ['fatigueDays', { fatigueDays: 366 }],
    ['reminderAfterDays', { reminderAfterDays: 0 }],
    ['reminderAfterDays', { reminderAfterDays: 31 }],
    ['timeZone', { timeZone: 'Mars/Olympus_Mons' }],
    ['quietHours.start', { quietHours: { start: '24:00', end: '08:00' } }],
    ['quietHours.end', { quietHours: { start: '21:00', end: '8:00' } }],
    ['touchpoints.checkout.fatigueDays', { touchpoints: { checkout: { fatigueDays: -1 } } }],
    ['touchpoints.checkout.reminderAfterDays', { touchpoints: { checkout: { reminderAfterDays: 0 } } }],
  ])('names %s when it is wrong', (path, input) => {
    // Prepare
    const policy = structuredClone(input);

    // Act
    const paths = issuePathsOf(policy);

    // Assess
    expect(paths).toEqual([path]);
  });

  it('explains a time zone it does not know', () => {
    // Prepare
    const input = { timeZone: 'Europe/Pariss' };

    // Act
    const result = ContactPolicySchema.safeParse(input);

    // Assess
    expect(result.error?.issues[0]?.message).toBe('must be an IANA time zone such as Europe/Paris');
  });

  it('refuses a field it does not know, at the top and in a touchpoint', () => {
    // Prepare
    const input = { quietHour: null, touchpoints: { checkout: { delay: 60 } } };

    // Act
    const result = ContactPolicySchema.safeParse(input);

    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.code)).toEqual([
      'unrecognized_keys',
      'unrecognized_keys',
    ]);
  });

  it('refuses an empty touchpoint name', () => {
    // Prepare
    const input = { touchpoints: { '': { delaySeconds: 60 } } };

    // Act
    const result = ContactPolicySchema.safeParse(input);

    // Assess
    expect(result.success).toBe(false);
  });
});

describe('LocalTimeSchema', () => {
  it.each(['00:00', '08:00', '21:00', '23:59'])('accepts %s', (time) => {
    // Act
    const result = LocalTimeSchema.safeParse(time);

    // Assess
    expect(result.success).toBe(true);
  });

  it.each(['24:00', '8:00', '08:60', '08:00:00', ' 08:00', ''])('refuses %j', (time) => {
    // Act
    const result = LocalTimeSchema.safeParse(time);

    // Assess
    expect(result.error?.issues[0]?.message).toBe('must be a local time such as 21:00');
  });
});

describe('QuietHoursSchema', () => {
  it('refuses quiet hours that start when they end, naming end', () => {
    // Prepare
    const input = { start: '21:00', end: '21:00' };

    // Act
    const result = QuietHoursSchema.safeParse(input);

    // Assess
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['end']]);
    expect(result.error?.issues[0]?.message).toBe(
      'must differ from start; set quietHours to null for no quiet hours',
    );
  });

  it.each([NIGHT, { start: '12:00', end: '13:00' }])('accepts %j', (quietHours) => {
    // Act
    const result = QuietHoursSchema.safeParse(quietHours);

    // Assess
    expect(result.success).toBe(true);
  });
});

describe('rulesFor', () => {
  const policy = policyOf({
    delaySeconds: 600,
    fatigueDays: 14,
    reminderAfterDays: 3,
    touchpoints: {
      checkout: { delaySeconds: 0 },
      support: { fatigueDays: 0, reminderAfterDays: null },
      onboarding: { reminderAfterDays: 7 },
    },
  });

  it('takes the stage rules for a touchpoint without overrides', () => {
    // Act
    const rules = rulesFor(policy, 'delivery');

    // Assess
    expect(rules).toEqual({ delaySeconds: 600, fatigueDays: 14, reminderAfterDays: 3 });
  });

  it('overrides only the fields a touchpoint sets, zero included', () => {
    // Act
    const rules = rulesFor(policy, 'checkout');

    // Assess
    expect(rules).toEqual({ delaySeconds: 0, fatigueDays: 14, reminderAfterDays: 3 });
  });

  it('switches the stage reminder off for a touchpoint that sets it to null', () => {
    // Act
    const rules = rulesFor(policy, 'support');

    // Assess
    expect(rules).toEqual({ delaySeconds: 600, fatigueDays: 0, reminderAfterDays: null });
  });

  it('replaces the stage reminder with the touchpoint one', () => {
    // Act
    const rules = rulesFor(policy, 'onboarding');

    // Assess
    expect(rules.reminderAfterDays).toBe(7);
  });

  it('ignores Object.prototype names', () => {
    // Act
    const rules = rulesFor(policy, 'constructor');

    // Assess
    expect(rules).toEqual({ delaySeconds: 600, fatigueDays: 14, reminderAfterDays: 3 });
  });
});

describe('fatigueSince', () => {
  const policy = policyOf({ fatigueDays: 14, touchpoints: { support: { fatigueDays: 0 } } });
  const now = new Date('2026-11-20T12:00:00.000Z');

  it('blocks a send to the same person within the days, by another invitation', () => {
    const since = fatigueSince(policy, 'delivery', now);

    expect(isFatigued({ at: '2026-11-10T12:00:00.000Z', invitationId: 'other' }, 'me', since)).toBe(true);
    expect(isFatigued({ at: '2026-11-01T12:00:00.000Z', invitationId: 'other' }, 'me', since)).toBe(false);
  });

  it('blocks nothing with fatigueDays 0, not even a send made an instant after the clock was read', () => {
    const since = fatigueSince(policy, 'support', now);

    expect(isFatigued({ at: '2026-11-20T12:00:00.005Z', invitationId: 'other' }, 'me', since)).toBe(false);
    // As the contact ledger's claim compares them, by their ISO text.
    expect('2026-11-20T12:00:00.005Z' <= since.toISOString()).toBe(true);
  });
});

describe('zoneFor', () => {
  const policy = policyOf({ timeZone: 'Europe/Paris' });

  it('takes the customer zone when there is one', () => {
    // Act
    const zone = zoneFor('Asia/Tokyo', policy);

    // Assess
    expect(zone).toBe('Asia/Tokyo');
  });

  it.each([undefined, '', 'Not/A_Zone'])('falls back to the policy zone for %j', (customerTimeZone) => {
    // Act
    const zone = zoneFor(customerTimeZone, policy);

    // Assess
    expect(zone).toBe('Europe/Paris');
  });
});

describe('isQuietAt', () => {
  it.each([
    ['2026-11-26T01:59:00Z', '20:59', false],
    ['2026-11-26T02:00:00Z', '21:00', true],
    ['2026-11-26T12:59:59Z', '07:59:59', true],
    ['2026-11-26T13:00:00Z', '08:00', false],
  ])('in New York at %s (%s EST) is quiet: %s', (instant, _local, quiet) => {
    // Act
    const result = isQuietAt(at(instant), NIGHT, 'America/New_York');

    // Assess
    expect(result).toBe(quiet);
  });

  it('is never quiet without quiet hours', () => {
    // Act
    const result = isQuietAt(at('2026-11-26T03:00:00Z'), null, 'UTC');

    // Assess
    expect(result).toBe(false);
  });

  it('judges the same instant by each zone clock', () => {
    // Prepare
    const evening = at('2026-11-26T13:00:00Z');

    // Act
    const inTokyo = isQuietAt(evening, NIGHT, 'Asia/Tokyo');
    const inUtc = isQuietAt(evening, NIGHT, 'UTC');

    // Assess
    expect(inTokyo).toBe(true);
    expect(inUtc).toBe(false);
  });

  it('starts quiet hours on the quarter hour in Kathmandu (+05:45)', () => {
    // Act
    const before = isQuietAt(at('2026-11-26T15:14:59Z'), NIGHT, 'Asia/Kathmandu');
    const on = isQuietAt(at('2026-11-26T15:15:00Z'), NIGHT, 'Asia/Kathmandu');

    // Assess
    expect(before).toBe(false);
    expect(on).toBe(true);
  });

  it('refuses a zone it does not know', () => {
    // Act
    const act = () => isQuietAt(at('2026-11-26T03:00:00Z'), NIGHT, 'Mars/Olympus_Mons');

    // Assess
    expect(act).toThrow(RangeError);
  });
});

describe('nextAllowedTime', () => {
  it.each<{ name: string; instant: string; quietHours: QuietHours | null; zone: string; expected: string }>([
    {
      name: 'leaves every instant as it is without quiet hours',
      instant: '2026-11-26T05:00:00Z',
      quietHours: null,
      zone: 'America/New_York',
      expected: '2026-11-26T05:00:00.000Z',
    },
    {
      name: 'holds a send at 23:00 in New York until 08:00 the next morning',
      instant: '2026-11-26T04:00:00Z',
      quietHours: { start: '21:00', end: '08:00' },
      zone: 'America/New_York',
      expected: '2026-11-26T13:00:00.000Z',
    },
    {
      name: 'holds a send after midnight until 08:00 the same morning',
      instant: '2026-11-26T08:30:00Z',
      quietHours: { start: '21:00', end: '08:00' },
      zone: 'America/New_York',
      expected: '2026-11-26T13:00:00.000Z',
    },
    {
      name: 'leaves an instant outside quiet hours as it is',
      instant: '2026-11-26T19:17:42.123Z',
      quietHours: { start: '21:00', end: '08:00' },
      zone: 'America/New_York',
      expected: '2026-11-26T19:17:42.123Z',
    },
    {
      name: 'holds a send overnight across the spring forward in New York until 08:00 local',
      instant: '2026-03-08T02:00:00Z',
      quietHours: { start: '21:00', end: '08:00' },
      zone: 'America/New_York',
      expected: '2026-03-08T12:00:00.000Z',
    },
    {
      name: 'holds a send overnight across the fall back in New York until 08:00 local',
      instant: '2026-11-01T01:00:00Z',
      quietHours: { start: '21:00', end: '08:00' },
      zone: 'America/New_York',
      expected: '2026-11-01T13:00:00.000Z',
    },
    {
      name: 'keeps the repeated hour quiet when quiet hours start at its first showing',
      instant: '2026-11-01T06:10:00Z',
      quietHours: { start: '01:30', end: '06:00' },
      zone: 'America/New_York',
      expected: '2026-11-01T11:00:00.000Z',
    },
    {
      name: 'holds a send a further day when spring forward skips all the allowed time (02:10-02:40)',
      instant: '2026-03-07T12:00:00Z',
      quietHours: { start: '02:40', end: '02:10' },
      zone: 'America/New_York',
      expected: '2026-03-09T06:10:00.000Z',
    },
    {
      name: 'holds a send overnight across the spring forward in London until 08:00 local',
      instant: '2026-03-28T22:00:00Z',
      quietHours: { start: '21:00', end: '08:00' },
      zone: 'Europe/London',
      expected: '2026-03-29T07:00:00.000Z',
    },
    {
      name: 'holds a send overnight across the fall back in London until 08:00 local',
      instant: '2026-10-24T21:00:00Z',
      quietHours: { start: '21:00', end: '08:00' },
      zone: 'Europe/London',
      expected: '2026-10-25T08:00:00.000Z',
    },
    {
      name: 'ends quiet hours inside the skipped hour in London at 02:00 BST',
      instant: '2026-03-29T00:30:00Z',
      quietHours: { start: '22:00', end: '01:30' },
      zone: 'Europe/London',
      expected: '2026-03-29T01:00:00.000Z',
    },
    {
      name: 'ends quiet hours inside Lord Howe half-hour skip when the clocks jump (02:30 +11)',
      instant: '2026-10-03T12:00:00Z',
      quietHours: { start: '22:00', end: '02:15' },
      zone: 'Australia/Lord_Howe',
      expected: '2026-10-03T15:30:00.000Z',
    },
    {
      name: 'holds a send in Asia/Kolkata until 08:00 local',
      instant: '2026-11-26T16:00:00Z',
      quietHours: { start: '21:00', end: '08:00' },
      zone: 'Asia/Kolkata',
      expected: '2026-11-27T02:30:00.000Z',
    },
    {
      name: 'holds a send in Asia/Kathmandu until 08:00 local',
      instant: '2026-11-26T16:00:00Z',
      quietHours: { start: '21:00', end: '08:00' },
      zone: 'Asia/Kathmandu',
      expected: '2026-11-27T02:15:00.000Z',
    },
    {
      name: 'holds a send in Asia/Tokyo until 08:00 local',
      instant: '2026-11-26T13:00:00Z',
      quietHours: { start: '21:00', end: '08:00' },
      zone: 'Asia/Tokyo',
      expected: '2026-11-26T23:00:00.000Z',
    },
  ])('$name', ({ instant, quietHours, zone, expected }) => {
    // Act
    const next = nextAllowedTime(at(instant), quietHours, zone);

    // Assess
    expect(next.toISOString()).toBe(expected);
  });

  it.each([
    {
      name: 'ends quiet hours whose end is skipped by spring forward when the clocks jump (03:00 EDT)',
      quietHours: { start: '22:00', end: '02:30' },
      evening: '2026-03-08T04:00:00Z',
      expected: '2026-03-08T07:00:00.000Z',
      probe: '2026-03-08T06:59:59.999Z',
      probeQuiet: true,
    },
    {
      name: 'ends quiet hours whose end repeats at fall back at its first showing (01:30 EDT)',
      quietHours: { start: '22:00', end: '01:30' },
      evening: '2026-11-01T03:00:00Z',
      expected: '2026-11-01T05:30:00.000Z',
      probe: '2026-11-01T06:10:00Z',
      probeQuiet: false,
    },
  ])('$name', ({ quietHours, evening, expected, probe, probeQuiet }) => {
    // Act
    const next = nextAllowedTime(at(evening), quietHours, 'America/New_York');
    const probed = isQuietAt(at(probe), quietHours, 'America/New_York');

    // Assess
    expect(next.toISOString()).toBe(expected);
    expect(probed).toBe(probeQuiet);
  });

  it('keeps the repeated hour quiet in Beirut, where clocks fall back from midnight to 23:00', () => {
    // Prepare
    const quietHours = { start: '23:30', end: '06:00' };
    const repeated2310 = at('2026-10-24T21:10:00Z');

    // Act
    const quiet = isQuietAt(repeated2310, quietHours, 'Asia/Beirut');
    const beforeFirst2330 = isQuietAt(at('2026-10-24T20:29:59Z'), quietHours, 'Asia/Beirut');
    const next = nextAllowedTime(repeated2310, quietHours, 'Asia/Beirut');

    // Assess
    expect(quiet).toBe(true);
    expect(beforeFirst2330).toBe(false);
    expect(next.toISOString()).toBe('2026-10-25T04:00:00.000Z');
  });

  it.each([
    ['2026-11-26T11:59:00Z', '2026-11-26T11:59:00.000Z'],
    ['2026-11-26T12:00:00Z', '2026-11-26T13:00:00.000Z'],
    ['2026-11-26T12:30:00Z', '2026-11-26T13:00:00.000Z'],
    ['2026-11-26T13:00:00Z', '2026-11-26T13:00:00.000Z'],
    ['2026-11-26T23:00:00Z', '2026-11-26T23:00:00.000Z'],
  ])('at %s in UTC with quiet hours 12:00-13:00 answers %s', (instant, expected) => {
    // Prepare
    const lunch = { start: '12:00', end: '13:00' };

    // Act
    const next = nextAllowedTime(at(instant), lunch, 'UTC');

    // Assess
    expect(next.toISOString()).toBe(expected);
  });

  it('refuses quiet hours that start when they end rather than never returning', () => {
    // Act
    const act = () => nextAllowedTime(at('2026-11-26T12:00:00Z'), { start: '12:00', end: '12:00' }, 'UTC');

    // Assess
    expect(act).toThrow(RangeError);
  });

  it('answers the first instant out of quiet hours, for any zone, instant and window', () => {
    const zones = [
      'UTC',
      'America/New_York',
      'America/Santiago',
      'America/St_Johns',
      'Europe/London',
      'Europe/Paris',
      'Asia/Beirut',
      'Asia/Kolkata',
      'Asia/Kathmandu',
      'Asia/Tokyo',
      'Australia/Lord_Howe',
      'Pacific/Chatham',
    ];
    const localTime = fc
      .integer({ min: 0, max: 1439 })
      .map(
        (minutes) =>
          `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
      );
    const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));

    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2035-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...zones),
        fc.tuple(localTime, localTime).filter(([start, end]) => start !== end),
        (instant, zone, [start, end]) => {
          const quietHours = { start, end };
          const next = nextAllowedTime(instant, quietHours, zone);

          const held = next.getTime() - instant.getTime();
          expect(held).toBeGreaterThanOrEqual(0);
          expect(isQuietAt(next, quietHours, zone)).toBe(false);
          if (!isQuietAt(instant, quietHours, zone)) expect(held).toBe(0);
          // Nothing earlier would do: the millisecond before the answer is still quiet.
          if (held > 0) expect(isQuietAt(new Date(next.getTime() - 1), quietHours, zone)).toBe(true);
          // Clocks skip at most an hour, so only allowed time of an hour or less can vanish for a day.
          const allowedMinutes = (minutesOf(start) - minutesOf(end) + 1440) % 1440;
          expect(held).toBeLessThanOrEqual(allowedMinutes > 60 ? 25 * HOUR_MS : 49 * HOUR_MS);
        },
      ),
    );
  });
});

describe('scheduleInvitation', () => {
  const policy = policyOf({
    delaySeconds: 3600,
    timeZone: 'UTC',
    touchpoints: { checkout: { delaySeconds: 0 }, delivery: { delaySeconds: 2 * 86_400 } },
  });

  it.each<{
    name: string;
    occurredAt: string;
    now: string;
    touchpoint: string;
    customerTimeZone?: string;
    expected: string;
  }>([
    {
      name: 'waits the delay after the interaction',
      occurredAt: '2026-11-26T10:00:00Z',
      now: '2026-11-26T10:00:05Z',
      touchpoint: 'support',
      expected: '2026-11-26T11:00:00.000Z',
    },
    {
      name: 'never schedules before now when the interaction is long past',
      occurredAt: '2026-11-20T10:00:00Z',
      now: '2026-11-26T10:00:05Z',
      touchpoint: 'support',
      expected: '2026-11-26T10:00:05.000Z',
    },
    {
      name: 'takes the checkout touchpoint delay',
      occurredAt: '2026-11-26T10:00:00Z',
      now: '2026-11-26T10:00:00Z',
      touchpoint: 'checkout',
      expected: '2026-11-26T10:00:00.000Z',
    },
    {
      name: 'takes the delivery touchpoint delay',
      occurredAt: '2026-11-26T10:00:00Z',
      now: '2026-11-26T10:00:00Z',
      touchpoint: 'delivery',
      expected: '2026-11-28T10:00:00.000Z',
    },
    {
      name: 'moves a send due in the policy zone quiet hours to their end',
      occurredAt: '2026-11-26T20:30:00Z',
      now: '2026-11-26T20:30:00Z',
      touchpoint: 'support',
      expected: '2026-11-27T08:00:00.000Z',
    },
    {
      name: 'sends at once in the customer morning while the policy zone is still quiet',
      occurredAt: '2026-11-26T22:30:00Z',
      now: '2026-11-26T22:30:00Z',
      touchpoint: 'support',
      customerTimeZone: 'Asia/Tokyo',
      expected: '2026-11-26T23:30:00.000Z',
    },
  ])('$name', ({ occurredAt, now, touchpoint, customerTimeZone, expected }) => {
    // Prepare
    const input = { occurredAt: at(occurredAt), now: at(now), touchpoint, customerTimeZone };

    // Act
    const sendAt = scheduleInvitation(input, policy);

    // Assess
    expect(sendAt.toISOString()).toBe(expected);
  });

  it('judges quiet hours by the customer zone across the time-zone boundary', () => {
    // Prepare
    const inTokyo = {
      occurredAt: at('2026-11-26T12:00:00Z'),
      now: at('2026-11-26T12:00:00Z'),
      touchpoint: 'support',
      customerTimeZone: 'Asia/Tokyo',
    };
    const inUtc = { ...inTokyo, customerTimeZone: undefined };

    // Act
    const tokyoSendAt = scheduleInvitation(inTokyo, policy);
    const utcSendAt = scheduleInvitation(inUtc, policy);

    // Assess
    expect(tokyoSendAt.toISOString()).toBe('2026-11-26T23:00:00.000Z');
    expect(utcSendAt.toISOString()).toBe('2026-11-26T13:00:00.000Z');
  });
});
