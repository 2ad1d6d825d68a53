import type { Response } from '../invitations/response.js';
import {
  isTimeToLiveDeletion,
  reasonOf,
  responseOf,
  StreamRecordSchema,
} from '../invitations/response-stream-records.js';
import type { AggregatorInput } from './aggregate-responses.js';
import type { Contribution } from './fold.js';

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
