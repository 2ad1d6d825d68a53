import type * as z from 'zod';
import { CountrySchema, countryOfNumber } from '../lib/contacts/phone-numbers.js';
import { smsTextsOver } from '../lib/invitations/sms/invitation-sms.js';
import { variableValueOf } from '../lib/settings/setting.js';
import {
  LOGIN_DOMAIN_RESERVED_WORDS,
  type StageSettings,
  StageSettingsSchema,
} from '../lib/settings/stage.js';
import { filterPolicyProblems } from './alert-routing.js';
import { FUNCTIONS, routeKeyOf } from './wiring.js';

/**
 * A stage's settings (see lib/settings/stage.ts) with the checks that need more than a schema: every SMS
 * text, in every language, fits one segment with the configured brand; a route's limit names a route
 * of the wiring; each alert subscriber's filter policy is one SNS takes; the links go either to the
 * stage's own domain or through the edge, not both; the default domain of the leads' sign-in is one
 * Cognito takes; every function's settings fit Lambda's environment; and
 * the countries invitations are texted to have numbers, defaulting to the stage's own.
 */
export const StageConfigSchema = StageSettingsSchema.superRefine((config, ctx) => {
  config.alertSubscribers.forEach((subscriber, i) => {
    for (const { key, message } of filterPolicyProblems(subscriber)) {
      ctx.addIssue({ code: 'custom', path: ['alertSubscribers', i, key], message });
    }
  });
  const routes = new Set(
    FUNCTIONS.flatMap(({ trigger }) => (trigger.kind === 'http' ? [routeKeyOf(trigger)] : [])),
  );
  for (const route of Object.keys(config.throttling.routes)) {
    if (!routes.has(route))
      ctx.addIssue({ code: 'custom', path: ['throttling', 'routes', route], message: 'is not a route' });
  }
  if (config.edge && config.publicUrl !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['edge'],
      message:
        'links go to publicUrl, so they would pass the edge by; set one of them (a custom domain in front of the edge needs its certificate on the distribution, which the stack does not set up)',
    });
  }
  const reserved = LOGIN_DOMAIN_RESERVED_WORDS.find((word) => config.stage.includes(word));
  if (config.leadsLoginDomainPrefix === undefined && reserved) {
    ctx.addIssue({
      code: 'custom',
      path: ['leadsLoginDomainPrefix'],
      message: `the default, pulse-${config.stage}-…, holds "${reserved}", which Cognito keeps out of its domains: set one`,
    });
  }
  if (config.defaultCountry !== undefined) {
    const country = CountrySchema.safeParse(config.defaultCountry);
    if (!country.success) {
      for (const issue of country.error.issues)
        ctx.addIssue({ code: 'custom', path: ['defaultCountry'], message: issue.message });
    }
  }
  (config.contactPolicy.smsCountries ?? []).forEach((code, i) => {
    const country = CountrySchema.safeParse(code);
    if (!country.success) {
      for (const issue of country.error.issues)
        ctx.addIssue({ code: 'custom', path: ['contactPolicy', 'smsCountries', i], message: issue.message });
    }
  });
  for (const { setting, message } of environmentProblems(config)) {
    ctx.addIssue({ code: 'custom', path: [setting], message });
  }
  for (const over of smsTextsOver(config.messages.brandName)) {
    const limit = over.size.encoding === 'GSM-7' ? 160 : 70;
    ctx.addIssue({
      code: 'custom',
      path: ['messages', 'brandName'],
      message: `makes the ${over.locale} ${over.name} SMS ${over.size.units} ${over.size.encoding} characters, and one segment holds ${limit}: "${over.text}"`,
    });
  }
}).transform((config) => withSmsCountries(config));

/** Lambda's limit on one function's environment: its variables' names and values, 4 KB together. */
export const ENVIRONMENT_LIMIT_BYTES = 4096;
/**
 * What the variables set at deploy take at most beside the stage settings: the resources' names
 * (table, queue URLs, topic and secret ARNs, user pool) and the runtime's own (NODE_OPTIONS, …).
 */
const DEPLOY_VARIABLES_BYTES = 1200;

/**
 * The functions whose stage settings would not fit Lambda's environment (a long `insights.topics`,
 * many message texts), each with the largest setting to cut: Lambda refuses them at deploy, and this
 * refuses them at synth.
 */
export const environmentProblems = (config: StageSettings): { setting: string; message: string }[] =>
  FUNCTIONS.flatMap((spec) => {
    const sizes = (spec.settings ?? []).map((setting) => ({
      setting: setting.name,
      bytes:
        setting.variable.length +
        Buffer.byteLength(variableValueOf(config[setting.name as keyof StageSettings]), 'utf8'),
    }));
    const total = sizes.reduce((sum, { bytes }) => sum + bytes, DEPLOY_VARIABLES_BYTES);
    if (total <= ENVIRONMENT_LIMIT_BYTES) return [];
    const largest = [...sizes].sort((a, b) => b.bytes - a.bytes)[0] as (typeof sizes)[number];
    return [
      {
        setting: largest.setting,
        message: `makes the environment of ${spec.name} about ${total} bytes (this setting ${largest.bytes}), and Lambda takes ${ENVIRONMENT_LIMIT_BYTES}: shorten it`,
      },
    ];
  });

/**
 * The countries invitations are texted to, when the stage names none: the country of
 * `defaultCountry` and that of `sms.originationNumber`, read here at synth so that no function but
 * intake bundles the phone library's metadata. With neither, an empty list: the stage texts no one.
 */
function withSmsCountries<T extends StageSettings>(config: T): T {
  if (config.contactPolicy.smsCountries !== undefined) return config;
  const { originationNumber } = config.sms;
  const countries = [config.defaultCountry, originationNumber && countryOfNumber(originationNumber)];
  const smsCountries = [...new Set(countries.filter((country): country is string => Boolean(country)))];
  return { ...config, contactPolicy: { ...config.contactPolicy, smsCountries } };
}

export type StageConfig = z.infer<typeof StageConfigSchema>;
export type StageConfigInput = z.input<typeof StageConfigSchema>;

/** Parses a stage config, naming every wrong setting. */
export const parseStageConfig = (input: unknown): StageConfig => {
  const result = StageConfigSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => `pulse:config.${[...issue.path, key].join('.')}: is not a known setting`)
        : [`pulse:config.${issue.path.join('.')}: ${issue.message}`],
    );
    throw new Error(`invalid stage configuration:\n  ${problems.join('\n  ')}`);
  }
  return result.data;
};
