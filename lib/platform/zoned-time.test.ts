import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstInstantAt, isTimeZone, timeZoneNamed, wallTimeAt } from './zoned-time.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

const instantOf = (iso: string): number => Date.parse(iso);
/** A wall time written as an ISO date-time without an offset. */
const wallOf = (local: string): number => Date.parse(`${local}Z`);
const isoOf = (instant: number): string => new Date(instant).toISOString();

describe('isTimeZone', () => {
  it.each([
    'UTC',
    'America/New_York',
    'Asia/Kathmandu',
    'Australia/Lord_Howe',
    'US/Eastern',
    'Etc/GMT+5',
    'america/new_york',
  ])('knows %s', (zone) => {
    // Act
    const known = isTimeZone(zone);

    // Assess
    expect(known).toBe(true);
  });

  it.each(['', 'Mars/Olympus_Mons', 'Europe/Pariss', 'UTC+5', ' UTC'])('does not know %j', (zone) => {
    // Act
    const known = isTimeZone(zone);

    // Assess
    expect(known).toBe(false);
  });

  it('knows every zone the runtime lists', () => {
    // Act
    const unknown = Intl.supportedValuesOf('timeZone').filter((zone) => !isTimeZone(zone));

    // Assess
    expect(unknown).toEqual([]);
  });
});

describe('timeZoneNamed', () => {
  it('refuses a zone it does not know', () => {
    // Act
    const act = () => timeZoneNamed('Mars/Olympus_Mons');

    // Assess
    expect(act).toThrow(new RangeError('Mars/Olympus_Mons is not an IANA time zone'));
  });

  it('keeps the name it was given', () => {
    // Act
    const zone = timeZoneNamed('Europe/Paris');

    // Assess
    expect(zone.name).toBe('Europe/Paris');
  });
});

describe('offsetAt', () => {
  it.each([
    ['UTC', '2026-07-15T12:00:00Z', 0],
    ['America/New_York', '2026-01-15T12:00:00Z', -5 * 60],
    ['America/New_York', '2026-07-15T12:00:00Z', -4 * 60],
    ['America/St_Johns', '2026-01-15T12:00:00Z', -(3 * 60 + 30)],
    ['Asia/Kolkata', '2026-07-15T12:00:00Z', 5 * 60 + 30],
    ['Asia/Kathmandu', '2026-07-15T12:00:00Z', 5 * 60 + 45],
    ['Australia/Lord_Howe', '2026-01-15T12:00:00Z', 11 * 60],
    ['Australia/Lord_Howe', '2026-07-15T12:00:00Z', 10 * 60 + 30],
    ['Pacific/Chatham', '2026-01-15T12:00:00Z', 13 * 60 + 45],
    ['Pacific/Chatham', '2026-07-15T12:00:00Z', 12 * 60 + 45],
    ['Pacific/Kiritimati', '2026-07-15T12:00:00Z', 14 * 60],
    ['Etc/GMT+5', '2026-07-15T12:00:00Z', -5 * 60],
    ['America/New_York', '1969-12-31T23:59:59.500Z', -5 * 60],
  ])('in %s at %s is %d minutes', (zone, iso, minutes) => {
    // Act
    const offset = timeZoneNamed(zone).offsetAt(instantOf(iso));

    // Assess
    expect(offset).toBe(minutes * MINUTE_MS);
  });

  it('keeps local mean time to the second (Paris, 1900: +00:09:21)', () => {
    // Act
    const offset = timeZoneNamed('Europe/Paris').offsetAt(instantOf('1900-01-01T00:00:00Z'));

    // Assess
    expect(offset).toBe((9 * 60 + 21) * 1000);
  });

  it.each([['0050-06-01T12:00:00Z'], ['-000100-06-01T12:00:00Z']])(
    'reads years before 100 as they are: %s',
    (iso) => {
      // Act
      const offset = timeZoneNamed('UTC').offsetAt(instantOf(iso));

      // Assess
      expect(offset).toBe(0);
    },
  );

  it('is a whole number of seconds, under a day, and the same all through a second', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Intl.supportedValuesOf('timeZone')),
        fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(2100, 0, 1) }),
        (name, instant) => {
          const zone = timeZoneNamed(name);
          const offset = zone.offsetAt(instant);
          const second = Math.floor(instant / 1000) * 1000;

          expect(Number.isInteger(offset / 1000)).toBe(true);
          expect(Math.abs(offset)).toBeLessThan(DAY_MS);
          expect(zone.offsetAt(second)).toBe(offset);
          expect(zone.offsetAt(second + 999)).toBe(offset);
        },
      ),
    );
  });
});

describe('wallTimeAt', () => {
  it('reads midnight as 00:00 of the new day, never 24:00', () => {
    // Act
    const wall = wallTimeAt(timeZoneNamed('America/New_York'), instantOf('2026-11-26T05:00:00.250Z'));

    // Assess
    expect(isoOf(wall)).toBe('2026-11-26T00:00:00.250Z');
  });

  it('reads the clock forward an hour across spring forward in New York', () => {
    // Prepare
    const zone = timeZoneNamed('America/New_York');

    // Act
    const before = wallTimeAt(zone, instantOf('2026-03-08T06:59:59.999Z'));
    const after = wallTimeAt(zone, instantOf('2026-03-08T07:00:00Z'));

    // Assess
    expect(isoOf(before)).toBe('2026-03-08T01:59:59.999Z');
    expect(isoOf(after)).toBe('2026-03-08T03:00:00.000Z');
  });
});

