import { describe, expect, it } from 'vitest';
import { streamRecord, streamRecords } from '../../test/support/lambda.js';
import { toAggregatorInput } from './aggregator-input.js';
import { foldChanges } from './fold.js';

describe('toAggregatorInput', () => {
  it('reads an inserted answer as one contribution with its segments', () => {
    const input = toAggregatorInput(streamRecord('response-insert'));

    expect(input).toMatchObject({
      kind: 'change',
      change: {
        before: null,
        after: {
          survey: 'nps',
          day: '2026-11-26',
          score: 3,
          segments: { team: 'billing', channel: 'phone', touchpoint: 'support-ticket', agent: 'agent-7' },
        },
      },
    });
  });

  it('reads a changed score as the old contribution out and the new one in', () => {
    const input = toAggregatorInput(streamRecord('response-score-changed'));

    expect(input).toMatchObject({ kind: 'change', change: { before: { score: 3 }, after: { score: 9 } } });
  });

  it('reads an erasure as the contribution taken out', () => {
    expect(toAggregatorInput(streamRecord('response-erased'))).toMatchObject({
      kind: 'change',
      change: { before: { score: 3 }, after: null },
    });
  });

  it('reads a change held beside a counted answer as no change, which folds into no write', () => {
    const input = toAggregatorInput(streamRecord('response-change-held'));

    expect(input.kind).toBe('change');
    const change = input.kind === 'change' ? input.change : null;
    expect(change?.after).toEqual(change?.before);
    expect(change?.after).toMatchObject({ score: 3 });
    expect(foldChanges(change ? [change] : [])).toEqual([]);
  });

  it('ignores a TTL deletion so that aggregates outlive raw answers', () => {
    expect(toAggregatorInput(streamRecord('response-expired-by-ttl'))).toEqual({
      sequenceNumber: '4421584500000000017450439095',
      kind: 'ignore',
    });
  });

  it('refuses a score outside its survey scale, saying why', () => {
    const input = toAggregatorInput(streamRecord('response-score-off-scale'));

    expect(input).toMatchObject({ kind: 'invalid', sequenceNumber: '4421584500000000017450439096' });
    expect(input.kind === 'invalid' && input.reason).toMatch(/11.*nps/);
  });

  it('refuses a record of an unknown shape, naming what is missing', () => {
    const [, broken] = streamRecords('response-batch-with-poison');

    const input = toAggregatorInput(broken);

    expect(input).toMatchObject({ kind: 'invalid', sequenceNumber: '4421584500000000017450439098' });
    expect(input.kind === 'invalid' && input.reason).toMatch(/score/);
  });

  it('refuses something that is not a stream record at all', () => {
    expect(toAggregatorInput({ hello: 'world' })).toMatchObject({ kind: 'invalid', sequenceNumber: '0' });
  });

  it("reads an invitation's record as the funnel steps it took, in its interaction's segments", () => {
    const input = toAggregatorInput(streamRecord('invitation-sent'));

    expect(input).toMatchObject({
      kind: 'change',
      change: {
        before: null,
        after: null,
        counts: [
          {
            survey: 'csat',
            day: '2026-11-26',
            counts: { sent: 1 },
            segments: { team: 'billing', channel: 'chat', touchpoint: 'support-ticket', agent: 'agent-3' },
          },
        ],
      },
    });
  });

  it('refuses an invitation record whose image is not an invitation, naming the field', () => {
    const record = structuredClone(streamRecord('invitation-sent')) as {
      dynamodb: { NewImage: Record<string, unknown> };
    };
    record.dynamodb.NewImage.survey = { S: 'loyalty' };

    const input = toAggregatorInput(record);

    expect(input.kind).toBe('invalid');
    expect(input).toMatchObject({ reason: expect.stringContaining('survey') });
  });
});
