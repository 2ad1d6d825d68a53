import { describe, expect, it } from 'vitest';
import { contactKeysOf, normalizeEmail } from './contact-keys.js';

describe('normalizeEmail', () => {
  it('trims and lower-cases the whole address', () => {
    // Prepare
    const address = '  Ana.Lima@Example.COM \n';

    // Act
    const normalized = normalizeEmail(address);

    // Assess
    expect(normalized).toBe('ana.lima@example.com');
  });

  it.each(['a.na@example.com', 'ana+shop@example.com', 'ana@example.com'])(
    'keeps %s apart from the others',
    (address) => {
      // Prepare
      const others = ['a.na@example.com', 'ana+shop@example.com', 'ana@example.com'].filter(
        (other) => other !== address,
      );

      // Act
      const normalized = normalizeEmail(address);

      // Assess
      expect(normalized).toBe(address);
      expect(others.map(normalizeEmail)).not.toContain(normalized);
    },
  );
});

describe('contactKeysOf', () => {
  it('keys a customer by normalised email and by phone', () => {
    // Prepare
    const customer = { email: ' Ana@Example.com', phone: '+14155550100' };

    // Act
    const keys = contactKeysOf(customer);

    // Assess
    expect(keys).toEqual(['email:ana@example.com', 'phone:+14155550100']);
  });

  it.each([
    [{ email: 'ana@example.com' }, ['email:ana@example.com']],
    [{ phone: '+14155550100' }, ['phone:+14155550100']],
    [{ email: undefined, phone: undefined }, []],
    [{}, []],
  ])('keys %j only by what it has', (customer, expected) => {
    // Act
    const keys = contactKeysOf(customer);

    // Assess
    expect(keys).toEqual(expected);
  });

  it('gives the same email key however the address was written', () => {
    // Act
    const [first] = contactKeysOf({ email: 'ANA@EXAMPLE.COM' });
    const [second] = contactKeysOf({ email: 'ana@example.com ' });

    // Assess
    expect(first).toBe(second);
  });
});
