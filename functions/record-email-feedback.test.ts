import { describe, expect, it } from 'vitest';
import { type ContactKey, erasedKeyOf } from '../lib/contacts/contact-keys.js';
import { INVITATION_TAG } from '../lib/invitations/email/email-feedback.js';
import { DynamoDbPersonalData } from '../lib/people/dynamodb-personal-data.js';
import { ValidationError } from '../lib/platform/errors.js';
import { everyItemOf, freshTable } from '../test/support/dynamodb.js';
import { freshStores, storesOn } from '../test/support/handlers.js';
import { clockAt } from '../test/support/in-memory.js';
import { context, loadEvent } from '../test/support/lambda.js';
import { aSentInvitation, INVITATION_ID } from '../test/support/samples.js';
import { createHandler } from './record-email-feedback.js';

const setup = async () => {
  const { contacts, invitations } = await freshStores();
  const deps = { contacts, invitations, clock: clockAt('2026-11-27T10:05:00Z') };
  const reasonOf = async (address: string) =>
    (await deps.contacts.suppressionOf([{ key: `email:${address}`, except: [] }]))?.reason ?? null;
  return { deps, reasonOf, handler: createHandler(deps) };
};

const recipientsOf = (fixture: string): string[] => {
  const message = JSON.parse(loadEvent(`ses-feedback/${fixture}`).Records[0].Sns.Message);
  return (message.bounce?.bouncedRecipients ?? message.complaint?.complainedRecipients ?? []).map(
    (r: { emailAddress: string }) => r.emailAddress.toLowerCase(),
  );
};

describe('record-email-feedback', () => {
  it.each([
    ['bounce-permanent.json', 'hard-bounce'],
    ['complaint.json', 'complaint'],
  ])('suppresses the recipients of %s as %s', async (fixture, reason) => {
    const { handler, reasonOf } = await setup();

    await handler(loadEvent(`ses-feedback/${fixture}`), context());

    for (const address of recipientsOf(fixture)) expect(await reasonOf(address)).toBe(reason);
  });

  it('suppresses the destination of an unsubscribe-all subscription event as unsubscribed', async () => {
    const { handler, reasonOf } = await setup();
    const event = loadEvent('ses-feedback/subscription-unsubscribe-all.json');
    const [address] = JSON.parse(event.Records[0].Sns.Message).mail.destination;

    await handler(event, context());

    expect(await reasonOf(address.toLowerCase())).toBe('unsubscribed');
  });

  it.each(['bounce-transient.json', 'delivery.json'])('suppresses nobody for %s', async (fixture) => {
    const { handler, reasonOf } = await setup();
    const event = loadEvent(`ses-feedback/${fixture}`);
    const message = JSON.parse(event.Records[0].Sns.Message);

    await handler(event, context());

    for (const address of message.mail.destination) expect(await reasonOf(address.toLowerCase())).toBeNull();
  });

  it('suppresses the address of an erased person as its keyed hash, never in the clear', async () => {
    const table = await freshTable();
    const { contacts, invitations } = storesOn(table);
    const deps = { contacts, invitations, clock: clockAt('2026-11-27T10:05:00Z') };
    const hashOf = (key: ContactKey) => erasedKeyOf(key, 'test-signing-key');
    await invitations.create(aSentInvitation({ customer: { id: 'c-1', email: 'nobody@example.com' } }));
    await new DynamoDbPersonalData(table.client, table.tableName).eraseInvitation(
      INVITATION_ID,
      new Date('2026-11-27T10:00:00Z'),
      hashOf,
    );
    const event = loadEvent('ses-feedback/bounce-permanent.json');
    const message = JSON.parse(event.Records[0].Sns.Message);
    message.mail.tags[INVITATION_TAG] = [INVITATION_ID];
    event.Records[0].Sns.Message = JSON.stringify(message);

    await createHandler(deps)(event, context());

    expect(await contacts.suppressionOf([{ key: 'email:nobody@example.com', except: [] }])).toBeNull();
    const items = await everyItemOf({ dynamoDbEndpoint: table.endpoint, tableName: table.tableName });
    expect(items.find((item) => item.pk === `CONTACT#${hashOf('email:nobody@example.com')}`)).toMatchObject({
      sk: 'SUPPRESSION',
      reason: 'hard-bounce',
    });
    expect(items.filter((item) => JSON.stringify(item).includes('nobody@'))).toEqual([]);
  });

  it('throws a ValidationError for a message that is not an SES event, for the on-failure queue', async () => {
    const { handler } = await setup();
    const event = loadEvent('ses-feedback/complaint.json');
    event.Records[0].Sns.Message = JSON.stringify({ eventType: 'Bounce', mail: { messageId: 'm' } });

    const error = await handler(event, context()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/Message\.bounce: is required for Bounce/);
  });
});
