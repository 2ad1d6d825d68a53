import * as z from 'zod';
import { SurveySchema } from '../surveys/scales.js';
import type { Day } from '../surveys/window.js';
import { dayOf } from '../surveys/window.js';
import { addCounts, type Counts, type CountsDelta } from './fold.js';
import { roundRatio } from './formulas.js';

/**
 * The fields of an invitation item the funnel reads, checked: each stage is told by the change of one
 * of them between a stream record's old and new image.
 */
export const FunnelImageSchema = z.object({
  survey: SurveySchema,
  team: z.string(),
  channel: z.string(),
  touchpoint: z.string(),
  agent: z.string().optional(),
  createdAt: z.iso.datetime(),
  status: z.string(),
  reasonCode: z.string().optional(),
  sentAt: z.iso.datetime().optional(),
  reminderSentAt: z.iso.datetime().optional(),
  settledAt: z.iso.datetime().optional(),
});

export type FunnelImage = z.infer<typeof FunnelImageSchema>;

/** The statuses whose reaching is a stage, by reason code for the first two. */
const SETTLED = ['skipped', 'failed', 'cancelled'] as const;

/**
 * The funnel stages one invitation took between two images of its item, each counted once on the
 * UTC day it happened:
 *
 * - `received`: the item was created (a repeated interaction is the same item, so it counts once), on
 *   `createdAt`;
 * - `sent`: `sentAt` appeared, on its day, once however many messages the send took;
 * - `reminded`: `reminderSentAt` appeared, on its day;
 * - `skipped:<code>`, `failed:<code>`, `cancelled`: the status became one of these, on `settledAt`
 *   (or `createdAt` for one skipped at intake; `recordedAt`, the stream record's time, for items
 *   written before `settledAt` was).
 *
 * A deletion takes no step: what happened stays counted after the raw item is gone.
 */
export const funnelStepsOf = (
  before: FunnelImage | null,
  after: FunnelImage | null,
  recordedAt: Date,
): CountsDelta[] => {
  if (!after) return [];
  const segments = {
    team: after.team,
    channel: after.channel,
    touchpoint: after.touchpoint,
    agent: after.agent,
  };
  const step = (stage: string, at: string): CountsDelta => ({
    survey: after.survey,
    day: dayOf(new Date(at)),
    segments,
    counts: { [stage]: 1 },
  });
  const steps: CountsDelta[] = [];
  if (!before) steps.push(step('received', after.createdAt));
  if (after.sentAt && !before?.sentAt) steps.push(step('sent', after.sentAt));
  if (after.reminderSentAt && !before?.reminderSentAt) steps.push(step('reminded', after.reminderSentAt));
  const settled = SETTLED.find((status) => status === after.status);
  if (settled && before?.status !== settled) {
    const at = after.settledAt ?? (before ? recordedAt.toISOString() : after.createdAt);
    steps.push(step(settled === 'cancelled' ? 'cancelled' : `${settled}:${after.reasonCode ?? 'other'}`, at));
  }
  return steps;
};

/** A window's funnel, from its days' counts: stages by name, `skipped` and `failed` by reason code. */
export interface Funnel {
  received: number;
  sent: number;
  reminded: number;
  cancelled: number;
  skipped: Record<string, number>;
  failed: Record<string, number>;
}

export const funnelOf = (counts: Counts): Funnel => {
  const byReason = (stage: string) =>
    Object.fromEntries(
      Object.entries(counts)
        .filter(([name, count]) => name.startsWith(`${stage}:`) && count !== 0)
        .map(([name, count]) => [name.slice(stage.length + 1), count])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
  return {
    received: counts.received ?? 0,
    sent: counts.sent ?? 0,
    reminded: counts.reminded ?? 0,
    cancelled: counts.cancelled ?? 0,
    skipped: byReason('skipped'),
    failed: byReason('failed'),
  };
};

/**
 * Answers per invitation sent over the same period, in percent with one decimal; null when nothing
 * was sent. A rate over a period, not a cohort's: answers to earlier sends count, so it can pass 100.
 */
export const responseRateOf = (answered: number, sent: number): number | null =>
  sent === 0 ? null : roundRatio(answered * 100, sent, 1);

/** Invitations sent on the given days that fall between `from` and `to`, both included. */
export const sentBetween = (
  days: readonly { day: Day; counts: Counts }[],
  { from, to }: { from: Day; to: Day },
): number =>
  days
    .filter(({ day }) => day >= from && day <= to)
    .reduce((sum: Counts, { counts }) => addCounts(sum, counts), {}).sent ?? 0;
