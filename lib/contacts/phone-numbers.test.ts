import { describe, expect, it } from 'vitest';
import { CountrySchema, countryOfNumber, normalizePhone, readPhone } from './phone-numbers.js';

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

describe('readPhone', () => {
  it.each([
    ['+14155550100', undefined, 'US'],
    ['(613) 555-0100', 'CA', 'CA'],
    ['+18765550100', 'US', 'JM'],
    ['+447911123456', 'GB', 'GG'],
    ['+442079460018', undefined, 'GB'],
    ['+33612345678', undefined, 'FR'],
    ['+18005550100', undefined, 'US'],
    ['+445612345678', undefined, 'GB'],
  ] as const)('reads %s (in %s) as a number that may be texted in %s', (raw, country, smsCountry) => {
    expect(readPhone(raw, country)).toEqual({ number: expect.stringMatching(/^\+\d+$/), smsCountry });
  });

  it.each([
    ['+979123456789', /international network \(\+979\)/],
    ['+881612345678', /international network \(\+881\)/],
    ['+8816123456789', /international network \(\+881\)/],
    ['+870773123456', /international network \(\+870\)/],
    ['+882161234567', /international network \(\+882\)/],
    ['+883510012345', /international network \(\+883\)/],
    ['+80012345678', /international network \(\+800\)/],
    ['+80812345678', /international network \(\+808\)/],
    ['+88810123456789', /international network \(\+888\)/],
    ['+19005550100', /premium-rate/],
    ['+449012345678', /premium-rate/],
    ['+447012345678', /personal/],
    ['+15005550100', /personal/],
    ['+445512345678', /universal access/],
  ])('reads %s as a number never texted, and says why', (raw, why) => {
    const phone = readPhone(raw);

    expect(phone).toEqual({ number: raw, neverTexted: expect.stringMatching(why) });
  });

  it('reads nothing of a number that is not one', () => {
    expect(readPhone('+97912345678')).toBeNull();
  });
});

describe('countryOfNumber', () => {
  it.each([
    ['+18005550100', 'US'],
    ['+16135550100', 'CA'],
    ['+447400123456', 'GB'],
    ['+881612345678', undefined],
    ['+12345', undefined],
  ])('reads %s as a number of %s', (number, country) => {
    expect(countryOfNumber(number)).toBe(country);
  });
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
