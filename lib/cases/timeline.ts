import type { AnswerChange, Case, Resolution } from './case.js';

/**
 * Who acted, as a timeline entry names them: a lead's email or `integrator:<credential>` (as
 * `acknowledgedBy` and the rest), `customer` for a change of their answer, and `pulse` for what Pulse
 * does by itself (opening the case on an unhappy answer, escalating it).
 */
export const CUSTOMER_ACTOR = 'customer';
export const PULSE_ACTOR = 'pulse';

/** When, by whom, and whom an integrator said it acted for (its `by`, unchecked) when that is someone else. */
interface Entry {
  at: string;
  by: string;
  onBehalfOf?: string | undefined;
}

/**
 * One event in a case's life, as its timeline keeps it, oldest first: each carries what a lead needs
 * to read it without the case's other fields (the words of a note, a resolution's reason and note).
 * The words of an answer's change stay in the case's `answerLog`; its entry says what changed.
 */
export type TimelineEntry =
  | (Entry & { kind: 'opened'; score: number })
  | (Entry & { kind: 'acknowledged' })
  | (Entry & { kind: 'assigned'; assignee: string; previousAssignee?: string | undefined })
  | (Entry & { kind: 'unassigned'; previousAssignee: string })
  | (Entry & { kind: 'note'; note: string })
  | (Entry & {
      kind: 'resolved';
      reason: Resolution['reason'];
      note: string;
      recoveryInvitationId?: string | undefined;
    })
  | (Entry & { kind: 'reopened'; note?: string | undefined })
  | (Entry & { kind: 'escalated' })
  | (Entry & {
      kind: 'answer-changed';
      score: number;
      scoreBefore: number;
      comment?: 'added' | 'changed' | 'removed' | undefined;
    });
export type TimelineEntryKind = TimelineEntry['kind'];

/** The most entries a case keeps: the newest, the oldest leaving first. */
export const MAX_TIMELINE_ENTRIES = 100;
/**
 * The most bytes (UTF-8 JSON) its entries take: 100 notes of 2,000 Chinese characters would be 600 KB,
 * past DynamoDB's 400 KB item, so the oldest leave first past this too. With the rest of a case at
 * its largest (comment, attributes, 20 changes of the answer: about 150 KB) the item stays below 300 KB.
 */
export const MAX_TIMELINE_BYTES = 128 * 1024;

const bytesOf = (entry: TimelineEntry): number => Buffer.byteLength(JSON.stringify(entry), 'utf8');

/**
 * The timeline of a case. A case opened before cases kept one gets one made from what it recorded
 * (its opening, the changes of its answer, who acknowledged, escalated and resolved it, when), so
 * that its first entry written later lands after them.
 */
export const timelineOf = (kept: Case): TimelineEntry[] => {
  if (kept.timeline) return kept.timeline;
  const made: TimelineEntry[] = [
    {
      kind: 'opened',
      at: kept.openedAt,
      by: PULSE_ACTOR,
      score: (kept.answerLog ?? [])[0]?.scoreBefore ?? kept.score,
    },
    ...(kept.answerLog ?? []).map(answerChangedEntry),
  ];
  if (kept.acknowledgedAt) {
    made.push({
      kind: 'acknowledged',
      at: kept.acknowledgedAt,
      by: kept.acknowledgedBy ?? 'unknown',
      ...(kept.acknowledgedOnBehalfOf ? { onBehalfOf: kept.acknowledgedOnBehalfOf } : {}),
    });
  }
  if (kept.escalatedAt) made.push({ kind: 'escalated', at: kept.escalatedAt, by: PULSE_ACTOR });
  if (kept.resolvedAt && kept.resolution) {
    made.push({
      kind: 'resolved',
      at: kept.resolvedAt,
      by: kept.resolvedBy ?? 'unknown',
      ...(kept.resolvedOnBehalfOf ? { onBehalfOf: kept.resolvedOnBehalfOf } : {}),
      reason: kept.resolution.reason,
      note: kept.resolution.note,
      ...(kept.recoveryInvitationId ? { recoveryInvitationId: kept.recoveryInvitationId } : {}),
    });
  }
  // Stable: entries at the same instant keep the order above.
  return made.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
};

/**
 * The case's timeline with `entry` last, as fields to write with the move it records, in the same
 * write: the newest {@link MAX_TIMELINE_ENTRIES} within {@link MAX_TIMELINE_BYTES}, and how many older
 * entries left it (`timelineDropped`), so that a reader knows it does not start at the opening.
 */
export const withEntry = (kept: Case, entry: TimelineEntry): Pick<Case, 'timeline' | 'timelineDropped'> => {
  const timeline = [...timelineOf(kept), entry];
  let bytes = timeline.reduce((sum, each) => sum + bytesOf(each), 0);
  let dropped = 0;
  while (timeline.length > 1 && (timeline.length > MAX_TIMELINE_ENTRIES || bytes > MAX_TIMELINE_BYTES)) {
    const oldest = timeline.shift() as TimelineEntry;
    bytes -= bytesOf(oldest);
    dropped += 1;
  }
  const before = kept.timelineDropped ?? 0;
  return { timeline, ...(before + dropped > 0 ? { timelineDropped: before + dropped } : {}) };
};

/** What a change of the answer did, as its entry says it (the words stay in `answerLog`). */
export const answerChangedEntry = (change: AnswerChange): TimelineEntry => ({
  kind: 'answer-changed',
  at: change.at,
  by: CUSTOMER_ACTOR,
  score: change.score,
  scoreBefore: change.scoreBefore,
  ...(change.comment === undefined
    ? {}
    : { comment: change.comment === '' ? 'removed' : change.hadComment ? 'changed' : 'added' }),
});

/** Who acted and for whom, as an entry records them (see `actedBy`); `unknown` when nobody was named. */
export const actingOf = ({
  by,
  onBehalfOf,
}: {
  by?: string | undefined;
  onBehalfOf?: string | undefined;
}): { by: string; onBehalfOf?: string } => ({
  by: by ?? 'unknown',
  ...(onBehalfOf ? { onBehalfOf } : {}),
});
