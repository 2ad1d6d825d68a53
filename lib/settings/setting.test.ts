import { describe, expect, it } from 'vitest';
import { parseStageConfig } from '../../infra/stage-config.js';
import { RECOVERY_SURVEY } from './cases.js';
import { CONTACT_POLICY, DEFAULT_COUNTRY } from './contact-policy.js';
import { ALERTS_TOPIC_ARN, TABLE_NAME } from './resources.js';
import { SEND_CONCURRENCY, SEND_RATES } from './sending.js';
import { SettingError, settingsFrom, settingsFromEnvironment, variableValueOf } from './setting.js';
import { FUNCTION_SETTINGS } from './stage.js';

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
    const settings = Object.values(FUNCTION_SETTINGS);
    const env = Object.fromEntries(
      settings.map((setting) => [setting.variable, variableValueOf(stage[setting.name])]),
    );

    // Act
    const read = settingsFromEnvironment(env);

    // Assess
    for (const setting of settings) expect(read.get(setting)).toEqual(stage[setting.name]);
  });

  it('reads a recovery survey left off, and plain strings and numbers, from their variables', () => {
    const settings = settingsFromEnvironment({
      RECOVERY_SURVEY: variableValueOf(null),
      TABLE_NAME: 'pulse-dev-table',
      SEND_CONCURRENCY: '2',
      DEFAULT_COUNTRY: '',
    });

    expect(settings.get(RECOVERY_SURVEY)).toBeNull();
    expect(settings.get(TABLE_NAME)).toBe('pulse-dev-table');
    expect(settings.get(SEND_CONCURRENCY)).toBe(2);
    expect(settings.get(DEFAULT_COUNTRY)).toBeUndefined();
  });

  it('names the variable that is missing, wrong or not JSON, on first read', () => {
    const settings = settingsFromEnvironment({
      ALERTS_TOPIC_ARN: 'not-an-arn',
      CONTACT_POLICY: '{"fatigueDays":',
      SEND_RATES: '{"emailPerSecond":-1}',
    });

    expect(() => settings.get(TABLE_NAME)).toThrow(/TABLE_NAME/);
    expect(() => settings.get(ALERTS_TOPIC_ARN)).toThrow(/ALERTS_TOPIC_ARN: must be an ARN/);
    expect(() => settings.get(CONTACT_POLICY)).toThrow(/CONTACT_POLICY: must be JSON/);
    expect(() => settings.get(SEND_RATES)).toThrow(/SEND_RATES\.emailPerSecond/);
    expect(() => settings.get(SEND_RATES)).toThrow(SettingError);
  });

  it('reads each variable once, on first use', () => {
    // Prepare: an environment that counts reads of its variables
    const reads: string[] = [];
    const env = new Proxy({ TABLE_NAME: 'pulse' } as NodeJS.ProcessEnv, {
      get: (target, variable: string) => {
        reads.push(variable);
        return target[variable];
      },
    });
    const settings = settingsFromEnvironment(env);

    // Act
    settings.get(TABLE_NAME);
    settings.get(TABLE_NAME);

    // Assess
    expect(reads).toEqual(['TABLE_NAME']);
  });
});

describe('settingsFrom', () => {
  it('names the setting and the field of a wrong value', () => {
    const settings = settingsFrom({ sendRates: { emailPerSecond: 0, smsPerSecond: 1 } });

    expect(() => settings.get(SEND_RATES)).toThrow(/sendRates\.emailPerSecond: must be at least 1 a second/);
    expect(() => settings.get(TABLE_NAME)).toThrow(SettingError);
  });
});
