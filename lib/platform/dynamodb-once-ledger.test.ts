import { describe, expect, it } from 'vitest';
import { freshTable } from '../../test/support/dynamodb.js';
import { DynamoDbOnceLedger } from './dynamodb-once-ledger.js';
import { ClaimHeldError } from './errors.js';

const LEASE_MS = 30_000;
const at = (seconds: number) => new Date(Date.UTC(2026, 10, 26, 10, 0, seconds));

const ledgerOn = async () => {
  const table = await freshTable();
  return new DynamoDbOnceLedger(table.client, table.tableName, {
    keyOf: (key) => ({ pk: `TEST#${key}`, sk: 'ONCE' }),
    type: 'test',
    leaseMs: LEASE_MS,
    statuses: { claimed: 'working', done: 'worked' },
  });
};

describe('DynamoDbOnceLedger', () => {
  it('lets exactly one of many concurrent claims of a key proceed, and tells the others it is held', async () => {
    // Prepare
    const ledger = await ledgerOn();

    // Act
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => ledger.claim('k', at(0))));

    // Assess
    expect(outcomes.filter((o) => o.status === 'fulfilled' && o.value === true)).toHaveLength(1);
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(refused).toHaveLength(7);
    for (const o of refused) expect((o as PromiseRejectedResult).reason).toBeInstanceOf(ClaimHeldError);
  });

  it('answers false for work already done, however late the redelivery', async () => {
    // Prepare
    const ledger = await ledgerOn();
    await ledger.claim('k', at(0));
    await ledger.complete('k', at(1), { outcome: 'sent' });

    // Act
    const again = await ledger.claim('k', at(59));
    const muchLater = await ledger.claim('k', new Date(at(0).getTime() + 86_400_000));

    // Assess
    expect([again, muchLater]).toEqual([false, false]);
  });

  it('keeps a claim whose holder may still be working, and hands it over once the lease has run out', async () => {
    // Prepare: the holder claimed, then died before completing
    const ledger = await ledgerOn();
    await ledger.claim('k', at(0));

    // Act
    const early = await ledger.claim('k', at(29)).catch((error: unknown) => error);
    const afterLease = await ledger.claim('k', at(30));

    // Assess
    expect(early).toBeInstanceOf(ClaimHeldError);
    expect(afterLease).toBe(true);
  });

  it('keeps each key apart', async () => {
    // Prepare
    const ledger = await ledgerOn();
    await ledger.claim('a', at(0));

    // Act
    const other = await ledger.claim('b', at(0));

    // Assess
    expect(other).toBe(true);
  });
});
