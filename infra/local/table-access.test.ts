import { GetItemCommand, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  aggregatePartition,
  alertKey,
  CASE_LIST_PARTITION,
  CASE_UPDATES_PARTITION,
  caseKey,
  caseStatsKey,
  invitationKey,
  lastSentKey,
  metricStateKey,
  nextAnswerKey,
  PARTITIONS,
  type Partition,
  partitionPattern,
  recoveryCountedKey,
  smsInboundKey,
  smsMessageKey,
  smsSentKey,
  suppressionKey,
} from '../../lib/platform/table-design.js';
import { freshTable } from '../../test/support/dynamodb.js';
import type { TableAccess } from '../wiring.js';
import { LOCAL_AWS } from './dynamodb-local.js';
import { refusalOf, tableClientHeldTo } from './table-access.js';

const key = (pk: string, sk = 'X') => marshall({ pk, sk });
const reader: TableAccess = { actions: ['GetItem', 'Query'], partitions: ['invitation'] };

describe('the partitions', () => {
  it.each([
    ['invitation', invitationKey('i1').pk],
    ['invitation', caseKey('i1').pk],
    ['invitation', alertKey('detractor#i1').pk],
    ['metric', alertKey('metric#nps/30d/all#1#fell').pk],
    ['metric', metricStateKey('nps/30d/all').pk],
    ['contact', suppressionKey('email:a@example.com').pk],
    ['contact', lastSentKey('customer:c1').pk],
    ['contact', smsSentKey('+15550100', '2025-01-01T00:00:00Z', 'i1').pk],
    ['smsMessage', smsMessageKey('m1').pk],
    ['smsReply', smsInboundKey('in1').pk],
    ['aggregate', aggregatePartition('nps', null)],
    ['aggregate', aggregatePartition('nps', { dimension: 'team', value: 'billing' })],
    ['caseList', CASE_LIST_PARTITION],
    ['caseUpdates', CASE_UPDATES_PARTITION],
    ['caseStats', caseStatsKey(null, '2026-11-26').pk],
    ['caseStats', caseStatsKey('CASES', '2026-11-26').pk],
    ['followUp', nextAnswerKey('c1', 'i1').pk],
    ['invitation', recoveryCountedKey('i1').pk],
  ] as [Partition, string][])('hold every %s key (%s) in exactly that partition', (partition, pk) => {
    const holding = (Object.keys(PARTITIONS) as Partition[]).filter(
      (other) =>
        refusalOf({ actions: ['GetItem'], partitions: [other] }, 'GetItemCommand', { Key: key(pk) }) === null,
    );
    expect(holding).toEqual([partition]);
  });

  it('are IAM patterns: a prefix and any rest, or a whole key', () => {
    expect(partitionPattern('invitation')).toBe('INV#*');
    expect(partitionPattern('caseList')).toBe('CASES');
  });
});

