import * as z from 'zod';
import { SENTIMENTS } from '../surveys/sentiments.js';
import {
  CONSOLE_CLIENT_ID,
  CONSOLE_SIGN_IN,
  LEADS,
  LEADS_CLIENT_ID,
  LEADS_LOGIN_URL,
  LEADS_USER_POOL_ID,
  ROUTE_SCOPES,
} from './access.js';
import { ALERT_KINDS, UNHAPPY_AT_OR_BELOW } from './alerts.js';
import { CASE_SLA, RECOVERY_SURVEY } from './cases.js';
import { CONTACT_POLICY, DEFAULT_COUNTRY } from './contact-policy.js';
import { INSIGHTS } from './insight.js';
import { MESSAGE_SETTINGS } from './messages.js';
import { METRIC_ALERT_RULES } from './metric-alerts.js';
import { MIN_SAMPLE } from './metrics.js';
import { EVENTS_OUT, RETENTION } from './people.js';
import {
  ALERTS_TOPIC_ARN,
  ANALYSIS_QUEUE_URL,
  API_TOKEN_SECRET_ARN,
  CONFIGURATION_SET_NAME,
  EMAIL_QUEUE_URL,
  EVENT_BUS_NAME,
  PUBLIC_URL,
  SENDER_ADDRESS,
  SIGNING_KEY_SECRET_ARN,
  SMS_QUEUE_URL,
  TABLE_NAME,
} from './resources.js';
import { SEND_CONCURRENCY, SEND_RATES } from './sending.js';
import type { Setting, SettingValue } from './setting.js';
import { SMS_ORIGINATION } from './sms.js';

/*
 * The whole set: a stage's settings, their defaults and the limits only the stage has, read by the
 * CDK app at synth time and by the local runtime, and every runtime setting by name. No function
 * imports this module; a function reads each setting through its own definition, so that its bundle
 * carries the schemas of the settings it reads and no other.
 */

type ByName<T extends readonly Setting[]> = { [D in T[number] as D['name']]: D };

/** Definitions by name; two definitions of one name would be one setting with two homes. */
const byName = <const T extends readonly Setting[]>(settings: T): ByName<T> => {
  const seen = new Set<string>();
  for (const { name } of settings) {
    if (seen.has(name)) throw new Error(`two runtime settings are named ${name}`);
    seen.add(name);
  }
  return Object.fromEntries(settings.map((setting) => [setting.name, setting])) as ByName<T>;
};

/** The stage settings a function can be handed as they are (the rest name resources). */
export const FUNCTION_SETTINGS = byName([
  CONTACT_POLICY,
  DEFAULT_COUNTRY,
  MESSAGE_SETTINGS,
  SMS_ORIGINATION,
  SEND_RATES,
  MIN_SAMPLE,
  UNHAPPY_AT_OR_BELOW,
  METRIC_ALERT_RULES,
  RECOVERY_SURVEY,
  CASE_SLA,
  INSIGHTS,
  LEADS,
  RETENTION,
  EVENTS_OUT,
]);
export type FunctionSettingName = keyof typeof FUNCTION_SETTINGS;
export type FunctionSetting = (typeof FUNCTION_SETTINGS)[FunctionSettingName];
export const FUNCTION_SETTING_NAMES = Object.keys(FUNCTION_SETTINGS) as FunctionSettingName[];

/**
 * What a function may be handed at run time, by name: the names of the resources it was granted, and
 * the stage settings it reads. The construct that grants a resource sets the variable that names it.
 */
export const RUNTIME_SETTINGS = byName([
  TABLE_NAME,
  EMAIL_QUEUE_URL,
  SMS_QUEUE_URL,
  ANALYSIS_QUEUE_URL,
  ALERTS_TOPIC_ARN,
  EVENT_BUS_NAME,
  SENDER_ADDRESS,
  CONFIGURATION_SET_NAME,
  SIGNING_KEY_SECRET_ARN,
  API_TOKEN_SECRET_ARN,
  ROUTE_SCOPES,
  LEADS_USER_POOL_ID,
  LEADS_CLIENT_ID,
  PUBLIC_URL,
  SEND_CONCURRENCY,
  CONSOLE_SIGN_IN,
  LEADS_LOGIN_URL,
  CONSOLE_CLIENT_ID,
  ...Object.values(FUNCTION_SETTINGS),
]);
export type RuntimeSettingName = keyof typeof RUNTIME_SETTINGS;
/** Every runtime setting's value by name, as the local runtime and tests hand them over. */
export type RuntimeSettings = { [K in RuntimeSettingName]: SettingValue<(typeof RUNTIME_SETTINGS)[K]> };

