import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { z } from 'zod';
import type { AggregatorInput } from '../aggregates/aggregate-responses.js';
import type { Contribution } from '../aggregates/fold.js';
import type { ResponseTransition } from '../cases/alert-on-unhappy-answer.js';
import { isOnScale } from '../surveys/scales.js';
import { responseFromItem } from './dynamodb-response-store.js';
import type { Response } from './response.js';

const ImageSchema = z.record(z.string(), z.unknown());

/** The parts of a DynamoDB stream record that Pulse reads, checked. */
export const StreamRecordSchema = z.object({
  eventID: z.string().optional(),
  eventName: z.enum(['INSERT', 'MODIFY', 'REMOVE']),
  userIdentity: z.object({ type: z.string(), principalId: z.string() }).optional(),
  dynamodb: z.object({
    SequenceNumber: z.string().regex(/^\d{1,40}$/, 'must be a decimal sequence number'),
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

const responseOf = (image: Record<string, unknown> | undefined): Response | null => {
  if (!image) return null;
  const response = responseFromItem(unmarshall(image as Record<string, AttributeValue>));
  if (!isOnScale(response.survey, response.score)) {
    throw new RangeError(`score ${response.score} is not on the ${response.survey} scale`);
  }
  return response;
};

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

const reasonOf = (error: unknown): string => {
  if (error instanceof z.ZodError) {
    return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
  }
  return error instanceof Error ? error.message : String(error);
};

/** Reads one stream record as a response change for the aggregator, or says why it cannot. */
export const toAggregatorInput = (raw: unknown): AggregatorInput => {
  const parsed = StreamRecordSchema.safeParse(raw);
  const sequenceNumber =
    (raw as { dynamodb?: { SequenceNumber?: unknown } } | null)?.dynamodb?.SequenceNumber?.toString() ?? '0';
  if (!parsed.success) return { sequenceNumber, kind: 'invalid', reason: reasonOf(parsed.error) };
  const record = parsed.data;
  if (isTimeToLiveDeletion(record)) return { sequenceNumber, kind: 'ignore' };
  try {
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

/** Reads one stream record as a response's before and after, for alerts. */
export const toResponseTransition = (raw: unknown): ResponseTransition => {
  const record = StreamRecordSchema.parse(raw);
  if (isTimeToLiveDeletion(record)) return { before: null, after: null };
  return {
    before: responseOf(record.dynamodb.OldImage),
    after: record.eventName === 'REMOVE' ? null : responseOf(record.dynamodb.NewImage),
  };
};