describe('refusalOf', () => {
  it('allows a granted action under a granted partition', () => {
    expect(refusalOf(reader, 'GetItemCommand', { Key: key('INV#1') })).toBeNull();
  });

  it('refuses an action not granted', () => {
    expect(refusalOf(reader, 'PutItemCommand', { Item: key('INV#1') })).toBe('may not PutItem on the table');
  });

  it('refuses a scan to whoever is not granted one, which nobody can be', () => {
    expect(refusalOf(reader, 'ScanCommand', {})).toBe('may not Scan on the table');
  });

  it('refuses a key outside the partitions', () => {
    expect(refusalOf(reader, 'GetItemCommand', { Key: key('CONTACT#email:a@example.com') })).toBe(
      'may not GetItem under CONTACT#email:a@example.com',
    );
  });

  it('reads the partition a query binds, named directly or through a placeholder', () => {
    const query = (expression: string, names?: Record<string, string>) =>
      refusalOf(reader, 'QueryCommand', {
        KeyConditionExpression: expression,
        ...(names ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: marshall({ ':pk': 'CASES', ':from': 'a' }),
      });
    expect(query('pk = :pk AND sk >= :from')).toBe('may not Query under CASES');
    expect(query('#p = :pk', { '#p': 'pk' })).toBe('may not Query under CASES');
  });

  it('refuses a query of an index, which no grant names', () => {
    expect(
      refusalOf(reader, 'QueryCommand', {
        IndexName: 'byStatus',
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: marshall({ ':pk': 'INV#1' }),
      }),
    ).toBe('may not Query an index');
  });

  it('holds each action of a transaction to its own grant and key', () => {
    const access: TableAccess = {
      actions: ['PutItem', 'UpdateItem'],
      partitions: ['invitation', 'caseList'],
    };
    const transaction = (...items: object[]) =>
      refusalOf(access, 'TransactWriteItemsCommand', { TransactItems: items });
    expect(transaction({ Put: { Item: key('INV#1') } }, { Put: { Item: key('CASES') } })).toBeNull();
    expect(transaction({ Put: { Item: key('INV#1') } }, { Delete: { Key: key('CASEUPDATES') } })).toBe(
      'may not DeleteItem on the table',
    );
    expect(transaction({ ConditionCheck: { Key: key('INV#1') } })).toBe(
      'may not ConditionCheckItem on the table',
    );
    expect(transaction({ Update: { Key: key('AGG#nps#*#*') } })).toBe('may not UpdateItem under AGG#nps#*#*');
  });

  it('holds every key of a batch to the partitions', () => {
    const access: TableAccess = { actions: ['BatchGetItem'], partitions: ['contact'] };
    const batch = (...pks: string[]) =>
      refusalOf(access, 'BatchGetItemCommand', {
        RequestItems: { pulse: { Keys: pks.map((pk) => key(pk)) } },
      });
    expect(batch('CONTACT#email:a@example.com', 'CONTACT#customer:c1')).toBeNull();
    expect(batch('CONTACT#email:a@example.com', 'INV#1')).toBe('may not BatchGetItem under INV#1');
  });

  it('holds the actions a grant adds to its own partitions, as a statement of their own', () => {
    const access: TableAccess = {
      actions: ['GetItem', 'Query'],
      partitions: ['session', 'invitation'],
      also: [
        { actions: ['PutItem'], partitions: ['login', 'session'] },
        { actions: ['DeleteItem'], partitions: ['login'] },
      ],
    };

    expect(refusalOf(access, 'GetItemCommand', { Key: key('INV#1') })).toBeNull();
    expect(refusalOf(access, 'PutItemCommand', { Item: key('SESSION#a') })).toBeNull();
    expect(refusalOf(access, 'DeleteItemCommand', { Key: key('LOGIN#a') })).toBeNull();
    expect(refusalOf(access, 'PutItemCommand', { Item: key('INV#1') })).toBe('may not PutItem under INV#1');
    expect(refusalOf(access, 'DeleteItemCommand', { Key: key('SESSION#a') })).toBe(
      'may not DeleteItem under SESSION#a',
    );
    expect(refusalOf(access, 'GetItemCommand', { Key: key('LOGIN#a') })).toBe(
      'may not GetItem under LOGIN#a',
    );
    expect(refusalOf(access, 'UpdateItemCommand', { Key: key('LOGIN#a') })).toBe(
      'may not UpdateItem on the table',
    );
  });

  it('refuses everything to a function without the table', () => {
    expect(refusalOf(undefined, 'GetItemCommand', { Key: key('INV#1') })).toBe(
      'may not GetItem on the table',
    );
  });
});

describe('tableClientHeldTo', () => {
  it('sends what the grant allows and refuses the rest before it leaves', async () => {
    const { endpoint, tableName } = await freshTable();
    const client = tableClientHeldTo({ ...LOCAL_AWS, endpoint }, 'get-case', reader);
    try {
      await expect(
        client.send(new GetItemCommand({ TableName: tableName, Key: key('INV#1') })),
      ).resolves.toMatchObject({});
      await expect(
        client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: marshall({ ':pk': 'CASES' }),
          }),
        ),
      ).rejects.toMatchObject({
        name: 'AccessDeniedException',
        message: 'get-case may not Query under CASES',
      });
      await expect(client.send(new ScanCommand({ TableName: tableName }))).rejects.toMatchObject({
        name: 'AccessDeniedException',
        message: 'get-case may not Scan on the table',
      });
    } finally {
      client.destroy();
    }
  });
});