type SchemasOf<T extends Record<string, Setting>> = { [K in keyof T]: T[K]['schema'] };
const schemasOf = <T extends Record<string, Setting>>(settings: T): SchemasOf<T> =>
  Object.fromEntries(
    Object.entries(settings).map(([name, setting]) => [name, setting.schema]),
  ) as SchemasOf<T>;

const names = z.array(z.string().min(1).max(128)).min(1, 'list at least one, or leave the key out');

/**
 * Which alerts a subscriber receives: every listed key must match (and any value within a key). A
 * subscriber with no keys receives every alert. Turned into the subscription's SNS filter policy.
 */
const ROUTE_KEYS = {
  teams: names.optional(),
  touchpoints: names.optional(),
  channels: names.optional(),
  /**
   * Agents by the id interactions name them with (`agent`). Detractor alerts, updates and escalations
   * of an answer without an agent carry `agent: none`, so `["none"]` takes those. A metric alert
   * carries an agent only when its rule watches one, and an SNS filter policy never matches an
   * attribute a message does not carry: a subscriber with `agents` gets no other metric alert.
   */
  agents: names.optional(),
  surveys: z
    .array(z.enum(['nps', 'csat', 'ces']))
    .min(1)
    .optional(),
  severities: z
    .array(z.enum(['high', 'medium']))
    .min(1)
    .optional(),
  /**
   * What the comment says, as analysed (`none`: no comment; `pending`: not analysed yet when the alert
   * went out), and the topics it mentions (`["none"]` takes the alerts whose comment mentions none).
   */
  sentiments: z
    .array(z.enum([...SENTIMENTS, 'pending', 'none']))
    .min(1)
    .optional(),
  topics: names.optional(),
  /**
   * Which alerts: detractor alerts and the updates on their cases (the default), escalations of cases
   * left unacknowledged, metric alerts (a rolling score below its threshold, and its recovery).
   */
  receives: z.array(z.enum(ALERT_KINDS)).min(1).optional(),
};

/**
 * One HTTP API route's limit across every caller: `rateLimit` requests a second, and `burstLimit`, the
 * requests API Gateway's token bucket lets through at once. API Gateway refuses more than the
 * account's regional limit (10,000 a second, a burst of 5,000) at deploy time; checking here fails at
 * synth instead.
 */
export const RouteThrottleSchema = z.strictObject({
  rateLimit: z.number().positive().max(10_000),
  burstLimit: z.number().int().min(1).max(5_000),
});
export type RouteThrottle = z.infer<typeof RouteThrottleSchema>;

/**
 * A stage's changes to the limits of `infra/wiring.ts`: `routes` by route key ("GET /s/{token}"), each
 * field left out keeping the wiring's; `reservedConcurrency: false` reserves none for the functions
 * anyone may reach (for an account whose concurrency quota is too small to set any aside).
 */
export const ThrottlingSchema = z.strictObject({
  routes: z
    .record(
      z.string().regex(/^(GET|POST) \/\S*$/, 'must be a route key such as "GET /s/{token}"'),
      RouteThrottleSchema.partial(),
    )
    .default({}),
  reservedConcurrency: z.boolean().default(true),
});
export type Throttling = z.infer<typeof ThrottlingSchema>;

/**
 * The edge in front of customers' links: a CloudFront distribution with an AWS WAF web ACL that blocks
 * one client IP address past `rateLimitPer5Minutes` requests to the survey and unsubscribe links in
 * five minutes (WAF's minimum is 10).
 */
export const EdgeSchema = z.strictObject({
  rateLimitPer5Minutes: z.number().int().min(10).max(2_000_000_000).default(500),
});
export type Edge = z.infer<typeof EdgeSchema>;

/** The words Cognito keeps out of a prefix domain. */
export const LOGIN_DOMAIN_RESERVED_WORDS = ['aws', 'amazon', 'cognito'] as const;

/**
 * A Cognito prefix domain, as Cognito takes one (checked here so that synth fails, not the deploy):
 * lower-case letters, digits and dashes, neither first nor last a dash, none of its reserved words.
 */
export const LoginDomainPrefixSchema = z
  .string()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
    'must be 1 to 63 lower-case letters, digits and dashes, neither first nor last a dash',
  )
  .refine((prefix) => !LOGIN_DOMAIN_RESERVED_WORDS.some((word) => prefix.includes(word)), {
    message: `must not contain ${LOGIN_DOMAIN_RESERVED_WORDS.join(', ')}: Cognito reserves them`,
  });

/** CloudWatch Logs rejects any other retention at deploy time; checking here fails at synth instead. */
const LOG_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/**
 * A stage's settings, from CDK context (`cdk deploy -c pulse:config='{...}'` or cdk.json) or, for the
 * local runtime, from its defaults. Strict: a misspelt key fails instead of being ignored. The settings
 * a function can be handed take their schemas from their definitions.
 */
