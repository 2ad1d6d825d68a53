import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { StreamBatchError } from './errors.js';
import { handleInOrderPerKey } from './stream-batch.js';

/** Records of the shard in order: each names its key (an invitation) and its place. */
const recordsOf = (keys: string[]): DynamoDBRecord[] =>
  keys.map((key, index) => ({
    eventID: `e${index}`,
    dynamodb: { SequenceNumber: String(100 + index), Keys: { pk: { S: key } } },
  }));
const keyOf = (record: DynamoDBRecord) => record.dynamodb?.Keys?.pk?.S ?? '';
const seq = (record: DynamoDBRecord) => record.dynamodb?.SequenceNumber ?? '';

describe('handleInOrderPerKey', () => {
  it("keeps each key's records in order while another key's wait does not hold it up", async () => {
    const records = recordsOf(['a', 'b', 'a', 'b', 'a']);
    const handled: string[] = [];
    let releaseB: () => void = () => undefined;
    const bWaits = new Promise<void>((resolve) => {
      releaseB = resolve;
    });

    const batch = handleInOrderPerKey('test', records, keyOf, async (record) => {
      // b's first record waits until every record of a is done: with one key at a time, it never would.
      if (seq(record) === '101') await bWaits;
      handled.push(`${keyOf(record)}${seq(record)}`);
      if (handled.filter((entry) => entry.startsWith('a')).length === 3) releaseB();
    });

    expect(await batch).toEqual({ batchItemFailures: [] });
    expect(handled).toEqual(['a100', 'a102', 'a104', 'b101', 'b103']);
  });

  it('stops a failing key at its failure, finishes the others, and retries from the first failure on', async () => {
    const records = recordsOf(['a', 'b', 'b', 'c', 'b', 'c']);
    const handled: string[] = [];

    const response = await handleInOrderPerKey('test', records, keyOf, async (record) => {
      if (seq(record) === '102') throw new Error('publish failed');
      handled.push(seq(record));
    });

    // b's record after its failure waits; a and c are done; the shard retries from 102 on.
    expect(handled.sort()).toEqual(['100', '101', '103', '105']);
    expect(response.batchItemFailures.map(({ itemIdentifier }) => itemIdentifier)).toEqual([
      '102',
      '103',
      '104',
      '105',
    ]);
  });

  it('fails the invocation when the first record fails, so that Lambda bisects the batch', async () => {
    const records = recordsOf(['a', 'b']);

    const batch = handleInOrderPerKey('test', records, keyOf, async (record) => {
      if (seq(record) === '100') throw new Error('poison');
    });

    await expect(batch).rejects.toThrow(StreamBatchError);
  });
});
