import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayOf, previousWindowOf, WINDOW_DAYS, type Window, windowDays } from './window.js';

const daysBetweenInclusive = (from: string, to: string): number =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;

/** Any window, on any instant of a wide range of years. */
const windowAndNow = [
  fc.constantFrom<Window>('7d', '30d', '90d'),
  fc.date({
    min: new Date('1990-01-01T00:00:00Z'),
    max: new Date('2100-12-31T23:59:59Z'),
    noInvalidDate: true,
  }),
] as const;

describe('windowDays', () => {
  it.each([
    ['7d', '2026-11-20'],
    ['30d', '2026-10-28'],
    ['90d', '2026-08-29'],
  ] as const)('ends %s today and starts it on %s', (window, from) => {
    // Prepare
    const now = new Date('2026-11-26T10:04:00Z');

    // Act
    const days = windowDays(window, now);

    // Assess
    expect(days).toEqual({ from, to: '2026-11-26' });
  });

  it('takes today as the UTC day, whatever the hour', () => {
    // Prepare
    const lateEvening = new Date('2026-11-26T23:59:59.999Z');
    const earlyMorning = new Date('2026-11-27T00:00:00.000Z');

    // Act
    const before = windowDays('7d', lateEvening);
    const after = windowDays('7d', earlyMorning);

    // Assess
    expect(before).toEqual({ from: '2026-11-20', to: '2026-11-26' });
    expect(after).toEqual({ from: '2026-11-21', to: '2026-11-27' });
  });

  it.each([
    {
      name: 'reaches back over a year boundary',
      now: '2027-01-03T08:00:00Z',
      from: '2026-12-28',
      to: '2027-01-03',
    },
    { name: 'counts a leap day', now: '2028-03-02T12:00:00Z', from: '2028-02-25', to: '2028-03-02' },
    {
      name: 'skips February 29 in a common year',
      now: '2027-03-02T12:00:00Z',
      from: '2027-02-24',
      to: '2027-03-02',
    },
  ])('$name', ({ now, from, to }) => {
    // Act
    const days = windowDays('7d', new Date(now));

    // Assess
    expect(days).toEqual({ from, to });
  });

  it('spans exactly the window length in days, today included', () => {
    fc.assert(
      fc.property(...windowAndNow, (window, now) => {
        // Act
        const { from, to } = windowDays(window, now);

        // Assess
        expect(to).toBe(now.toISOString().slice(0, 10));
        expect(daysBetweenInclusive(from, to)).toBe(WINDOW_DAYS[window]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('addDays', () => {
  it.each([
    { day: '2026-01-31', days: 1, expected: '2026-02-01' },
    { day: '2026-02-28', days: 1, expected: '2026-03-01' },
    { day: '2028-02-28', days: 1, expected: '2028-02-29' },
    { day: '2028-02-29', days: 1, expected: '2028-03-01' },
    { day: '2026-12-31', days: 1, expected: '2027-01-01' },
    { day: '2027-01-01', days: -1, expected: '2026-12-31' },
    { day: '2028-03-01', days: -1, expected: '2028-02-29' },
    { day: '2026-11-26', days: 0, expected: '2026-11-26' },
    { day: '2026-11-26', days: 365, expected: '2027-11-26' },
    { day: '2028-01-01', days: 366, expected: '2029-01-01' },
  ] as const)('moves $day by $days days to $expected', ({ day, days, expected }) => {
    // Act
    const result = addDays(day, days);

    // Assess
    expect(result).toBe(expected);
  });

  it('undoes itself with the opposite count', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1990-01-01T00:00:00Z'),
          max: new Date('2100-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: -1000, max: 1000 }),
        (instant, days) => {
          // Prepare
          const day = dayOf(instant);

          // Act
          const there = addDays(day, days);
          const back = addDays(there, -days);

          // Assess
          expect(back).toBe(day);
          expect(daysBetweenInclusive(day, there) - 1).toBe(days);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('dayOf', () => {
  it('answers the UTC calendar day of an instant', () => {
    // Prepare
    const instant = new Date('2026-11-26T23:30:00-05:00');

    // Act
    const day = dayOf(instant);

    // Assess
    expect(day).toBe('2026-11-27');
  });
});

describe('previousWindowOf', () => {
  it.each([
    { from: '2026-11-20', to: '2026-11-26', previous: { from: '2026-11-13', to: '2026-11-19' } },
    { from: '2026-10-28', to: '2026-11-26', previous: { from: '2026-09-28', to: '2026-10-27' } },
    { from: '2026-11-26', to: '2026-11-26', previous: { from: '2026-11-25', to: '2026-11-25' } },
    { from: '2027-01-01', to: '2027-01-07', previous: { from: '2026-12-25', to: '2026-12-31' } },
    { from: '2028-03-01', to: '2028-03-07', previous: { from: '2028-02-23', to: '2028-02-29' } },
  ])('answers $previous.from to $previous.to before $from to $to', ({ from, to, previous }) => {
    // Act
    const days = previousWindowOf(from, to);

    // Assess
    expect(days).toEqual(previous);
  });

  it('has the same length as the window and ends the day before it starts', () => {
    fc.assert(
      fc.property(...windowAndNow, (window, now) => {
        // Prepare
        const { from, to } = windowDays(window, now);

        // Act
        const previous = previousWindowOf(from, to);

        // Assess
        expect(addDays(previous.to, 1)).toBe(from);
        expect(daysBetweenInclusive(previous.from, previous.to)).toBe(WINDOW_DAYS[window]);
      }),
      { numRuns: 200 },
    );
  });
});
