import { DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { ensureTable, LOCAL_AWS } from '../infra/local/dynamodb-local.js';
import { caseOf } from '../lib/cases/case.js';
import { DynamoDbCaseStore } from '../lib/cases/dynamodb-case-store.js';
import { personKeysOf } from '../lib/contacts/contact-keys.js';
import { DynamoDbContactLedger } from '../lib/contacts/dynamodb-contact-ledger.js';
import { DynamoDbPersonIndex } from '../lib/contacts/dynamodb-person-index.js';
import { DynamoDbFeedbackStore, writeInBatches } from '../lib/feedback/dynamodb-feedback-store.js';
import { entryOf } from '../lib/feedback/entry.js';
import { DynamoDbInvitationStore } from '../lib/invitations/dynamodb-invitation-store.js';
import { DynamoDbResponseStore } from '../lib/invitations/dynamodb-response-store.js';
import type { Invitation } from '../lib/invitations/invitation.js';
import type { Response } from '../lib/invitations/response.js';
import { DynamoDbSmsConversations } from '../lib/invitations/sms/dynamodb-sms-conversations.js';
import { DynamoDbPersonalData } from '../lib/people/dynamodb-personal-data.js';
import { erasePerson } from '../lib/people/erase-person.js';
import { itemOf } from '../lib/platform/dynamodb-items.js';
import { responseKey } from '../lib/platform/table-design.js';
import { meterCapacity } from './consumed-capacity.js';

const NOW = new Date('2026-11-26T12:00:00Z');
const RETENTION = { days: 400 };
const PERSON = { id: 'c-bench-person', email: 'person@example.com', phone: '+14155550100', name: 'Ana' };
/** The person's interactions: half by email, half by SMS, every one answered with a comment. */
const INTERACTIONS = 10;
const WRITERS = 16;

/** Another customer's answer, stored as the response store stores one. */
const otherAnswer = (i: number): Response => {
  const answeredAt = new Date(NOW.getTime() - (i % 30) * 86_400_000).toISOString();
  return {
    invitationId: `other-${String(i).padStart(7, '0')}`,
    interactionId: `zd-${String(i).padStart(7, '0')}`,
    survey: 'nps',
    score: (i * 7) % 11,
    comment: 'The agent was helpful but the wait was long.',
    suspect: false,
    day: answeredAt.slice(0, 10),
    answeredAt,
    updatedAt: answeredAt,
    team: `team-${i % 5}`,
    channel: 'phone',
    touchpoint: 'support-ticket',
    customerId: `c-${i}`,
    customerEmail: `c-${i}@example.com`,
  };
};

const storeOthers = async (client: DynamoDBClient, tableName: string, count: number) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < count) {
        const start = next;
        next = Math.min(count, next + 25);
        const batch: WriteRequest[] = [];
        for (let i = start; i < next; i += 1) {
          const answer = otherAnswer(i);
          batch.push({
            PutRequest: {
              Item: itemOf({ ...answer, ...responseKey(answer.invitationId), type: 'response' }),
            },
          });
        }
        await writeInBatches(client, tableName, batch);
      }
    }),
  );
};

