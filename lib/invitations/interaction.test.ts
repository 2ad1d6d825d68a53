import { describe, expect, it } from 'vitest';
import { CONTRACT_EXAMPLE } from '../../test/support/samples.js';
import { parseOrThrow, ValidationError } from '../platform/errors.js';
import { type InteractionCompleted, InteractionCompletedSchema, inviteChannelOf } from './interaction.js';

const example = (): Record<string, unknown> & { customer: Record<string, unknown> } =>
  structuredClone(CONTRACT_EXAMPLE);

const issuesOf = (input: unknown): ValidationError['issues'] => {
  try {
    parseOrThrow(InteractionCompletedSchema, input);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a ValidationError');
};

const fieldsOf = (input: unknown): string[] => issuesOf(input).map((issue) => issue.field);

describe('InteractionCompletedSchema', () => {
  it('parses the contract example from DESIGN.md', () => {
    // Act
    const event = parseOrThrow(InteractionCompletedSchema, example());

    // Assess
    expect(event).toEqual(CONTRACT_EXAMPLE);
  });

  it('ignores unknown fields instead of failing', () => {
    // Prepare
    const input = { ...example(), priority: 'high', customer: { ...example().customer, vip: true } };

    // Act
    const event = parseOrThrow(InteractionCompletedSchema, input);

    // Assess
    expect(event).toEqual(CONTRACT_EXAMPLE);
    expect(event).not.toHaveProperty('priority');
    expect(event.customer).not.toHaveProperty('vip');
  });

  it('accepts an event with only the required fields', () => {
    // Prepare
    const input = {
      interactionId: 'zd-1',
      occurredAt: '2026-11-26T10:04:00+01:00',
      survey: 'ces',
      customer: { id: 'c-1', phone: '+14155550100' },
      touchpoint: 'call',
      channel: 'phone',
      team: 'support',
    };

    // Act
    const event = parseOrThrow(InteractionCompletedSchema, input);

    // Assess
    expect(event).toEqual(input);
  });

  it.each<[string, (input: Record<string, unknown> & { customer: Record<string, unknown> }) => void]>([
    ['survey', (input) => Object.assign(input, { survey: 'ces2' })],
    ['interactionId', (input) => Object.assign(input, { interactionId: 'has spaces' })],
    ['interactionId', (input) => Object.assign(input, { interactionId: '' })],
    ['interactionId', (input) => Object.assign(input, { interactionId: 'x'.repeat(129) })],
    ['interactionId', (input) => Object.assign(input, { interactionId: 48213 })],
    ['occurredAt', (input) => Object.assign(input, { occurredAt: 'yesterday' })],
    ['occurredAt', (input) => Object.assign(input, { occurredAt: '2026-11-26' })],
    ['customer', (input) => Object.assign(input, { customer: 'c-981' })],
    ['customer.id', (input) => Object.assign(input.customer, { id: '  ' })],
    ['customer.email', (input) => Object.assign(input.customer, { email: 'ana-at-example.com' })],
    ['customer.phone', (input) => Object.assign(input.customer, { phone: 4155550100 })],
    ['customer.phone', (input) => Object.assign(input.customer, { phone: '+1' })],
    ['customer.country', (input) => Object.assign(input.customer, { country: 'USA' })],
    ['customer.country', (input) => Object.assign(input.customer, { country: 'XX' })],
    ['customer.locale', (input) => Object.assign(input.customer, { locale: 'english please' })],
    ['customer.timeZone', (input) => Object.assign(input.customer, { timeZone: 'Mars/Olympus_Mons' })],
    ['inviteVia', (input) => Object.assign(input, { inviteVia: 'fax' })],
    ['touchpoint', (input) => Object.assign(input, { touchpoint: '' })],
    ['channel', (input) => Object.assign(input, { channel: 'x'.repeat(129) })],
    ['team', (input) => Object.assign(input, { team: 7 })],
    ['agent', (input) => Object.assign(input, { agent: ' ' })],
    ['attributes', (input) => Object.assign(input, { attributes: ['a'] })],
    ['attributes.ticketUrl', (input) => Object.assign(input, { attributes: { ticketUrl: 48213 } })],
  ])('names %s when it is wrong', (field, spoil) => {
    // Prepare
    const input = example();
    spoil(input);

    // Act
    const error = (() => {
      try {
        parseOrThrow(InteractionCompletedSchema, input);
      } catch (caught) {
        return caught;
      }
    })();

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect([...new Set((error as ValidationError).issues.map((issue) => issue.field))]).toEqual([field]);
    expect((error as ValidationError).message).toContain(`${field}: `);
  });

  it('names customer.email when the customer has neither an email nor a phone', () => {
    // Prepare
    const input = example();
    delete input.customer.email;
    delete input.customer.phone;

    // Act
    const issues = issuesOf(input);

    // Assess
    expect(issues).toContainEqual({ field: 'customer.email', message: 'needs an email or a phone' });
  });

  it('names customer.phone when asked to invite by sms without a phone', () => {
    // Prepare
    const input = { ...example(), inviteVia: 'sms' };
    delete input.customer.phone;

    // Act
    const issues = issuesOf(input);

    // Assess
    expect(issues).toEqual([{ field: 'customer.phone', message: 'is required to invite by sms' }]);
  });

  it('names customer.email when asked to invite by email without an address', () => {
    // Prepare
    const input = example();
    delete input.customer.email;

    // Act
    const issues = issuesOf(input);

    // Assess
    expect(issues).toEqual([{ field: 'customer.email', message: 'is required to invite by email' }]);
  });

  it.each(['interactionId', 'occurredAt', 'survey', 'customer', 'touchpoint', 'channel', 'team'])(
    'says %s is required when it is missing',
    (field) => {
      // Prepare
      const input = example();
      delete input[field];

      // Act
      const issues = issuesOf(input);

      // Assess
      expect(issues).toEqual([{ field, message: 'is required' }]);
    },
  );

  it('says customer.id is required when it is missing', () => {
    // Prepare
    const input = example();
    delete input.customer.id;

    // Act
    const issues = issuesOf(input);

    // Assess
    expect(issues).toEqual([{ field: 'customer.id', message: 'is required' }]);
  });

  it('names every wrong field at once', () => {
    // Prepare
    const input = { ...example(), survey: 'x', team: '', occurredAt: 'soon' };

    // Act
    const fields = fieldsOf(input);

    // Assess
    expect(fields.sort()).toEqual(['occurredAt', 'survey', 'team']);
  });

  it('reports a non-object as a root issue', () => {
    // Act
    const fields = fieldsOf('not an event');

    // Assess
    expect(fields).toEqual(['(root)']);
  });
});

describe('inviteChannelOf', () => {
  const parse = (input: unknown): InteractionCompleted => parseOrThrow(InteractionCompletedSchema, input);

  it('invites by email when there is an address and no preference', () => {
    // Prepare
    const input = example();
    delete input.inviteVia;

    // Act
    const via = inviteChannelOf(parse(input));

    // Assess
    expect(via).toBe('email');
  });

  it('invites by sms when there is only a phone and no preference', () => {
    // Prepare
    const input = example();
    delete input.inviteVia;
    delete input.customer.email;

    // Act
    const via = inviteChannelOf(parse(input));

    // Assess
    expect(via).toBe('sms');
  });

  it('invites by sms when asked, even with an address', () => {
    // Prepare
    const input = { ...example(), inviteVia: 'sms' };

    // Act
    const via = inviteChannelOf(parse(input));

    // Assess
    expect(via).toBe('sms');
  });
});
