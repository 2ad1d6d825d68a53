import { describe, expect, it } from 'vitest';
import { everyItemOf, freshTable } from '../../../test/support/dynamodb.js';
import { DynamoDbSmsConversations } from './dynamodb-sms-conversations.js';

const SENT_AT = new Date('2026-11-20T12:00:00.000Z');
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** When the items of one recorded SMS expire, in seconds after it was sent. */
const keptFor = async (retention?: { days: number }) => {
  const table = await freshTable();
  await new DynamoDbSmsConversations(table.client, table.tableName, retention).recordSent({
    phone: '+14155550100',
    invitationId: 'inv-1',
    messageId: 'm-1',
    sentAt: SENT_AT,
  });
  const items = await everyItemOf({ dynamoDbEndpoint: table.endpoint, tableName: table.tableName });
  return items.map((item) => Number(item.expiresAt) - seconds(SENT_AT));
};

describe('DynamoDbSmsConversations', () => {
  it("keeps an SMS's items a week past the survey, or the stage's retention when that is shorter", async () => {
    expect(await keptFor()).toEqual([37 * 86_400, 37 * 86_400]);
    expect(await keptFor({ days: 400 })).toEqual([37 * 86_400, 37 * 86_400]);
    expect(await keptFor({ days: 2 })).toEqual([2 * 86_400, 2 * 86_400]);
  });
});
