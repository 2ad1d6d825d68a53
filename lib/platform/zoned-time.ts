/*
 * Time-zone arithmetic on Intl alone: the runtime already carries the IANA database, so no date
 * library need ride along in every bundle that decides quiet hours.
 *
 * A wall time is a local clock reading written as milliseconds since 1970-01-01T00:00 on that clock,
 * so plain Date arithmetic works on it (a day is 86,400,000 ms of wall time, whatever the clocks do).
 */

const DAY_MS = 86_400_000;

/** Zones kept by the name asked for: bounded, as names come from events and Intl takes any casing. */
const MAX_CACHED_ZONES = 1024;

/** A time zone Intl knows, ready to read clocks in. */
export interface TimeZone {
  /** The name it was asked for, as given. */
  readonly name: string;
  /** The local clock's reading minus UTC at `instant`, in milliseconds: a whole number of seconds. */
  offsetAt(instant: number): number;
}

const zones = new Map<string, TimeZone>();

/** The formatter that reads clocks in `zone`, or undefined when Intl does not know the zone. */
const formatterFor = (zone: string): Intl.DateTimeFormat | undefined => {
  // An empty name is no zone, whatever a runtime might make of it.
  if (zone === '') return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      // h23: midnight reads 00, never 24 (some runtimes read hour12: false as h24).
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    // RangeError: not a time zone Intl knows.
    return undefined;
  }
};

/** The wall time a formatter reads at `instant`, to the second. */
const secondsOnClock = (formatter: Intl.DateTimeFormat, instant: number): number => {
  let year = Number.NaN;
  let month = Number.NaN;
  let day = Number.NaN;
  let hour = Number.NaN;
  let minute = Number.NaN;
  let second = Number.NaN;
  let beforeCommonEra = false;
  for (const part of formatter.formatToParts(instant)) {
    if (part.type === 'year') year = Number(part.value);
    else if (part.type === 'month') month = Number(part.value);
    else if (part.type === 'day') day = Number(part.value);
    else if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
    else if (part.type === 'second') second = Number(part.value);
    else if (part.type === 'era') beforeCommonEra = part.value === 'BC';
  }
  const wall = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999. 1 BC is year 0.
  wall.setUTCFullYear(beforeCommonEra ? 1 - year : year, month - 1, day);
  wall.setUTCHours(hour, minute, second, 0);
  return wall.getTime();
};

const zoneOf = (name: string, formatter: Intl.DateTimeFormat): TimeZone => ({
  name,
  offsetAt: (instant) => {
    // The clock is read to the second, so compare it with the instant's second (floored, also before 1970).
    const second = instant - (((instant % 1000) + 1000) % 1000);
    return secondsOnClock(formatter, second) - second;
  },
});

/**
 * The zone named `zone`, or undefined when Intl does not know it.
 * A formatter is costly to make, so each zone's is made once.
 */
const findZone = (zone: string): TimeZone | undefined => {
  const cached = zones.get(zone);
  if (cached !== undefined) return cached;
  const formatter = formatterFor(zone);
  if (formatter === undefined) return undefined;
  if (zones.size >= MAX_CACHED_ZONES) zones.clear();
  const found = zoneOf(zone, formatter);
  zones.set(zone, found);
  return found;
};

/**
 * True when Intl knows `zone`: an IANA name such as Europe/Paris or one of its aliases (US/Eastern,
 * Etc/GMT+5, UTC). Names are matched without regard to case, as Intl matches them.
 */
export const isTimeZone = (zone: string): boolean => findZone(zone) !== undefined;

/** The zone named `zone`; a RangeError when Intl does not know it. */
export const timeZoneNamed = (zone: string): TimeZone => {
  const found = findZone(zone);
  if (found === undefined) throw new RangeError(`${zone} is not an IANA time zone`);
  return found;
};

/** The local wall-clock reading of an instant in `zone`. */
export const wallTimeAt = (zone: TimeZone, instant: number): number => instant + zone.offsetAt(instant);

/**
 * The first instant at which the clock in `zone` reads `wall` or later, near `wall`:
 * - a wall time that happens once: that instant;
 * - one that happens twice, as clocks fall back: its earlier showing;
 * - one the clocks skip, as they spring forward: the instant they jump past it.
 */
export const firstInstantAt = (zone: TimeZone, wall: number): number => {
  // A day either side reaches past any offset in use, so a change near `wall` lies between the two.
  const before = zone.offsetAt(wall - DAY_MS);
  const after = zone.offsetAt(wall + DAY_MS);
  const showings = [wall - before, wall - after].filter((instant) => wallTimeAt(zone, instant) === wall);
  if (showings.length > 0) return Math.min(...showings);
  // The clocks skipped `wall`: find the moment they jumped, between the two readings' instants.
  let skipped = Math.min(wall - before, wall - after);
  let jumped = Math.max(wall - before, wall - after);
  const old = zone.offsetAt(skipped);
  while (jumped - skipped > 1) {
    const middle = skipped + Math.floor((jumped - skipped) / 2);
    if (zone.offsetAt(middle) === old) skipped = middle;
    else jumped = middle;
  }
  return jumped;
};