/** The person's story, through the real stores: invited, answered with comments, listed, a case, both suppressions. */
const storePerson = async (client: DynamoDBClient, tableName: string) => {
  const index = new DynamoDbPersonIndex(client, tableName, RETENTION);
  const invitations = new DynamoDbInvitationStore(client, tableName, RETENTION);
  const responses = new DynamoDbResponseStore(client, tableName, RETENTION);
  const feedback = new DynamoDbFeedbackStore(client, tableName, RETENTION);
  const cases = new DynamoDbCaseStore(client, tableName, RETENTION);
  const contacts = new DynamoDbContactLedger(client, tableName, RETENTION);
  const sms = new DynamoDbSmsConversations(client, tableName);
  for (let i = 0; i < INTERACTIONS; i += 1) {
    const via = i % 2 === 0 ? 'email' : 'sms';
    const at = new Date(NOW.getTime() - (i + 1) * 86_400_000);
    const invitation: Invitation = {
      invitationId: `person-${i}`,
      interactionId: `person-ix-${i}`,
      survey: 'nps',
      via,
      customer:
        via === 'email'
          ? { id: PERSON.id, email: PERSON.email, name: PERSON.name }
          : { id: PERSON.id, phone: PERSON.phone, name: PERSON.name },
      touchpoint: 'support-ticket',
      channel: 'phone',
      team: 'billing',
      occurredAt: at.toISOString(),
      createdAt: at.toISOString(),
      dueAt: at.toISOString(),
      status: 'sent',
      sentAt: at.toISOString(),
    };
    await index.remember(personKeysOf(invitation.customer), invitation.invitationId, at);
    await invitations.create(invitation);
    if (via === 'sms')
      await sms.recordSent({
        phone: PERSON.phone,
        invitationId: invitation.invitationId,
        messageId: `m-${i}`,
        sentAt: at,
      });
    const answer: Response = {
      ...otherAnswer(i),
      invitationId: invitation.invitationId,
      interactionId: invitation.interactionId,
      score: i === 0 ? 2 : 8,
      comment: `comment ${i} from ${PERSON.name}`,
      team: 'billing',
      customerId: PERSON.id,
      customerName: PERSON.name,
    };
    await responses.save(answer);
    await feedback.keep(invitation.invitationId, entryOf(answer));
    if (i === 0) await cases.open(caseOf(answer, at));
  }
  await contacts.suppress({ key: `email:${PERSON.email}`, reason: 'unsubscribed', at: NOW.toISOString() });
  await contacts.suppress({ key: `phone:${PERSON.phone}`, reason: 'sms-opt-out', at: NOW.toISOString() });
};

export interface ErasureFigures {
  rcu: number;
  wcu: number;
  rcu100k: number;
  wcu100k: number;
}

/**
 * Read and write units (`ReturnConsumedCapacity`, DynamoDB Local, transactions at AWS's two units an
 * item) to erase a person with 10 interactions, answers with comments listed, a case and two
 * suppressions: alone in the table, and beside 100,000 other stored answers.
 */
export const measureErasure = async (endpoint: string): Promise<ErasureFigures> => {
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint });
  const meter = meterCapacity(client);
  const figures: number[][] = [];
  try {
    for (const others of [0, 100_000]) {
      const tableName = `bench-erasure-${others}-${Date.now()}`;
      await ensureTable(client, tableName, { stream: false });
      await storeOthers(client, tableName, others);
      await storePerson(client, tableName);
      meter.reset();
      const { erased } = await erasePerson({ customerId: PERSON.id }, 'integrator:bench', {
        people: new DynamoDbPersonIndex(client, tableName, RETENTION),
        contacts: new DynamoDbContactLedger(client, tableName, RETENTION),
        personalData: new DynamoDbPersonalData(client, tableName, RETENTION),
        invitations: new DynamoDbInvitationStore(client, tableName, RETENTION),
        responses: new DynamoDbResponseStore(client, tableName, RETENTION),
        cases: new DynamoDbCaseStore(client, tableName, RETENTION),
        feedback: new DynamoDbFeedbackStore(client, tableName, RETENTION),
        clock: { now: () => NOW },
        signingKey: async () => 'bench-signing-key',
        defaultCountry: 'US',
      });
      if (erased.invitations !== INTERACTIONS || erased.cases !== 1 || erased.suppressions !== 2) {
        throw new Error(`the erasure missed some of the person: ${JSON.stringify(erased)}`);
      }
      figures.push([meter.readUnits, meter.writeUnits]);
    }
  } finally {
    client.destroy();
  }
  const [alone = [0, 0], crowded = [0, 0]] = figures;
  return { rcu: alone[0] ?? 0, wcu: alone[1] ?? 0, rcu100k: crowded[0] ?? 0, wcu100k: crowded[1] ?? 0 };
};
