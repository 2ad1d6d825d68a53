import { describe, expect, it } from 'vitest';
import { describeSmsDestinationRefusal, smsDestinationRefusal } from './sms-destinations.js';

describe('smsDestinationRefusal', () => {
  it('lets the stage text a number whose country it texts', () => {
    expect(smsDestinationRefusal({ phone: '+16135550100', smsCountry: 'CA' }, ['US', 'CA'])).toBeNull();
  });

  it.each([
    [['US'], 'only US'],
    [[], 'no country (contactPolicy.smsCountries is empty)'],
    [undefined, 'no country (contactPolicy.smsCountries is empty)'],
  ])('refuses a number of another country when the stage texts %j', (smsCountries, texts) => {
    const refusal = smsDestinationRefusal({ phone: '+16135550100', smsCountry: 'CA' }, smsCountries);

    expect(refusal).toMatchObject({ kind: 'country', country: 'CA' });
    expect(describeSmsDestinationRefusal(refusal ?? { kind: 'no-country' })).toBe(
      `destination: the number is in CA, and the stage texts ${texts}`,
    );
  });

  it('refuses a number with no country it may be texted in, whatever the stage texts', () => {
    const refusal = smsDestinationRefusal({ phone: '+881612345678' }, ['US', 'CA', 'GB']);

    expect(refusal).toEqual({ kind: 'no-country' });
  });

  it('leaves a customer with no number to the channel, which fails the send', () => {
    expect(smsDestinationRefusal({}, ['US'])).toBeNull();
  });
});
