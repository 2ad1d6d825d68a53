import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';
import { isOnScale } from '../surveys/scales.js';
import { responseFromItem } from './dynamodb-response-store.js';
import type { Response, ResponseTransition } from './response.js';

const ImageSchema = z.record(z.string(), z.unknown());

/** The parts of a DynamoDB stream record that Pulse reads, checked. */
export const StreamRecordSchema = z.object({
  eventID: z.string().optional(),
  eventName: z.enum(['INSERT', 'MODIFY', 'REMOVE']),
  userIdentity: z.object({ type: z.string(), principalId: z.string() }).optional(),
  dynamodb: z.object({
    SequenceNumber: z.string().regex(/^\d{1,40}$/, 'must be a decimal sequence number'),
    /** Seconds since the epoch, when the change was made. */
    ApproximateCreationDateTime: z.number().optional(),
    Keys: ImageSchema,
    NewImage: ImageSchema.optional(),
    OldImage: ImageSchema.optional(),
  }),
});

export type StreamRecord = z.infer<typeof StreamRecordSchema>;

/** A deletion made by the table's time to live, not by a person: aggregates outlive raw answers. */
export const isTimeToLiveDeletion = (record: StreamRecord): boolean =>
  record.eventName === 'REMOVE' &&
  record.userIdentity?.type === 'Service' &&
  record.userIdentity.principalId === 'dynamodb.amazonaws.com';

/**
 * An erasure's scrubbing of an item (an answer, a case): the write that gave it `erasedAt`. It is not a
 * change: no count moves, no alert or event goes out, nothing is listed again. An erased answer takes
 * no other write; an erased case does (a lead may still resolve it), and those are its own records.
 */
export const isErasure = (record: StreamRecord): boolean =>
  record.dynamodb.NewImage !== undefined &&
  'erasedAt' in record.dynamodb.NewImage &&
  !(record.dynamodb.OldImage !== undefined && 'erasedAt' in record.dynamodb.OldImage);

/** The answer held in one image of a stream record; an off-scale score is an error. */
export const responseOf = (image: Record<string, unknown> | undefined): Response | null => {
  if (!image) return null;
  const response = responseFromItem(unmarshall(image as Record<string, AttributeValue>));
  if (!isOnScale(response.survey, response.score)) {
    throw new RangeError(`score ${response.score} is not on the ${response.survey} scale`);
  }
  return response;
};

/** Why a stream record could not be read, in words for the failure's log and DLQ. */
export const reasonOf = (error: unknown): string => {
  if (error instanceof z.ZodError) {
    return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
  }
  return error instanceof Error ? error.message : String(error);
};

/** Reads one stream record as a response's before and after, for alerts. */
export const toResponseTransition = (raw: unknown): ResponseTransition => {
  const record = StreamRecordSchema.parse(raw);
  if (isTimeToLiveDeletion(record) || isErasure(record)) return { before: null, after: null };
  return {
    before: responseOf(record.dynamodb.OldImage),
    after: record.eventName === 'REMOVE' ? null : responseOf(record.dynamodb.NewImage),
  };
};
