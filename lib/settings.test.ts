import { describe, expect, it } from 'vitest';
import { parseStageConfig } from '../infra/stage-config.js';
import {
  FUNCTION_SETTING_NAMES,
  RUNTIME_SETTINGS,
  SettingError,
  settingsFromEnvironment,
  variableValueOf,
} from './settings.js';

describe('settingsFromEnvironment', () => {
  it('reads back every stage setting exactly as the stack writes it into a function', () => {
    // Prepare: a stage that sets every setting a function can be handed, as the stack would hand it
    const stage = parseStageConfig({
      stage: 'test',
      senderAddress: 'surveys@example.com',
      defaultCountry: 'US',
      messages: { brandName: 'Acme', defaultLocale: 'zh-CN' },
      sms: { originationNumber: '+18005550100', maxPriceUsd: 0.5 },
      sendRates: { emailPerSecond: 14, smsPerSecond: 3 },
      minSample: 12,
      unhappyAtOrBelow: { nps: 5 },
      metricAlerts: [{ survey: 'nps', below: 20, team: 'billing' }],
      recoverySurvey: {},
      caseSla: { highMinutes: 30 },
      contactPolicy: { fatigueDays: 14, timeZone: 'Europe/Paris' },
    });
    const env = Object.fromEntries(
      FUNCTION_SETTING_NAMES.map((name) => [RUNTIME_SETTINGS[name].variable, variableValueOf(stage[name])]),
    );

    // Act
    const settings = settingsFromEnvironment(env);

    // Assess
    for (const name of FUNCTION_SETTING_NAMES) expect(settings.get(name)).toEqual(stage[name]);
  });

  it('reads a recovery survey left off, and plain strings and numbers, from their variables', () => {
    const settings = settingsFromEnvironment({
      RECOVERY_SURVEY: variableValueOf(null),
      TABLE_NAME: 'pulse-dev-table',
      SEND_CONCURRENCY: '2',
      DEFAULT_COUNTRY: '',
    });

    expect(settings.get('recoverySurvey')).toBeNull();
    expect(settings.get('tableName')).toBe('pulse-dev-table');
    expect(settings.get('sendConcurrency')).toBe(2);
    expect(settings.get('defaultCountry')).toBeUndefined();
  });

  it('names the variable that is missing, wrong or not JSON, on first read', () => {
    const settings = settingsFromEnvironment({
      ALERTS_TOPIC_ARN: 'not-an-arn',
      CONTACT_POLICY: '{"fatigueDays":',
      SEND_RATES: '{"emailPerSecond":-1}',
    });

    expect(() => settings.get('tableName')).toThrow(/TABLE_NAME/);
    expect(() => settings.get('alertsTopicArn')).toThrow(/ALERTS_TOPIC_ARN: must be an ARN/);
    expect(() => settings.get('contactPolicy')).toThrow(/CONTACT_POLICY: must be JSON/);
    expect(() => settings.get('sendRates')).toThrow(/SEND_RATES\.emailPerSecond/);
    expect(() => settings.get('sendRates')).toThrow(SettingError);
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

    expect(settings.get('contactPolicy').smsCountries).toEqual(['US']);
    expect(settings.get('sms')).toEqual({ maxPriceUsd: 0.2 });
  });
});
