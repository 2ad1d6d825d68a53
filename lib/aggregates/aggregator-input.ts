import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { labelsOf } from '../insight/labels-stream-records.js';
import type { Response } from '../invitations/response.js';
import {
  isErasure,
  isTimeToLiveDeletion,
  reasonOf,
  responseOf,
  type StreamRecord,
  StreamRecordSchema,
} from '../invitations/response-stream-records.js';
import { INVITATION_SORT_KEY, LABELS_SORT_KEY, TABLE_DESIGN } from '../platform/table-design.js';
import type { AggregatorInput } from './aggregate-responses.js';
import type { Contribution } from './fold.js';
import { type FunnelImage, FunnelImageSchema, funnelStepsOf } from './funnel.js';
import { labelCountsOf } from './insight-counts.js';

const sortKeyOf = (record: StreamRecord): string | undefined =>
  (record.dynamodb.Keys[TABLE_DESIGN.sortKey] as { S?: string } | undefined)?.S;

const contributionOf = (response: Response | null): Contribution | null =>
  response && !response.suspect
    ? {
        survey: response.survey,
        day: response.day,
        score: response.score,
        segments: {
          team: response.team,
          channel: response.channel,
          touchpoint: response.touchpoint,
          agent: response.agent,
        },
      }
    : null;

const funnelImageOf = (image: Record<string, unknown> | undefined): FunnelImage | null =>
  image ? FunnelImageSchema.parse(unmarshall(image as Record<string, AttributeValue>)) : null;

/** An invitation's record: the funnel stages it took (see funnel.ts). */
const invitationInput = (sequenceNumber: string, record: StreamRecord): AggregatorInput => {
  if (record.eventName === 'REMOVE') return { sequenceNumber, kind: 'ignore' };
  if (!record.dynamodb.NewImage) {
    return { sequenceNumber, kind: 'invalid', reason: `${record.eventName} without a NewImage` };
  }
  const recordedAt = new Date((record.dynamodb.ApproximateCreationDateTime ?? 0) * 1000);
  const counts = funnelStepsOf(
    funnelImageOf(record.dynamodb.OldImage),
    funnelImageOf(record.dynamodb.NewImage),
    recordedAt,
  );
  return { sequenceNumber, kind: 'change', change: { sequenceNumber, before: null, after: null, counts } };
};

/** A comment's labels' record: its old counts out, its new ones in (see insight-counts.ts). */
const labelsInput = (sequenceNumber: string, record: StreamRecord): AggregatorInput => {
  if (record.eventName !== 'REMOVE' && !record.dynamodb.NewImage) {
    return { sequenceNumber, kind: 'invalid', reason: `${record.eventName} without a NewImage` };
  }
  const before = labelsOf(record.dynamodb.OldImage);
  const after = record.eventName === 'REMOVE' ? null : labelsOf(record.dynamodb.NewImage);
  return {
    sequenceNumber,
    kind: 'change',
    change: { sequenceNumber, before: null, after: null, counts: labelCountsOf(before, after) },
  };
};

/**
 * Reads one stream record as a change of the counts: a response's contribution before and after, an
 * invitation's funnel steps or a comment's labels; or says why it cannot.
 */
export const toAggregatorInput = (raw: unknown): AggregatorInput => {
  const parsed = StreamRecordSchema.safeParse(raw);
  const sequenceNumber =
    (raw as { dynamodb?: { SequenceNumber?: unknown } } | null)?.dynamodb?.SequenceNumber?.toString() ?? '0';
  if (!parsed.success) return { sequenceNumber, kind: 'invalid', reason: reasonOf(parsed.error) };
  const record = parsed.data;
  if (isTimeToLiveDeletion(record)) return { sequenceNumber, kind: 'ignore' };
  try {
    const sortKey = sortKeyOf(record);
    if (sortKey === INVITATION_SORT_KEY) return invitationInput(sequenceNumber, record);
    if (sortKey === LABELS_SORT_KEY) return labelsInput(sequenceNumber, record);
    if (isErasure(record)) return { sequenceNumber, kind: 'ignore' };
    const before = contributionOf(responseOf(record.dynamodb.OldImage));
    const after = record.eventName === 'REMOVE' ? null : contributionOf(responseOf(record.dynamodb.NewImage));
    if (record.eventName !== 'REMOVE' && !record.dynamodb.NewImage) {
      return { sequenceNumber, kind: 'invalid', reason: `${record.eventName} without a NewImage` };
    }
    if (before && after && before.survey !== after.survey) {
      return {
        sequenceNumber,
        kind: 'invalid',
        reason: `survey changed from ${before.survey} to ${after.survey}`,
      };
    }
    return { sequenceNumber, kind: 'change', change: { sequenceNumber, before, after } };
  } catch (error) {
    return { sequenceNumber, kind: 'invalid', reason: reasonOf(error) };
  }
};