describe('firstInstantAt', () => {
  it.each([
    // America/New_York, 2026-03-08: 02:00 EST jumps to 03:00 EDT (07:00Z).
    ['America/New_York', '2026-03-08T01:59', '2026-03-08T06:59:00.000Z'],
    ['America/New_York', '2026-03-08T02:00', '2026-03-08T07:00:00.000Z'],
    ['America/New_York', '2026-03-08T02:30', '2026-03-08T07:00:00.000Z'],
    ['America/New_York', '2026-03-08T03:00', '2026-03-08T07:00:00.000Z'],
    // America/New_York, 2026-11-01: 02:00 EDT falls back to 01:00 EST (06:00Z); 01:00-01:59 twice.
    ['America/New_York', '2026-11-01T01:00', '2026-11-01T05:00:00.000Z'],
    ['America/New_York', '2026-11-01T01:30', '2026-11-01T05:30:00.000Z'],
    ['America/New_York', '2026-11-01T02:00', '2026-11-01T07:00:00.000Z'],
    // Europe/London, 2026: 01:00 GMT jumps to 02:00 BST on 03-29; 02:00 BST falls back on 10-25.
    ['Europe/London', '2026-03-29T01:30', '2026-03-29T01:00:00.000Z'],
    ['Europe/London', '2026-10-25T01:30', '2026-10-25T00:30:00.000Z'],
    // Australia/Lord_Howe moves by half an hour: 02:00 +10:30 jumps to 02:30 +11 on 2026-10-04,
    // 02:00 +11 falls back to 01:30 +10:30 on 2026-04-05.
    ['Australia/Lord_Howe', '2026-10-04T02:15', '2026-10-03T15:30:00.000Z'],
    ['Australia/Lord_Howe', '2026-04-05T01:45', '2026-04-04T14:45:00.000Z'],
    // Pacific/Chatham: 02:45 +12:45 jumps to 03:45 +13:45 on 2026-09-27.
    ['Pacific/Chatham', '2026-09-27T03:00', '2026-09-26T14:00:00.000Z'],
    // Asia/Beirut changes at midnight: 00:00 +02 jumps to 01:00 +03 on 2026-03-29; on 2026-10-25 00:00
    // +03 falls back to 23:00 +02 on the 24th, so 23:30 on the 24th happens twice and 00:00 once.
    ['Asia/Beirut', '2026-03-29T00:30', '2026-03-28T22:00:00.000Z'],
    ['Asia/Beirut', '2026-10-24T23:30', '2026-10-24T20:30:00.000Z'],
    ['Asia/Beirut', '2026-10-25T00:00', '2026-10-24T22:00:00.000Z'],
    // Pacific/Apia skipped 2011-12-30 whole, from -10 to +14.
    ['Pacific/Apia', '2011-12-30T12:00', '2011-12-30T10:00:00.000Z'],
  ])('in %s finds %s at %s', (zone, local, expected) => {
    // Act
    const instant = firstInstantAt(timeZoneNamed(zone), wallOf(local));

    // Assess
    expect(isoOf(instant)).toBe(expected);
  });

  const zones = fc.constantFrom(...Intl.supportedValuesOf('timeZone'));
  const moments = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) });

  it('round-trips a clock reading to its first showing', () => {
    fc.assert(
      fc.property(zones, moments, (name, instant) => {
        const zone = timeZoneNamed(name);
        const wall = wallTimeAt(zone, instant);

        const first = firstInstantAt(zone, wall);

        expect(wallTimeAt(zone, first)).toBe(wall);
        // The instant itself, or the same reading earlier, before the clocks went back.
        if (first !== instant) {
          expect(first).toBeLessThan(instant);
          expect(zone.offsetAt(first) - zone.offsetAt(instant)).toBe(instant - first);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('answers the first instant whose clock reads the wall time or later, for any wall time', () => {
    fc.assert(
      fc.property(zones, moments, (name, wall) => {
        const zone = timeZoneNamed(name);

        const first = firstInstantAt(zone, wall);

        expect(wallTimeAt(zone, first - 1)).toBeLessThan(wall);
        const reads = wallTimeAt(zone, first);
        expect(reads).toBeGreaterThanOrEqual(wall);
        // Later only when the clocks skipped the wall time: they jumped forward at that very instant.
        if (reads !== wall) expect(zone.offsetAt(first)).toBeGreaterThan(zone.offsetAt(first - 1));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds skipped and repeated times at every change in New York, London and Lord Howe, 2020-2035', () => {
    for (const name of ['America/New_York', 'Europe/London', 'Australia/Lord_Howe']) {
      // Prepare
      const zone = timeZoneNamed(name);
      const changes: number[] = [];
      for (let at = Date.UTC(2020, 0, 1); at < Date.UTC(2036, 0, 1); at += HOUR_MS) {
        if (zone.offsetAt(at) !== zone.offsetAt(at + HOUR_MS)) {
          // Every change here is on a whole quarter hour.
          for (let change = at + 15 * MINUTE_MS; change <= at + HOUR_MS; change += 15 * MINUTE_MS) {
            if (zone.offsetAt(change) !== zone.offsetAt(change - 1)) changes.push(change);
          }
        }
      }

      for (const change of changes) {
        const shift = zone.offsetAt(change) - zone.offsetAt(change - 1);
        // The reading the clock would have reached at the change, had it not changed.
        const unchanged = wallTimeAt(zone, change - 1) + 1;

        // Act
        const inside = firstInstantAt(zone, unchanged + shift / 2);

        // Assess
        // Forward: the middle of the skipped stretch maps to the jump. Back: the middle of the repeated
        // stretch to its first showing, before the change.
        expect(inside).toBe(shift > 0 ? change : change + shift / 2);
      }
      expect(changes).toHaveLength(32);
    }
  });
});
