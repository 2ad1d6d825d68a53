import { describe, expect, it } from 'vitest';
import { parseStageConfig } from '../../infra/stage-config.js';
import { CONTACT_POLICY } from './contact-policy.js';
import { settingsFromEnvironment, variableValueOf } from './setting.js';
import { SMS_ORIGINATION } from './sms.js';
import { FUNCTION_SETTINGS, RUNTIME_SETTINGS } from './stage.js';

describe('the runtime settings', () => {
  it('hands each setting under a variable of its own', () => {
    const variables = Object.values(RUNTIME_SETTINGS).map((setting) => setting.variable);

    expect(new Set(variables).size).toBe(variables.length);
  });

  it('keys each definition by its own name', () => {
    for (const [name, setting] of Object.entries(RUNTIME_SETTINGS)) expect(setting.name).toBe(name);
    for (const setting of Object.values(FUNCTION_SETTINGS))
      expect(RUNTIME_SETTINGS[setting.name]).toBe(setting);
  });
});

describe('the countries a stage texts', () => {
  const stage = (settings: Record<string, unknown>) =>
    parseStageConfig({ stage: 'test', senderAddress: 'surveys@example.com', ...settings });

  it.each([
    [{ defaultCountry: 'GB', sms: { originationNumber: '+18005550100' } }, ['GB', 'US']],
    [{ defaultCountry: 'US', sms: { originationNumber: '+18005550100' } }, ['US']],
    [{ sms: { originationNumber: '+16135550100' } }, ['CA']],
    [{ sms: { originationNumber: '+18765550100' } }, ['JM']],
    [{ defaultCountry: 'FR' }, ['FR']],
    [{ sms: { senderId: 'Acme' } }, []],
    [{}, []],
  ])(
    'texts the countries of defaultCountry and of the origination number by default: %j',
    (settings, countries) => {
      expect(stage(settings).contactPolicy.smsCountries).toEqual(countries);
    },
  );

  it("keeps the stage's own list, which replaces the default", () => {
    const config = stage({
      defaultCountry: 'US',
      sms: { originationNumber: '+18005550100' },
      contactPolicy: { smsCountries: ['CA'] },
    });

    expect(config.contactPolicy.smsCountries).toEqual(['CA']);
  });

  it.each([
    ['UK', 'must be a country with its own phone numbers'],
    ['us', 'must be an ISO 3166-1 alpha-2 country code such as US'],
  ])('refuses a list naming %j, which is not a country with its own phone numbers', (code, message) => {
    expect(() => stage({ contactPolicy: { smsCountries: ['US', code] } })).toThrow(
      `pulse:config.contactPolicy.smsCountries.1: ${message}`,
    );
  });

  it('hands every function the resolved list, and a maximum SMS price of 0.20 USD unless the stage sets one', () => {
    const config = stage({ defaultCountry: 'US' });
    const settings = settingsFromEnvironment({
      CONTACT_POLICY: variableValueOf(config.contactPolicy),
      SMS_ORIGINATION: variableValueOf(config.sms),
    });

    expect(settings.get(CONTACT_POLICY).smsCountries).toEqual(['US']);
    expect(settings.get(SMS_ORIGINATION)).toEqual({ maxPriceUsd: 0.2 });
  });
});
