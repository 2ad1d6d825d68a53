import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';
import {
  isErasure,
  isTimeToLiveDeletion,
  StreamRecordSchema,
} from '../invitations/response-stream-records.js';
import { RESOLUTION_REASONS } from '../settings/cases.js';
import { SurveySchema } from '../surveys/scales.js';
import { CASE_STATUSES, type Case } from './case.js';

/**
 * What a case's stream image is read for (its openings and resolutions, and the figures they carry),
 * checked rather than trusted; the rest of the case is left out.
 */
const CaseImageSchema = z.object({
  caseId: z.string().min(1),
  interactionId: z.string().min(1),
  status: z.enum(CASE_STATUSES),
  survey: SurveySchema,
  score: z.number().int(),
  severity: z.enum(['high', 'medium', 'low']),
  comment: z.string(),
  team: z.string(),
  channel: z.string(),
  touchpoint: z.string(),
  agent: z.string().optional(),
  customerId: z.string(),
  openedAt: z.string(),
  firstOpenedAt: z.string().optional(),
  resolvedAt: z.string().optional(),
  resolution: z.object({ reason: z.enum(RESOLUTION_REASONS) }).optional(),
  erasedAt: z.string().optional(),
});

/** A case as one image of its stream record shows it: the fields its events carry. */
export type CaseImage = Pick<
  Case,
  | 'caseId'
  | 'interactionId'
  | 'status'
  | 'survey'
  | 'score'
  | 'severity'
  | 'comment'
  | 'team'
  | 'channel'
  | 'touchpoint'
  | 'agent'
  | 'customerId'
  | 'openedAt'
  | 'firstOpenedAt'
  | 'resolvedAt'
  | 'erasedAt'
> & { resolution?: { reason: NonNullable<Case['resolution']>['reason'] } | undefined };

/** A case before and after one change of its item. */
export interface CaseTransition {
  before: CaseImage | null;
  after: CaseImage | null;
}

const caseImageOf = (image: Record<string, unknown> | undefined): CaseImage | null =>
  image ? CaseImageSchema.parse(unmarshall(image as Record<string, AttributeValue>)) : null;

/**
 * Reads one stream record of a case item. A deletion by the table's time to live and an erasure's
 * scrubbing are no change of the case: nothing follows them.
 */
export const toCaseTransition = (raw: unknown): CaseTransition => {
  const record = StreamRecordSchema.parse(raw);
  if (isTimeToLiveDeletion(record) || isErasure(record)) return { before: null, after: null };
  return {
    before: caseImageOf(record.dynamodb.OldImage),
    after: record.eventName === 'REMOVE' ? null : caseImageOf(record.dynamodb.NewImage),
  };
};
