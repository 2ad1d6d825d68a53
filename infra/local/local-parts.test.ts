import { describe, expect, it } from 'vitest';
import { toAggregatorInput } from '../../lib/aggregates/aggregator-input.js';
import { parseDuration } from './clock.js';
import { matchesFilters } from './filter-pattern.js';
import { parseChaos, toLambdaRecord } from './stream-poller.js';

const apiRecord = {
  eventID: 'e-1',
  eventName: 'REMOVE' as const,
  dynamodb: {
    ApproximateCreationDateTime: new Date('2026-11-26T10:00:00Z'),
    Keys: { pk: { S: 'INV#a' }, sk: { S: 'RESPONSE' } },
    OldImage: { pk: { S: 'INV#a' }, sk: { S: 'RESPONSE' } },
    SequenceNumber: '100',
    SizeBytes: 20,
    StreamViewType: 'NEW_AND_OLD_IMAGES' as const,
  },
  userIdentity: { Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' },
};

describe('toLambdaRecord', () => {
  it('hands a TTL deletion over in Lambda spelling, so the aggregator ignores it', () => {
    const record = toLambdaRecord(apiRecord, 'arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/x');

    expect(record.userIdentity).toEqual({ type: 'Service', principalId: 'dynamodb.amazonaws.com' });
    expect(record.dynamodb?.ApproximateCreationDateTime).toBe(Date.parse('2026-11-26T10:00:00Z') / 1000);
    expect(record).toMatchObject({ eventVersion: '1.1', eventSource: 'aws:dynamodb' });
    expect(toAggregatorInput(record)).toEqual({ sequenceNumber: '100', kind: 'ignore' });
  });
});

describe('matchesFilters', () => {
  const record = { dynamodb: { Keys: { sk: { S: 'RESPONSE' } }, NewImage: { score: { N: '3' } } } };

  it('lets through a record whose keys match the response filter and no other', () => {
    const filters = [{ dynamodb: { Keys: { sk: { S: ['RESPONSE'] } } } }];

    expect(matchesFilters(record, filters)).toBe(true);
    expect(matchesFilters({ dynamodb: { Keys: { sk: { S: 'INVITATION' } } } }, filters)).toBe(false);
    expect(matchesFilters({}, filters)).toBe(false);
  });

  it('supports prefix, exists, anything-but and numeric rules, and any-of patterns', () => {
    expect(matchesFilters(record, [{ dynamodb: { Keys: { sk: { S: [{ prefix: 'RESP' }] } } } }])).toBe(true);
    expect(matchesFilters(record, [{ dynamodb: { OldImage: [{ exists: false }] } }])).toBe(true);
    expect(
      matchesFilters(record, [{ dynamodb: { Keys: { sk: { S: [{ 'anything-but': ['RESPONSE'] }] } } } }]),
    ).toBe(false);
    expect(
      matchesFilters(record, [{ dynamodb: { NewImage: { score: { N: [{ numeric: ['<=', 6] }] } } } }]),
    ).toBe(true);
    expect(
      matchesFilters(record, [{ dynamodb: { NewImage: { score: { N: [{ numeric: ['>', 6] }] } } } }]),
    ).toBe(false);
    expect(
      matchesFilters(record, [
        { eventName: ['INSERT'] },
        { dynamodb: { Keys: { sk: { S: ['RESPONSE'] } } } },
      ]),
    ).toBe(true);
    expect(matchesFilters(record, [])).toBe(true);
  });
});

describe('parseChaos', () => {
  it('reads both rates and refuses anything else, naming the part', () => {
    expect(parseChaos('redeliver=0.3,fail=0.1')).toMatchObject({ redeliver: 0.3, fail: 0.1 });
    expect(parseChaos(undefined)).toMatchObject({ redeliver: 0, fail: 0 });
    expect(() => parseChaos('redeliver=1.5')).toThrow(/redeliver=1.5/);
    expect(() => parseChaos('explode=0.1')).toThrow(/explode=0.1/);
  });
});

describe('parseDuration', () => {
  it('reads ISO 8601 durations and refuses other text', () => {
    expect(parseDuration('PT2H')).toBe(7_200_000);
    expect(parseDuration('P1DT30M')).toBe(88_200_000);
    expect(parseDuration('PT1.5S')).toBe(1500);
    expect(() => parseDuration('2h')).toThrow(RangeError);
    expect(() => parseDuration('P')).toThrow(RangeError);
    expect(() => parseDuration('PT')).toThrow(RangeError);
  });
});