export const StageSettingsSchema = z
  .strictObject({
    /** Lower-case name of the stage, part of every stack name. */
    stage: z.string().regex(/^[a-z][a-z0-9-]{1,20}$/, 'must be lower-case letters, digits and dashes'),
    /** The verified SES identity invitations come from. */
    senderAddress: SENDER_ADDRESS.schema,
    /** The base of links in messages, such as a custom domain; default: the HTTP API's own URL. */
    publicUrl: PUBLIC_URL.schema.optional(),
    ...schemasOf(FUNCTION_SETTINGS),
    /**
     * Who is told when an alarm fires (stream behind, messages in a DLQ, function errors or throttles,
     * API 5xx, SMS spend, SES reputation).
     */
    opsEmails: z.array(z.email()).default([]),
    /**
     * The month's SMS spend, in USD, at which ops are told (below the account's SMS spend limit, at
     * which SNS stops sending; that limit starts at 1 USD and is raised through AWS support).
     */
    smsSpendAlarmUsd: z.number().positive().max(1_000_000).default(50),
    /**
     * Who receives which alerts: each subscriber's routing keys become its SNS filter policy, within
     * what SNS takes (checked at synth: infra/alert-routing.ts).
     */
    alertSubscribers: z
      .array(
        // Strict: a misspelt routing key would otherwise send a subscriber every alert.
        z.discriminatedUnion('protocol', [
          z.strictObject({ protocol: z.literal('email'), endpoint: z.email(), ...ROUTE_KEYS }),
          z.strictObject({
            protocol: z.literal('sms'),
            endpoint: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be E.164'),
            ...ROUTE_KEYS,
          }),
          z.strictObject({
            protocol: z.literal('https'),
            endpoint: z.url().startsWith('https://', 'must be https'),
            ...ROUTE_KEYS,
          }),
        ]),
      )
      .default([]),
    /**
     * Per-route limits and reserved concurrency, over the wiring's: `routes` by route key, each
     * `{ rateLimit?, burstLimit? }`; `reservedConcurrency` (default true) sets capacity aside for, and
     * caps, the functions anyone may reach.
     */
    throttling: ThrottlingSchema.prefault({}),
    /**
     * A CloudFront distribution with a WAF web ACL in front of customers' links, limiting each client IP
     * to `rateLimitPer5Minutes` (default 500) requests in five minutes; the links in messages then use
     * its domain. Off unless set; `{}` turns it on.
     */
    edge: EdgeSchema.nullable().default(null),
    /**
     * The prefix of the domain where leads sign in to the console, `<prefix>.auth.<region>.amazoncognito.com`
     * (the user pool's managed login); unique in its region across every AWS account. Default:
     * `pulse-<stage>-` and 8 hex digits of the stateful stack's id.
     */
    leadsLoginDomainPrefix: LoginDomainPrefixSchema.optional(),
    /** Days CloudWatch keeps each function's logs, one of the periods CloudWatch Logs accepts. Default 30. */
    logRetentionDays: z
      .number()
      .int()
      .refine((days) => LOG_RETENTION_DAYS.includes(days), {
        message: `must be one of CloudWatch Logs' retention periods: ${LOG_RETENTION_DAYS.join(', ')}`,
      })
      .default(30),
    /**
     * The analytics export on AWS, a stage setting only (no function is handed it): each answer and
     * changed answer as a line of JSON in S3, by the answer's day, with a Glue table and an Athena
     * workgroup to query them. `enabled` (default true); `personalColumns` (default false) adds the
     * customer id and the comment, which are otherwise never written.
     */
    analytics: z
      .strictObject({
        enabled: z.boolean().default(true),
        personalColumns: z.boolean().default(false),
      })
      .prefault({}),
    /**
     * Whose key encrypts the table at rest: `aws-owned` (default), DynamoDB's own, at no cost; or
     * `customer-managed`, a KMS key of the stage's own (rotated yearly, kept when the stack goes), whose
     * use CloudTrail records and whose grants the account controls.
     */
    tableKey: z.enum(['aws-owned', 'customer-managed']).default('aws-owned'),
  })
  .transform((config) => {
    const recovery = config.recoverySurvey?.touchpoint;
    if (!recovery || Object.hasOwn(config.contactPolicy.touchpoints, recovery)) return config;
    // A recovery survey follows a survey by days: the fatigue rule would always stop it.
    const touchpoints = { ...config.contactPolicy.touchpoints, [recovery]: { fatigueDays: 0 } };
    return { ...config, contactPolicy: { ...config.contactPolicy, touchpoints } };
  });

export type StageSettings = z.infer<typeof StageSettingsSchema>;
export type StageSettingsInput = z.input<typeof StageSettingsSchema>;
