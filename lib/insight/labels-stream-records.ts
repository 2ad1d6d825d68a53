import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { isTimeToLiveDeletion, StreamRecordSchema } from '../invitations/response-stream-records.js';
import { type CommentLabels, CommentLabelsSchema } from './labels.js';

/** A comment's labels before and after one change of their item. */
export interface LabelsTransition {
  before: CommentLabels | null;
  after: CommentLabels | null;
}

/** The labels held in one image of a stream record, checked. */
export const labelsOf = (image: Record<string, unknown> | undefined): CommentLabels | null =>
  image ? CommentLabelsSchema.parse(unmarshall(image as Record<string, AttributeValue>)) : null;

/** Reads one stream record of a labels item; a deletion by the table's time to live is no change. */
export const toLabelsTransition = (raw: unknown): LabelsTransition => {
  const record = StreamRecordSchema.parse(raw);
  if (isTimeToLiveDeletion(record)) return { before: null, after: null };
  return {
    before: labelsOf(record.dynamodb.OldImage),
    after: record.eventName === 'REMOVE' ? null : labelsOf(record.dynamodb.NewImage),
  };
};
