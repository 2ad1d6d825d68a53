import { describe, expect, it } from 'vitest';
import { invitationIdOf } from '../lib/invitations/link-tokens.js';
import { freshStores } from '../test/support/handlers.js';
import { clockAt, openPolicy } from '../test/support/in-memory.js';
import { context, loadEvent } from '../test/support/lambda.js';
import { createHandler } from './accept-interaction.js';

const setup = async () => {
  const { invitations, contacts, responses, people } = await freshStores();
  const queued: { invitationId: string; dueAt: Date }[] = [];
  const handler = createHandler({
    invitations,
    sendQueue: { enqueue: async (invitationId, dueAt) => void queued.push({ invitationId, dueAt }) },
    clock: clockAt('2026-11-26T10:05:00Z'),
    contacts,
    people,
    policy: openPolicy({ delaySeconds: 3600, smsCountries: ['US'] }),
    responses,
  });
  return { handler, queued, invitations };
};

describe('accept-interaction', () => {
  it('stores the invitation and schedules it one delay after the interaction', async () => {
    const { handler, queued, invitations } = await setup();

    const result = await handler(loadEvent('api-gateway/post-interactions.json'), context());

    expect(result).toMatchObject({ statusCode: 202 });
    const body = JSON.parse((result as { body: string }).body);
    expect(body).toMatchObject({
      interactionId: 'zd-48213',
      status: 'scheduled',
      dueAt: '2026-11-26T11:04:00.000Z',
    });
    expect(queued).toEqual([
      { invitationId: body.invitationId, dueAt: new Date('2026-11-26T11:04:00.000Z') },
    ]);
    expect(await invitations.get(body.invitationId)).toMatchObject({ team: 'billing', via: 'email' });
  });

  it('records on the invitation the credential that sent it, which the sender cannot name itself', async () => {
    const { handler, invitations } = await setup();
    const event = loadEvent('api-gateway/post-interactions.json');
    event.body = JSON.stringify({ ...JSON.parse(event.body), receivedFrom: 'integrator:someone-else' });

    const result = (await handler(event, context())) as { statusCode: number; body: string };

    expect(result.statusCode).toBe(202);
    const { invitationId } = JSON.parse(result.body);
    expect(await invitations.get(invitationId)).toMatchObject({ receivedFrom: 'integrator:helpdesk' });
  });

  it('ignores unknown fields and names a wrong one', async () => {
    const { handler } = await setup();
    const event = loadEvent('api-gateway/post-interactions.json');
    const body = JSON.parse(event.body);
    event.body = JSON.stringify({
      ...body,
      extra: 'ignored',
      customer: { ...body.customer, timeZone: 'Mars/Olympus' },
    });

    const result = (await handler(event, context())) as { statusCode: number; body: string };

    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).fields).toEqual([
      { field: 'customer.timeZone', message: expect.any(String) },
    ]);
  });

  type Body = {
    customer: Record<string, string>;
    attributes: Record<string, string>;
    [field: string]: unknown;
  };

  /** The fixture's body with a change; its own interaction id, so that none is a duplicate of another. */
  const posting = (change: (body: Body) => void, interactionId = 'zd-edge') => {
    const event = loadEvent('api-gateway/post-interactions.json');
    const body = JSON.parse(event.body);
    body.interactionId = interactionId;
    change(body);
    event.body = JSON.stringify(body);
    return event;
  };

  it.each([
    ['a name holding a lone surrogate', ['customer', 'name'], 'Ana\ud800', 'customer.name'],
    ['a team holding a lone surrogate', ['team'], '\udc00billing', 'team'],
    ['an attribute holding a lone surrogate', ['attributes', 'note'], 'x\ud83d', 'attributes.note'],
    ['an attribute name holding a lone surrogate', ['attributes', 'k\ud800'], 'v', 'attributes.k\ufffd'],
    [
      'a name with a line break and a link',
      ['customer', 'name'],
      'Ana\nVerify: https://evil.example',
      'customer.name',
    ],
    ['a name with a right-to-left override', ['customer', 'name'], 'Ana\u202efdp.exe', 'customer.name'],
    ['an agent with a line separator', ['agent'], 'agent-7\u2028Case: https://evil.example', 'agent'],
    ['a touchpoint with a NEL', ['touchpoint'], 'support\u0085ticket', 'touchpoint'],
    ['an attribute name with a line break', ['attributes', 'Case\nx'], 'v', 'attributes.Case\nx'],
  ])('refuses %s with a 400 naming the field, and stores nothing', async (_name, path, value, field) => {
    const { handler, invitations, queued } = await setup();
    const change = (body: Body) => {
      const [first, second] = path as [string, string?];
      if (second === undefined) body[first] = value;
      else (body[first] as Record<string, string>)[second] = value;
    };

    const result = (await handler(posting(change), context())) as { statusCode: number; body: string };

    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).fields).toEqual([{ field, message: expect.any(String) }]);
    expect(queued).toEqual([]);
    expect(await invitations.get(invitationIdOf('zd-edge'))).toBeNull();
  });

  it('keeps attributes named after what every object inherits (constructor, toString, hasOwnProperty)', async () => {
    const { handler, invitations } = await setup();
    const attributes = { constructor: 'Acme', toString: 'x', hasOwnProperty: 'y', valueOf: 'z' };

    const result = (await handler(
      posting((body) => {
        body.attributes = attributes;
      }),
      context(),
    )) as { statusCode: number; body: string };

    expect(result.statusCode).toBe(202);
    expect((await invitations.get(JSON.parse(result.body).invitationId))?.attributes).toEqual(attributes);
  });

  it.each([
    ['an Iridium satellite number', '+881612345678', /international network \(\+881\)/],
    ['a US premium-rate number', '+19005550100', /premium-rate/],
    ['a number in Jamaica, where the stage does not text', '+18765550100', /is a number in JM/],
  ])('refuses an invitation by SMS to %s with a 400 naming customer.phone', async (_name, phone, why) => {
    const { handler, invitations, queued } = await setup();
    const bySms = posting((body) => {
      body.inviteVia = 'sms';
      body.customer.phone = phone;
    });

    const result = (await handler(bySms, context())) as { statusCode: number; body: string };

    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).fields).toEqual([
      { field: 'customer.phone', message: expect.stringMatching(why) },
    ]);
    expect(queued).toEqual([]);
    expect(await invitations.get(invitationIdOf('zd-edge'))).toBeNull();
  });

  it('texts a number of a country the stage texts, and stores that country with it', async () => {
    const { handler, invitations } = await setup();
    const bySms = posting((body) => {
      body.inviteVia = 'sms';
    });

    const result = (await handler(bySms, context())) as { statusCode: number; body: string };

    expect(result.statusCode).toBe(202);
    expect(await invitations.get(invitationIdOf('zd-edge'))).toMatchObject({
      via: 'sms',
      customer: { phone: '+14155550100', smsCountry: 'US' },
    });
  });

  it('refuses an attribute named __proto__ with a 400, rather than dropping it unseen', async () => {
    const { handler } = await setup();
    const event = posting(() => undefined);
    event.body = event.body.replace('"attributes":{', '"attributes":{"__proto__":"x",');

    const result = (await handler(event, context())) as { statusCode: number; body: string };

    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).fields).toEqual([
      { field: 'attributes.__proto__', message: '(the name) is reserved' },
    ]);
  });
});
