import { describe, expect, it } from 'vitest';
import { aCase } from '../../test/support/samples.js';
import type { Case } from './case.js';
import {
  MAX_TIMELINE_BYTES,
  MAX_TIMELINE_ENTRIES,
  type TimelineEntry,
  timelineOf,
  withEntry,
} from './timeline.js';

/** Ana's case, opened at 10:15:03 on 26 November. */
const opened = (): Case => aCase({ score: 2, openedAt: '2026-11-26T10:15:03.000Z' });

const noteAt = (minute: number, note = `note ${minute}`): TimelineEntry => ({
  kind: 'note',
  at: new Date(Date.parse('2026-11-26T11:00:00.000Z') + minute * 60_000).toISOString(),
  by: 'priya.shah@example.com',
  note,
});

describe('timelineOf', () => {
  it('starts a new case with its opening, by Pulse, with the score that opened it', () => {
    expect(timelineOf(opened())).toEqual([
      { kind: 'opened', at: '2026-11-26T10:15:03.000Z', by: 'pulse', score: 2 },
    ]);
  });

  it('makes the timeline of a case opened before cases kept one from what it recorded, in order', () => {
    // Prepare: a case as stored before timelines, acknowledged, escalated, changed and resolved
    const { timeline: _none, ...kept } = opened();
    const older: Case = {
      ...kept,
      status: 'resolved',
      score: 1,
      answerLog: [
        { at: '2026-11-26T10:20:00.000Z', score: 1, scoreBefore: 2, comment: 'worse', hadComment: true },
      ],
      escalatedAt: '2026-11-26T11:15:03.000Z',
      acknowledgedAt: '2026-11-26T11:30:00.000Z',
      acknowledgedBy: 'integrator:helpdesk',
      acknowledgedOnBehalfOf: 'priya.shah@example.com',
      resolvedAt: '2026-11-26T12:00:00.000Z',
      resolvedBy: 'priya.shah@example.com',
      resolution: { reason: 'called-back', note: 'Refunded the fee.' },
    };

    // Act
    const timeline = timelineOf(older);

    // Assess
    expect(timeline).toEqual([
      { kind: 'opened', at: '2026-11-26T10:15:03.000Z', by: 'pulse', score: 2 },
      {
        kind: 'answer-changed',
        at: '2026-11-26T10:20:00.000Z',
        by: 'customer',
        score: 1,
        scoreBefore: 2,
        comment: 'changed',
      },
      { kind: 'escalated', at: '2026-11-26T11:15:03.000Z', by: 'pulse' },
      {
        kind: 'acknowledged',
        at: '2026-11-26T11:30:00.000Z',
        by: 'integrator:helpdesk',
        onBehalfOf: 'priya.shah@example.com',
      },
      {
        kind: 'resolved',
        at: '2026-11-26T12:00:00.000Z',
        by: 'priya.shah@example.com',
        reason: 'called-back',
        note: 'Refunded the fee.',
      },
    ]);
  });
});

describe('withEntry', () => {
  it('adds the entry last, after what the case had', () => {
    const { timeline, timelineDropped } = withEntry(opened(), noteAt(1));

    expect(timeline?.map((entry) => entry.kind)).toEqual(['opened', 'note']);
    expect(timelineDropped).toBeUndefined();
  });

  it(`keeps the newest ${MAX_TIMELINE_ENTRIES} entries, counting those that left`, () => {
    // Prepare: a case whose timeline is full
    let kept = opened();
    for (let minute = 1; minute < MAX_TIMELINE_ENTRIES; minute += 1) {
      kept = { ...kept, ...withEntry(kept, noteAt(minute)) };
    }
    expect(kept.timeline).toHaveLength(MAX_TIMELINE_ENTRIES);

    // Act
    const once = { ...kept, ...withEntry(kept, noteAt(100)) };
    const twice = { ...once, ...withEntry(once, noteAt(101)) };

    // Assess
    expect(twice.timeline).toHaveLength(MAX_TIMELINE_ENTRIES);
    expect(twice.timeline?.[0]).toMatchObject({ kind: 'note', note: 'note 2' });
    expect(twice.timeline?.at(-1)).toMatchObject({ kind: 'note', note: 'note 101' });
    expect([once.timelineDropped, twice.timelineDropped]).toEqual([1, 2]);
  });

  it('keeps the entries within their bytes, whatever the language of the notes', () => {
    // Prepare: notes of 2,000 Chinese characters, 6,000 bytes of UTF-8 each
    let kept = opened();
    for (let minute = 1; minute <= 40; minute += 1) {
      kept = { ...kept, ...withEntry(kept, noteAt(minute, '退'.repeat(2000))) };
    }

    // Assess
    const bytes = Buffer.byteLength(JSON.stringify(kept.timeline), 'utf8');
    expect(bytes).toBeLessThanOrEqual(MAX_TIMELINE_BYTES);
    expect(kept.timeline?.length).toBeGreaterThan(15);
    expect(kept.timeline?.at(-1)).toMatchObject({ at: noteAt(40).at });
    expect((kept.timelineDropped ?? 0) + (kept.timeline?.length ?? 0)).toBe(41);
  });
});
