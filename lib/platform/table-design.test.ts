import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { freshTable } from '../../test/support/dynamodb.js';
import { clockAt } from '../../test/support/in-memory.js';
import { aCase, anInvitation, aResponse } from '../../test/support/samples.js';
import { DynamoDbPageStamps } from '../answers/web/dynamodb-page-stamps.js';
import { addCaseNote } from '../cases/cases.js';
import { DynamoDbCaseStore } from '../cases/dynamodb-case-store.js';
import { DynamoDbContactLedger } from '../contacts/dynamodb-contact-ledger.js';
import { DynamoDbFeedbackStore } from '../feedback/dynamodb-feedback-store.js';
import { entryOf } from '../feedback/entry.js';
import { DynamoDbInvitationStore } from '../invitations/dynamodb-invitation-store.js';
import { DynamoDbResponseStore } from '../invitations/dynamodb-response-store.js';
import { DynamoDbSmsConversations } from '../invitations/sms/dynamodb-sms-conversations.js';
import { PERSONAL_DATA } from './table-design.js';

/** Values no field would hold by chance: wherever one lands, a person's data landed. */
const PERSON = {
  id: 'pii-customer-7731',
  email: 'pii.person@example.com',
  phone: '+14155550177',
  name: 'Pii Person',
  comment: 'pii comment: the wait was awful',
  heldComment: 'pii held comment: nobody called back',
  userAgent: 'pii browser Mozilla/5.0 (iPhone)',
  attribute: 'pii attribute value',
  timeZone: 'America/Anchorage',
  note: 'pii note: called back',
};

/** The item kind of a stored item, by the keys of the table design. */
const kindOf = ({ pk, sk }: { pk: string; sk: string }): string => {
  if (pk === 'CASES') return 'case listed';
  if (pk === 'CASEUPDATES') return 'case update due';
  if (pk.startsWith('INV#'))
    return sk === 'INVITATION'
      ? 'invitation'
      : sk === 'RESPONSE'
        ? 'response'
        : sk === 'CASE'
          ? 'case'
          : sk.startsWith('STAMP#')
            ? 'page stamp'
            : sk === 'COUNTED#recovery'
              ? 'recovery answer counted'
              : sk === 'LISTED'
                ? 'listing marker'
                : 'alert';
  if (pk.startsWith('CONTACT#'))
    return sk === 'SUPPRESSION' ? 'suppression' : sk === 'LAST_SENT' ? 'last send' : 'SMS sent';
  if (pk.startsWith('CASESTATS#')) return 'case statistics';
  if (pk.startsWith('FOLLOWUP#')) return 'next answer';
  if (pk.startsWith('ANSWERS#')) return 'answer listed';
  if (pk.startsWith('SMSOUT#')) return 'SMS message';
  if (pk.startsWith('SMSIN#')) return 'SMS reply';
  return `unknown ${pk}`;
};

/** Every path of an item whose value carries one of the person's values. */
const personalPaths = (value: unknown, path = ''): string[] => {
  if (typeof value === 'string') return Object.values(PERSON).some((p) => value.includes(p)) ? [path] : [];
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) =>
      personalPaths(inner, path ? `${path}.${key}` : key),
    );
  }
  return [];
};

/** Where a path is catalogued: a whole map (attributes) covers its keys; a key covers pk. */
const isCatalogued = (kind: string, path: string): boolean => {
  const listed: readonly string[] = PERSONAL_DATA[kind as keyof typeof PERSONAL_DATA] ?? [];
  return listed.some((entry) => {
    const field = entry.split(' ')[0] as string;
    return path === field || path.startsWith(`${field}.`);
  });
};

describe('PERSONAL_DATA', () => {
  it("names every field in which a person's data is stored, item by item", async () => {
    // Prepare: the person's data written by every store that keeps some
    const { client, tableName } = await freshTable();
    const customer = {
      id: PERSON.id,
      email: PERSON.email,
      phone: PERSON.phone,
      name: PERSON.name,
      timeZone: PERSON.timeZone,
    };
    const attributes = { ticket: PERSON.attribute };
    const invitations = new DynamoDbInvitationStore(client, tableName);
    await invitations.create(anInvitation({ customer, attributes, smsUnreadText: PERSON.comment }));
    const answer = {
      customerId: PERSON.id,
      customerName: PERSON.name,
      customerEmail: PERSON.email,
      customerPhone: PERSON.phone,
      comment: PERSON.comment,
      attributes,
    };
    const signals = {
      scriptRan: true,
      interactions: 0,
      pageDwellMs: 900,
      sinceSentMs: 600_000,
      userAgent: PERSON.userAgent,
    };
    await new DynamoDbResponseStore(client, tableName).save(
      aResponse({
        ...answer,
        suspectSignals: signals,
        heldChange: {
          score: 1,
          comment: PERSON.heldComment,
          reasons: ['the page script ran, but saw no tap, click or key'],
          signals,
          receivedAt: '2026-11-26T10:20:00.000Z',
        },
      }),
    );
    const listed = aResponse({ ...answer, agent: 'agent-7' });
    await new DynamoDbFeedbackStore(client, tableName).keep(listed.invitationId, entryOf(listed));
    const cases = new DynamoDbCaseStore(client, tableName);
    const opened = aCase(answer);
    await cases.open(opened);
    await cases.revise(opened, {
      answerLog: [{ at: '2026-11-26T10:20:00.000Z', score: 1, scoreBefore: 3, comment: PERSON.heldComment }],
      updateDueAt: '2026-11-26T10:25:00.000Z',
    });
    await new DynamoDbPageStamps(client, tableName).use(
      opened.caseId,
      'stamp-1',
      'digest',
      new Date('2026-11-27T10:15:00Z'),
    );
    await cases.transition(opened.caseId, 'open', 'resolved', {
      resolution: { reason: 'called-back', note: PERSON.note },
      resolvedAt: '2026-11-26T11:00:00Z',
    });
    await addCaseNote(
      opened.caseId,
      { note: PERSON.note },
      { cases, clock: clockAt('2026-11-26T11:05:00Z') },
    );
    const contacts = new DynamoDbContactLedger(client, tableName);
    await contacts.suppress({
      key: `email:${PERSON.email}`,
      reason: 'unsubscribed',
      at: '2026-11-26T10:00:00Z',
      source: `unsubscribe:${PERSON.email}`,
    });
    await contacts.suppress({
      key: `phone:${PERSON.phone}`,
      reason: 'sms-opt-out',
      at: '2026-11-26T10:00:00Z',
      source: 'sms:in-1',
    });
    await new DynamoDbSmsConversations(client, tableName).recordSent({
      phone: PERSON.phone,
      invitationId: 'inv-pii',
      messageId: 'sns-pii',
      sentAt: new Date('2026-11-26T10:00:00Z'),
    });

    // Act
    const { Items = [] } = await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }));

    // Assess
    const uncatalogued = Items.map((item) => unmarshall(item) as { pk: string; sk: string })
      .flatMap((item) => personalPaths(item).map((path) => ({ kind: kindOf(item), path })))
      .filter(({ kind, path }) => !isCatalogued(kind, path));
    expect(Items.length).toBeGreaterThanOrEqual(10);
    expect(uncatalogued).toEqual([]);
  });
});
