import { describe, expect, it } from 'vitest';
import { aCase } from '../../test/support/samples.js';
import type { Case } from './case.js';
import { addUpDays, durationFiguresOf, nearestRank, statsOfMove, statsOfOpening } from './case-stats.js';

/** Ana's high-severity billing case, opened at 10:15:03 on 26 November. */
const opened = (): Case => aCase({ score: 2, openedAt: '2026-11-26T10:15:03.000Z' });

describe('nearestRank', () => {
  it.each([
    {
      values: [1, 2, 3, 4],
      percent: 50,
      rank: 2,
      note: 'the median of an even count is the lower middle value',
    },
    { values: [1, 2, 3, 4, 5], percent: 50, rank: 3, note: 'the median of an odd count is the middle value' },
    {
      values: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
      percent: 90,
      rank: 90,
      note: 'p90 of ten is the ninth',
    },
    {
      values: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110],
      percent: 90,
      rank: 100,
      note: 'p90 of eleven is the tenth',
    },
    { values: [7], percent: 90, rank: 7, note: 'one value is every percentile' },
    { values: [3, 9], percent: 90, rank: 9, note: 'p90 of two is the larger' },
  ])('answers $rank: $note', ({ values, percent, rank }) => {
    expect(nearestRank(values, percent)).toBe(rank);
  });

  it('answers null without values', () => {
    expect(nearestRank([], 50)).toBeNull();
  });

  it('never interpolates, whatever the count', () => {
    for (let n = 1; n <= 200; n += 1) {
      const values = Array.from({ length: n }, (_, i) => i + 1);
      expect(nearestRank(values, 50)).toBe(Math.ceil(n / 2));
      expect(nearestRank(values, 90)).toBe(Math.ceil((9 * n) / 10));
    }
  });
});

describe('durationFiguresOf', () => {
  it('sorts the durations before ranking them', () => {
    expect(durationFiguresOf([400, 100, 300, 200])).toEqual({ n: 4, medianSeconds: 200, p90Seconds: 400 });
  });
});

describe('statsOfOpening', () => {
  it('counts a case on the UTC day it opened, for its team', () => {
    expect(statsOfOpening(opened())).toEqual({
      team: 'billing',
      day: '2026-11-26',
      delta: { add: { opened: 1 }, append: {} },
    });
  });
});

describe('statsOfMove', () => {
  it('counts an acknowledgement on its own day, with its whole seconds since opening in its SLA list', () => {
    const read = opened();
    const next: Case = { ...read, status: 'acknowledged', acknowledgedAt: '2026-11-27T00:05:03.999Z' };

    expect(statsOfMove(read, next)).toEqual([
      {
        team: 'billing',
        day: '2026-11-27',
        delta: { add: { acknowledged: 1 }, append: { acknowledgeSecondsHigh: [49_800] } },
      },
    ]);
  });

  it('keeps the time to acknowledge a medium case apart', () => {
    const read: Case = { ...opened(), severity: 'medium' };
    const next: Case = { ...read, status: 'acknowledged', acknowledgedAt: '2026-11-26T10:16:03.000Z' };

    expect(statsOfMove(read, next)[0]?.delta.append).toEqual({ acknowledgeSecondsMedium: [60] });
  });

  it('counts a resolution with its reason and its time since opening, acknowledged first or not', () => {
    const read: Case = { ...opened(), status: 'acknowledged', acknowledgedAt: '2026-11-26T10:20:00.000Z' };
    const next: Case = {
      ...read,
      status: 'resolved',
      resolvedAt: '2026-11-26T12:15:03.000Z',
      resolution: { reason: 'called-back', note: '' },
    };

    expect(statsOfMove(read, next)).toEqual([
      {
        team: 'billing',
        day: '2026-11-26',
        delta: { add: { resolved: 1, 'reason:called-back': 1 }, append: { resolveSeconds: [7200] } },
      },
    ]);
  });

  it('counts an escalation once, when it is first recorded', () => {
    const read = opened();
    const escalated: Case = { ...read, escalatedAt: '2026-11-26T11:20:00.000Z' };

    expect(statsOfMove(read, escalated)).toEqual([
      { team: 'billing', day: '2026-11-26', delta: { add: { escalated: 1 }, append: {} } },
    ]);
    expect(statsOfMove(escalated, { ...escalated, escalatedAt: '2026-11-26T11:25:00.000Z' })).toEqual([]);
  });

  it('counts a reopening as an opening and a reopening on the day it happened, and nothing more', () => {
    const read: Case = {
      ...opened(),
      status: 'resolved',
      acknowledgedAt: '2026-11-26T10:20:00.000Z',
      resolvedAt: '2026-11-26T11:15:03.000Z',
      resolution: { reason: 'called-back', note: '' },
      escalatedAt: '2026-11-26T11:15:03.000Z',
    };
    const {
      acknowledgedAt: _acknowledged,
      resolvedAt: _resolved,
      resolution: _resolution,
      escalatedAt: _escalated,
      ...kept
    } = read;
    const next: Case = {
      ...kept,
      status: 'open',
      openedAt: '2026-11-27T09:05:00.000Z',
      firstOpenedAt: read.openedAt,
    };

    expect(statsOfMove(read, next)).toEqual([
      { team: 'billing', day: '2026-11-27', delta: { add: { opened: 1, reopened: 1 }, append: {} } },
    ]);
  });

  it('times the acknowledgement of a reopened case from its reopening', () => {
    const read: Case = {
      ...opened(),
      openedAt: '2026-11-27T09:05:00.000Z',
      firstOpenedAt: '2026-11-26T10:15:03.000Z',
    };
    const next: Case = { ...read, status: 'acknowledged', acknowledgedAt: '2026-11-27T09:15:00.000Z' };

    expect(statsOfMove(read, next)[0]?.delta.append).toEqual({ acknowledgeSecondsHigh: [600] });
  });

  it('counts nothing for a write that keeps the status: a changed answer, an update sent', () => {
    const read = opened();

    expect(statsOfMove(read, { ...read, score: 9, answerChanges: 1, version: 1 })).toEqual([]);
    expect(statsOfMove({ ...read, status: 'resolved' }, { ...read, status: 'resolved', score: 1 })).toEqual(
      [],
    );
  });

  it('merges moves of one write that fall on the same day', () => {
    const read = opened();
    const next: Case = {
      ...read,
      status: 'resolved',
      resolvedAt: '2026-11-26T11:15:03.000Z',
      resolution: { reason: 'duplicate', note: '' },
      escalatedAt: '2026-11-26T11:15:03.000Z',
    };

    expect(statsOfMove(read, next)).toEqual([
      {
        team: 'billing',
        day: '2026-11-26',
        delta: {
          add: { resolved: 1, 'reason:duplicate': 1, escalated: 1 },
          append: { resolveSeconds: [3600] },
        },
      },
    ]);
  });
});

describe('addUpDays', () => {
  it('adds up counters and joins durations over days', () => {
    const none = { acknowledgeSecondsHigh: [], acknowledgeSecondsMedium: [], resolveSeconds: [] };
    const total = addUpDays([
      {
        day: '2026-11-25',
        counts: { opened: 2, 'reason:duplicate': 1 },
        durations: { ...none, resolveSeconds: [5] },
      },
      { day: '2026-11-26', counts: { opened: 1 }, durations: { ...none, resolveSeconds: [3] } },
    ]);

    expect(total).toEqual({
      counts: { opened: 3, 'reason:duplicate': 1 },
      durations: { ...none, resolveSeconds: [5, 3] },
    });
  });
});
