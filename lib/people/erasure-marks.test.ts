import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { everyItemOf, freshTable } from '../../test/support/dynamodb.js';
import {
  aCase,
  anInvitation,
  aResponse,
  aSentInvitation,
  INVITATION_ID,
} from '../../test/support/samples.js';
import { DynamoDbCaseStore } from '../cases/dynamodb-case-store.js';
import { type ContactKey, erasedKeyOf } from '../contacts/contact-keys.js';
import { DynamoDbFeedbackStore } from '../feedback/dynamodb-feedback-store.js';
import { entryOf } from '../feedback/entry.js';
import { DynamoDbInvitationStore } from '../invitations/dynamodb-invitation-store.js';
import { DynamoDbResponseStore } from '../invitations/dynamodb-response-store.js';
import { DynamoDbSmsConversations } from '../invitations/sms/dynamodb-sms-conversations.js';
import { SurveyClosedError } from '../platform/errors.js';
import { listingMarkerKey } from '../platform/table-design.js';
import { DynamoDbPersonalData } from './dynamodb-personal-data.js';

/** The keyed hash an erasure keeps of an address, with a test key. */
const hashOf = (key: ContactKey) => erasedKeyOf(key, 'test-signing-key');

/*
 * The marks an erasure leaves, honoured by every writer that may still be in flight: a stream record
 * read before the erasure, an answer posted while it ran, a send that was under way.
 */

const AT = new Date('2026-11-27T09:00:00Z');

let table: Awaited<ReturnType<typeof freshTable>>;
let personalData: DynamoDbPersonalData;
let invitations: DynamoDbInvitationStore;
let responses: DynamoDbResponseStore;

beforeEach(async () => {
  table = await freshTable();
  personalData = new DynamoDbPersonalData(table.client, table.tableName);
  invitations = new DynamoDbInvitationStore(table.client, table.tableName);
  responses = new DynamoDbResponseStore(table.client, table.tableName);
});

describe('the marks of an erasure', () => {
  it('refuses an answer to an erased invitation, as a closed survey', async () => {
    await invitations.create(aSentInvitation());
    await personalData.eraseInvitation(INVITATION_ID, AT, hashOf);

    await expect(responses.save(aResponse())).rejects.toBeInstanceOf(SurveyClosedError);
    expect(await responses.get(INVITATION_ID)).toBeNull();
  });

  it('refuses a change of an erased answer, which keeps its score and loses its words', async () => {
    await invitations.create(aSentInvitation());
    await responses.save(aResponse({ comment: 'call Ana on +14155550100' }));
    await personalData.eraseResponse(INVITATION_ID, AT);

    await expect(responses.save(aResponse({ comment: 'again' }))).rejects.toBeInstanceOf(SurveyClosedError);
    expect(await responses.get(INVITATION_ID)).toMatchObject({ score: 3, comment: '', customerId: '' });
  });

  it('cancels an invitation still waiting to go out, and moves an erased one no more', async () => {
    await invitations.create(anInvitation());
    expect(await personalData.eraseInvitation(INVITATION_ID, AT, hashOf)).toBe(true);

    expect(await invitations.get(INVITATION_ID)).toMatchObject({
      status: 'cancelled',
      reasonCode: 'erased',
      customer: { id: '' },
    });
    expect(await invitations.transition(INVITATION_ID, 'cancelled', 'scheduled')).toBe(false);
    expect(await personalData.eraseInvitation(INVITATION_ID, AT, hashOf)).toBe(false);
  });

  it('opens no case from a record read before its answer was erased', async () => {
    const cases = new DynamoDbCaseStore(table.client, table.tableName);
    await invitations.create(aSentInvitation());
    await responses.save(aResponse());
    await personalData.eraseResponse(INVITATION_ID, AT);

    expect(await cases.open(aCase())).toBe(false);
    expect(await cases.get(INVITATION_ID)).toBeNull();
  });

  it('lists no answer again once erased, and takes back copies written while the erasure ran', async () => {
    const feedback = new DynamoDbFeedbackStore(table.client, table.tableName);
    const entry = entryOf(aResponse());
    await feedback.keep(INVITATION_ID, entry);
    const listed = async () =>
      feedback.newest({
        survey: 'nps',
        facet: 'all',
        residual: null,
        from: '2026-11-01',
        to: '2026-11-30',
        limit: 10,
      });
    expect(await listed()).toHaveLength(1);

    expect(await feedback.erase(INVITATION_ID, AT)).toBeGreaterThan(0);
    await feedback.keep(INVITATION_ID, entry);

    expect(await listed()).toEqual([]);
    // Repeated after a failure half-way: the same copies, deleted again, nothing listed.
    expect(await feedback.erase(INVITATION_ID, AT)).toBeGreaterThan(0);
    expect(await listed()).toEqual([]);
  });

  it('takes back, when its change comes again, the copies a keep wrote before it failed past the erasure', async () => {
    const feedback = new DynamoDbFeedbackStore(table.client, table.tableName);
    const entry = entryOf(aResponse({ comment: 'call Ana on +14155550100' }));
    await feedback.keep(INVITATION_ID, entry);
    // The erasure marked the answer but knew nothing of these copies: the keep that wrote them had
    // failed before it named them on the marker.
    await table.client.send(
      new UpdateItemCommand({
        TableName: table.tableName,
        Key: marshall(listingMarkerKey(INVITATION_ID)),
        UpdateExpression: 'SET erasedAt = :at REMOVE facets',
        ExpressionAttributeValues: marshall({ ':at': AT.toISOString() }),
      }),
    );
    const copies = async () =>
      (await everyItemOf({ dynamoDbEndpoint: table.endpoint, tableName: table.tableName })).filter(
        (item) => item.type === 'answer-listed',
      );
    expect(await copies()).not.toEqual([]);

    await feedback.keep(INVITATION_ID, entry);

    expect(await copies()).toEqual([]);
  });

  it('records no SMS under the number of an invitation erased while it was being sent', async () => {
    const conversations = new DynamoDbSmsConversations(table.client, table.tableName);
    await invitations.create(aSentInvitation({ via: 'sms', customer: { id: 'c-9', phone: '+14155550100' } }));
    await personalData.eraseInvitation(INVITATION_ID, AT, hashOf);

    await conversations.recordSent({
      phone: '+14155550100',
      invitationId: INVITATION_ID,
      messageId: 'm-1',
      sentAt: AT,
    });

    expect(await conversations.latestInvitationsTo('+14155550100', 5)).toEqual([]);
    expect(await conversations.invitationOfMessage('m-1')).toBeNull();
  });
});
