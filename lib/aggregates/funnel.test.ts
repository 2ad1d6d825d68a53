import { describe, expect, it } from 'vitest';
import { foldChanges } from './fold.js';
import { type FunnelImage, funnelOf, funnelStepsOf, responseRateOf } from './funnel.js';

const RECORDED = new Date('2026-11-29T08:00:00.000Z');

const image = (overrides: Partial<FunnelImage> = {}): FunnelImage => ({
  survey: 'nps',
  team: 'billing',
  channel: 'phone',
  touchpoint: 'support-ticket',
  agent: 'agent-7',
  createdAt: '2026-11-26T23:59:00.000Z',
  status: 'scheduled',
  ...overrides,
});

const stagesOf = (before: FunnelImage | null, after: FunnelImage | null) =>
  funnelStepsOf(before, after, RECORDED).map(({ counts, day }) => `${Object.keys(counts).join()}@${day}`);

describe('funnelStepsOf', () => {
  it('counts a new invitation as received on the day it was created', () => {
    expect(stagesOf(null, image())).toEqual(['received@2026-11-26']);
  });

  it('counts the send once, on the day of the send, whatever else the record changed', () => {
    const sending = image({ status: 'sending' });
    const sent = image({ status: 'sent', sentAt: '2026-11-27T00:01:00.000Z' });

    expect(stagesOf(sending, sent)).toEqual(['sent@2026-11-27']);
    // A later change of a sent invitation (its reminder claimed, say) sends nothing again.
    expect(stagesOf(sent, { ...sent, reminderDueAt: 'x' } as FunnelImage)).toEqual([]);
  });

  it('counts the reminder on its own day', () => {
    const sent = image({ status: 'sent', sentAt: '2026-11-27T10:00:00.000Z' });

    expect(stagesOf(sent, { ...sent, reminderSentAt: '2026-11-30T10:00:00.000Z' })).toEqual([
      'reminded@2026-11-30',
    ]);
  });

  it('counts a skip at intake on the day it arrived, by its reason code', () => {
    expect(stagesOf(null, image({ status: 'skipped', reasonCode: 'suppressed' }))).toEqual([
      'received@2026-11-26',
      'skipped:suppressed@2026-11-26',
    ]);
  });

  it('counts a skip, a failure or a cancellation later on the day it settled', () => {
    const scheduled = image();
    const at = '2026-11-28T12:00:00.000Z';

    expect(stagesOf(scheduled, image({ status: 'skipped', reasonCode: 'fatigue', settledAt: at }))).toEqual([
      'skipped:fatigue@2026-11-28',
    ]);
    expect(
      stagesOf(
        image({ status: 'sent', sentAt: '2026-11-27T00:00:00.000Z' }),
        image({ status: 'failed', reasonCode: 'bounced', sentAt: '2026-11-27T00:00:00.000Z', settledAt: at }),
      ),
    ).toEqual(['failed:bounced@2026-11-28']);
    expect(
      stagesOf(scheduled, image({ status: 'cancelled', reasonCode: 'reopened', settledAt: at })),
    ).toEqual(['cancelled@2026-11-28']);
  });

  it('falls back on the time of the stream record for an item stored before it said when it settled', () => {
    expect(stagesOf(image(), image({ status: 'failed', reasonCode: 'gave-up' }))).toEqual([
      'failed:gave-up@2026-11-29',
    ]);
  });

  it('takes no step for a deletion or for a record that keeps the status', () => {
    const skipped = image({ status: 'skipped', reasonCode: 'fatigue' });

    expect(stagesOf(image(), null)).toEqual([]);
    expect(stagesOf(skipped, skipped)).toEqual([]);
  });

  it('puts each step in every segment of its interaction, as the answers are', () => {
    const buckets = foldChanges([
      { sequenceNumber: '1', before: null, after: null, counts: funnelStepsOf(null, image(), RECORDED) },
    ]);

    expect(buckets.map(({ bucket }) => bucket.segment?.dimension ?? 'overall').sort()).toEqual(
      ['agent', 'channel', 'overall', 'team', 'touchpoint'].sort(),
    );
    expect(buckets.every(({ entries }) => entries[0]?.counts?.received === 1)).toBe(true);
  });
});

describe('funnelOf and responseRateOf', () => {
  it('reads the stages and groups skips and failures by reason code', () => {
    expect(
      funnelOf({ received: 9, sent: 6, 'skipped:fatigue': 2, 'skipped:suppressed': 1, 'failed:bounced': 1 }),
    ).toEqual({
      received: 9,
      sent: 6,
      reminded: 0,
      cancelled: 0,
      skipped: { fatigue: 2, suppressed: 1 },
      failed: { bounced: 1 },
    });
  });

  it('answers the rate with one decimal, null with nothing sent, and above 100 when earlier sends answer', () => {
    expect(responseRateOf(1, 3)).toBe(33.3);
    expect(responseRateOf(1, 8)).toBe(12.5);
    expect(responseRateOf(0, 0)).toBeNull();
    expect(responseRateOf(5, 4)).toBe(125);
  });
});
