import { describe, expect, it } from 'vitest';
import { CountrySchema, normalizePhone } from './phone-numbers.js';

describe('normalizePhone', () => {
  it.each([
    ['+1 (415) 555-0100', undefined, '+14155550100'],
    ['+14155550100', undefined, '+14155550100'],
    ['+1.415.555.0100', undefined, '+14155550100'],
    ['  +1 415 555 0100  ', undefined, '+14155550100'],
    ['(415) 555-0100', 'US', '+14155550100'],
    ['415-555-0100', 'US', '+14155550100'],
    ['020 7946 0018', 'GB', '+442079460018'],
    ['13800138000', 'CN', '+8613800138000'],
    ['06 12 34 56 78', 'FR', '+33612345678'],
    ['011 44 20 7946 0018', 'US', '+442079460018'],
  ] as const)('reads %j in %s as %s', (raw, country, expected) => {
    // Act
    const phone = normalizePhone(raw, country);

    // Assess
    expect(phone).toBe(expected);
  });

  it.each([
    ['+442079460018', 'US'],
    ['+8613800138000', 'GB'],
    ['+14155550100', 'CN'],
  ])('keeps %s as it is when the country is %s', (raw, country) => {
    // Act
    const phone = normalizePhone(raw, country);

    // Assess
    expect(phone).toBe(raw);
  });

  it.each([
    ['garbage', 'US'],
    ['123', 'US'],
    ['123', undefined],
    ['+1 555', undefined],
    ['', 'US'],
    ['+', undefined],
    ['+11234567890', undefined],
    ['+4420794600189', undefined],
    ['13800138000', 'US'],
  ] as const)('rejects %j in %s', (raw, country) => {
    // Act
    const phone = normalizePhone(raw, country);

    // Assess
    expect(phone).toBeNull();
  });

  it('rejects a national number without a country', () => {
    // Act
    const phone = normalizePhone('(415) 555-0100');

    // Assess
    expect(phone).toBeNull();
  });

  it.each(['UK', 'ZZ', 'us'])(
    'reads a national number with the unknown country %s as having none',
    (country) => {
      // Act
      const national = normalizePhone('(415) 555-0100', country);
      const international = normalizePhone('+1 415 555 0100', country);

      // Assess
      expect(national).toBeNull();
      expect(international).toBe('+14155550100');
    },
  );

  it.each(['call me on +1 415 555 0100', 'tel:+14155550100', '+14155550100 (mobile)'])(
    'rejects a number with text around it: %j',
    (raw) => {
      // Act
      const phone = normalizePhone(raw, 'US');

      // Assess
      expect(phone).toBeNull();
    },
  );

  it.each(['+1 415 555 0100 ext. 12', '+1 415 555 0100 x12'])(
    'rejects a number with an extension: %j',
    (raw) => {
      // Act
      const phone = normalizePhone(raw, 'US');

      // Assess
      expect(phone).toBeNull();
    },
  );
});

describe('CountrySchema', () => {
  it.each(['US', 'GB', 'CN', 'FR', 'BR'])('accepts %s', (country) => {
    // Act
    const result = CountrySchema.safeParse(country);

    // Assess
    expect(result).toEqual({ success: true, data: country });
  });

  it.each(['us', 'USA', 'U', '', ' US', '12'])('rejects the malformed %j', (country) => {
    // Act
    const result = CountrySchema.safeParse(country);

    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'must be an ISO 3166-1 alpha-2 country code such as US',
    ]);
  });

  it.each(['UK', 'ZZ', 'AQ'])('rejects %s, which is not a country with phone numbers', (country) => {
    // Act
    const result = CountrySchema.safeParse(country);

    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'must be a country with its own phone numbers',
    ]);
  });
});
