import * as z from 'zod';
import { parseJson } from './platform/json.js';
import { isTimeZone } from './platform/zoned-time.js';
import { LOCALES } from './surveys/locales.js';
import { DEFAULT_UNHAPPY_AT_OR_BELOW, SCALES, type Survey, SurveySchema } from './surveys/scales.js';
import { DIMENSIONS, type Dimension, type Segment } from './surveys/segments.js';
import { WindowSchema } from './surveys/window.js';

/*
 * Every stage and runtime setting, its schema and its limits: read by the CDK app at synth time, by
 * the composition root at cold start (from environment variables), and by the local runtime. It
 * imports only the survey vocabulary and the platform, never a capability or a use case.
 */

/**
 * The most one SMS may cost by default, in USD: many times a message to North America (about a cent)
 * and above one to most of Europe, yet below the dear routes a number slipped past the country list
 * would take. SNS drops a dearer message (its delivery fails), so a stage texting dearer countries
 * raises `sms.maxPriceUsd`.
 */
export const DEFAULT_SMS_MAX_PRICE_USD = 0.2;

/**
 * Who the SMS comes from: a number the account owns (`originationNumber`), or an alphanumeric
 * sender id where countries allow it; `maxPriceUsd` is the most one message may cost (SNS does not
 * deliver a dearer one), default 0.20, carried by every SMS Pulse sends.
 */
export const SmsOriginationSchema = z.strictObject({
  originationNumber: z
    .string()
    .regex(/^\+[1-9]\d{4,14}$/, 'must be a number in E.164 such as +18005550100')
    .optional(),
  senderId: z
    .string()
    .regex(/^(?=.*[A-Za-z])[A-Za-z0-9]{3,11}$/, 'must be 3 to 11 letters and digits, at least one letter')
    .optional(),
  maxPriceUsd: z.number().positive().max(10).default(DEFAULT_SMS_MAX_PRICE_USD),
});
export type SmsOrigination = z.infer<typeof SmsOriginationSchema>;

/**
 * Sends per second the providers allow: SES's MaxSendRate (1 in the sandbox, so the default) and the
 * SMS origination number's message parts per second (1 for a US 10DLC number, so the default).
 */
export const SendRatesSchema = z.strictObject({
  // Below one a second, a batch of ten shared by two consumers would pace past the function's timeout.
  emailPerSecond: z.number().min(1, 'must be at least 1 a second').max(1000).default(1),
  smsPerSecond: z.number().min(1, 'must be at least 1 a second').max(1000).default(1),
});
export type SendRates = z.infer<typeof SendRatesSchema>;

/** How messages speak for the stage: its brand name (default "us" in each language) and the language when the customer's is not offered. */
export const MessageSettingsSchema = z.strictObject({
  brandName: z.string().trim().min(1).max(40).optional(),
  defaultLocale: z.enum(LOCALES).default('en'),
});
export type MessageSettings = z.infer<typeof MessageSettingsSchema>;

const MAX_DELAY_SECONDS = 30 * 86_400;
const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** "HH:MM" 24-hour local time. */
export const LocalTimeSchema = z.string().regex(LOCAL_TIME, 'must be a local time such as 21:00');

/**
 * A daily window in which no invitation goes out, in local time. `start` after `end` spans midnight
 * (21:00-08:00, the usual case); `start` before `end` stays within a day (12:00-13:00). `start` is in
 * the window, `end` is not.
 */
export const QuietHoursSchema = z
  .strictObject({ start: LocalTimeSchema, end: LocalTimeSchema })
  .refine((quietHours) => quietHours.start !== quietHours.end, {
    // Equal ends could mean all day or never: make the integrator say which.
    message: 'must differ from start; set quietHours to null for no quiet hours',
    path: ['end'],
  });
export type QuietHours = z.infer<typeof QuietHoursSchema>;

const delaySeconds = z
  .number()
  .int('must be a whole number of seconds')
  .min(0, 'must not be negative')
  .max(MAX_DELAY_SECONDS, `must be at most 30 days (${MAX_DELAY_SECONDS} seconds)`);

const fatigueDays = z
  .number()
  .int('must be a whole number of days')
  .min(0, 'must not be negative')
  .max(365, 'must be at most 365 days');

const reminderAfterDays = z
  .number()
  .int('must be a whole number of days')
  .min(1, 'must be at least 1 day')
  .max(30, 'must be at most 30 days')
  .nullable();

/**
 * Per-touchpoint overrides of the stage's rules; a field left out keeps the stage's value.
 * `fatigueDays: 0` lifts the fatigue rule for the touchpoint; `reminderAfterDays: null` switches the
 * stage's reminder off for it.
 */
export const TouchpointPolicySchema = z.strictObject({
  delaySeconds: delaySeconds.optional(),
  fatigueDays: fatigueDays.optional(),
  reminderAfterDays: reminderAfterDays.optional(),
});
export type TouchpointPolicy = z.infer<typeof TouchpointPolicySchema>;

/**
 * When and how often a customer may be asked, per stage. Every field has a default, so `{}` parses:
 * - `delaySeconds` after the interaction before inviting: 3600.
 * - `fatigueDays` during which a customer invited once is not invited again: 30 (0 for none).
 * - `quietHours` in the customer's local time: 21:00-08:00 (null for none).
 * - `timeZone` quiet hours are judged in when the customer has none: UTC.
 * - `reminderAfterDays` before one reminder to a customer who has not answered: null (no reminder).
 * - `touchpoints`: overrides by touchpoint name: none.
 * - `smsCountries` invitations may be texted to: resolved at synth (see the field).
 */
export const ContactPolicySchema = z.strictObject({
  delaySeconds: delaySeconds.default(3600),
  fatigueDays: fatigueDays.default(30),
  quietHours: QuietHoursSchema.nullable().default({ start: '21:00', end: '08:00' }),
  timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris').default('UTC'),
  reminderAfterDays: reminderAfterDays.default(null),
  touchpoints: z
    .record(
      z.string().min(1, 'must not be empty').max(128, 'must be at most 128 characters'),
      TouchpointPolicySchema,
    )
    .default({}),
  /**
   * The countries invitations may be texted to (ISO 3166-1 alpha-2). Left out of a stage, synth sets
   * it to the countries of `defaultCountry` and `sms.originationNumber` (infra/stage-config.ts); a
   * policy without it, or with an empty list, texts no one.
   */
  smsCountries: z
    .array(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as US'))
    .max(250)
    .optional(),
});
export type ContactPolicy = z.infer<typeof ContactPolicySchema>;

/** Why a case was closed; a fixed list, so that reports can count them. */
export const RESOLUTION_REASONS = [
  'called-back',
  'issue-fixed',
  'customer-unreachable',
  'no-action-needed',
  'duplicate',
] as const;

/**
 * What an alert is about; subscribers choose by it (`receives`), through the `kind` attribute: a
 * detractor alert, an update on its case (a later comment, a changed score), the escalation of a case
 * left unacknowledged, or a rolling score falling below its threshold (and its recovery).
 */
export const ALERT_KINDS = ['detractor', 'update', 'escalation', 'metric'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * What an integrator credential may do, each scope a set of routes (each route's is named beside its
 * wiring, `infra/wiring.ts`): `interactions:send` sends interactions and reopens them (which reaches
 * any address it names); `invitations:read` reads what became of them; `cases:work` reads and works
 * cases (customers' contacts included) and reads the metrics; `answers:release` counts an answer held
 * as suspect; `people:manage` erases and exports what is held about a person.
 */
export const INTEGRATOR_SCOPES = [
  'interactions:send',
  'invitations:read',
  'cases:work',
  'answers:release',
  'people:manage',
] as const;
export type IntegratorScope = (typeof INTEGRATOR_SCOPES)[number];

/** Each guarded route's scope by its route key (`POST /interactions`), as the authorizers read it. */
export const RouteScopesSchema = z.record(
  z.string().regex(/^(GET|POST|PUT|PATCH|DELETE) \/\S*$/, 'must be a route key such as POST /interactions'),
  z.enum(INTEGRATOR_SCOPES),
);
export type RouteScopes = z.infer<typeof RouteScopesSchema>;

/** Minutes a case may stay open, unacknowledged, before it escalates once. */
export const CaseSlaSchema = z.strictObject({
  highMinutes: z.number().int().min(5).max(10_080).default(60),
  mediumMinutes: z.number().int().min(5).max(10_080).default(240),
});
export type CaseSla = z.infer<typeof CaseSlaSchema>;

/**
 * The short survey a customer may get once their case is resolved, asking how the follow-up went. Off
 * unless the stage sets it. It goes out as a new interaction under `touchpoint` (so its scores are
 * reported apart), through the same contact policy, whose fatigue rule it is exempt from unless the
 * stage's `contactPolicy.touchpoints` says otherwise; a suppressed customer is never asked.
 */
export const RecoverySurveySchema = z.strictObject({
  survey: SurveySchema.default('csat'),
  touchpoint: z.string().trim().min(1).max(128).default('case-recovery'),
  /** Resolution reasons that send it; the others (unreachable, duplicate, …) never do. */
  onReasons: z.array(z.enum(RESOLUTION_REASONS)).min(1).default(['called-back', 'issue-fixed']),
});
export type RecoverySurvey = z.infer<typeof RecoverySurveySchema>;

/** The range each survey's rolling score lives in: NPS −100..100, CSAT 0..100 %, CES a mean of 1..7. */
const SCORE_RANGES: Record<Survey, { min: number; max: number }> = {
  nps: { min: -100, max: 100 },
  csat: { min: 0, max: 100 },
  ces: { min: 1, max: 7 },
};

/** A response rate's line, in percent: it may pass 100 (answers to earlier sends), but a line there means nothing. */
const RESPONSE_RATE_RANGE = { min: 0, max: 100 };

const segmentValue = z.string().trim().min(1).max(128).optional();

/**
 * What a metric rule watches: the rolling `score` (the default), or the `responseRate`, answers per
 * invitation sent over the window in percent, whose collapse usually means a deliverability problem
 * (mail landing in spam, a sender number blocked).
 */
export const WatchedMetricSchema = z.enum(['score', 'responseRate']);
export type WatchedMetric = z.infer<typeof WatchedMetricSchema>;

/**
 * One metric alert: when the rolling score of a survey over a window (or its response rate), overall
 * or for one segment, falls below `below` on at least `minSample` answers (invitations sent, for the
 * response rate), one alert; then nothing until it is back at or above `recoverAt` (default `below`),
 * which sends a recovery notice; then it may fall again.
 */
export const MetricAlertRuleSchema = z
  .strictObject({
    survey: SurveySchema,
    metric: WatchedMetricSchema.default('score'),
    window: WindowSchema.default('30d'),
    below: z.number(),
    /** At or above this the score has recovered; above `below` it keeps a score near the line from flapping. */
    recoverAt: z.number().optional(),
    /** Answers in the window the score needs before it may alert; default: the stage's `minSample`. */
    minSample: z.number().int().min(1).max(100_000).optional(),
    team: segmentValue,
    agent: segmentValue,
    channel: segmentValue,
    touchpoint: segmentValue,
  })
  .superRefine((rule, ctx) => {
    const range = rule.metric === 'responseRate' ? RESPONSE_RATE_RANGE : SCORE_RANGES[rule.survey];
    const of = rule.metric === 'responseRate' ? 'a response rate' : rule.survey;
    for (const key of ['below', 'recoverAt'] as const) {
      const value = rule[key];
      if (value !== undefined && (value <= range.min || value > range.max)) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `must be above ${range.min} and at most ${range.max} for ${of}`,
        });
      }
    }
    if (rule.recoverAt !== undefined && rule.recoverAt < rule.below) {
      ctx.addIssue({ code: 'custom', path: ['recoverAt'], message: 'must be at or above below' });
    }
    const dimensions = DIMENSIONS.filter((dimension) => rule[dimension] !== undefined);
    if (dimensions.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: [dimensions[1] as string],
        message: `a rule watches at most one of ${DIMENSIONS.join(', ')}`,
      });
    }
  });
export type MetricAlertRule = z.infer<typeof MetricAlertRuleSchema>;

/** The rules of a stage; two rules on the same score and segment would alert twice. */
export const MetricAlertRulesSchema = z.array(MetricAlertRuleSchema).superRefine((rules, ctx) => {
  const seen = new Map<string, number>();
  rules.forEach((rule, i) => {
    const key = ruleKeyOf(rule);
    const first = seen.get(key);
    if (first !== undefined) {
      ctx.addIssue({ code: 'custom', path: [i], message: `watches the same score as rule ${first}` });
    }
    seen.set(key, i);
  });
});

/** The segment a rule watches. */
export const segmentOfRule = (rule: MetricAlertRule): Segment => {
  const dimension = DIMENSIONS.find((candidate) => rule[candidate] !== undefined);
  return dimension ? { dimension, value: rule[dimension] as string } : null;
};

/**
 * How a rule is known in the table and in alerts: its survey, window and segment (and `/responseRate`
 * for a rule on the response rate, so a score rule's key is what it always was), with no `#` in it.
 */
export const ruleKeyOf = (
  rule: Pick<MetricAlertRule, 'survey' | 'window' | Dimension> & { metric?: WatchedMetric },
): string => {
  const segment = segmentOfRule(rule as MetricAlertRule);
  const watched = segment ? `${segment.dimension}=${encodeURIComponent(segment.value)}` : 'all';
  return `${rule.survey}/${rule.window}/${watched}${rule.metric === 'responseRate' ? '/responseRate' : ''}`;
};

/** Default minimum number of answers before a score is trusted (and metric alerts may fire). */
export const DEFAULT_MIN_SAMPLE = 30;

/** Receives of a queue message before it moves to the dead-letter queue; the last one gives up. */
export const SEND_ATTEMPTS = 5;

const threshold = (survey: keyof typeof SCALES) =>
  z
    .number()
    .int()
    .min(SCALES[survey].min)
    .max(SCALES[survey].max - 1)
    .default(DEFAULT_UNHAPPY_AT_OR_BELOW[survey]);

export const UnhappyThresholdsSchema = z
  .object({ nps: threshold('nps'), csat: threshold('csat'), ces: threshold('ces') })
  .prefault({});

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

/** CloudWatch Logs rejects any other retention at deploy time; checking here fails at synth instead. */
const LOG_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** The settings a function may be handed, each with the schema its value must pass. */
const FUNCTION_SETTINGS = {
  /**
   * When and how often a customer is asked: `delaySeconds` after the interaction (default 3600),
   * at most one survey per person per `fatigueDays` (default 30), never in `quietHours` (default
   * 21:00-08:00 in the customer's zone, else `timeZone`, default UTC), an optional reminder after
   * `reminderAfterDays` (default off), `touchpoints` overriding the delay, fatigue and reminder, and
   * the `smsCountries` invitations may be texted to (default: the countries of `defaultCountry` and
   * of the origination number).
   */
  contactPolicy: ContactPolicySchema.prefault({}),
  /**
   * The country of phone numbers integrators send without one (ISO 3166-1 alpha-2, such as US). Synth
   * also checks that phone numbers of that country can be read (infra/stage-config.ts): the phone
   * library's country list is kept out of the functions that never read a phone number.
   */
  defaultCountry: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as US')
    .optional(),
  /** How messages speak: the brand name customers know (default "us") and the language when theirs is not offered. */
  messages: MessageSettingsSchema.prefault({}),
  sms: SmsOriginationSchema.prefault({}),
  sendRates: SendRatesSchema.prefault({}),
  /** Answers needed before a score is trusted. Default 30. */
  minSample: z.number().int().min(1).default(DEFAULT_MIN_SAMPLE),
  /** The highest unhappy score per survey. Defaults: NPS 6, CSAT 2, CES 3. */
  unhappyAtOrBelow: UnhappyThresholdsSchema,
  /**
   * Metric alerts: each rule watches one survey's rolling score over a window (default 30d), overall or
   * for one team, agent, channel or touchpoint, and alerts once when it falls `below` on at least
   * `minSample` answers, then once more when it is back at or above `recoverAt` (default `below`).
   */
  metricAlerts: MetricAlertRulesSchema.default([]),
  /**
   * The short survey a customer gets when their case is resolved as called back or fixed (`onReasons`):
   * `survey` (default csat) under `touchpoint` (default case-recovery). Off unless set; `{}` turns it on.
   */
  recoverySurvey: RecoverySurveySchema.nullable().default(null),
  /** Minutes a case may stay unacknowledged before it escalates, per severity. Defaults: high 60, medium 240. */
  caseSla: CaseSlaSchema.prefault({}),
};

/**
 * A stage's settings, from CDK context (`cdk deploy -c pulse:config='{...}'` or cdk.json) or, for the
 * local runtime, from its defaults. Strict: a misspelt key fails instead of being ignored.
 */
export const StageSettingsSchema = z
  .strictObject({
    /** Lower-case name of the stage, part of every stack name. */
    stage: z.string().regex(/^[a-z][a-z0-9-]{1,20}$/, 'must be lower-case letters, digits and dashes'),
    /** The verified SES identity invitations come from. */
    senderAddress: z.email(),
    /** The base of links in messages, such as a custom domain; default: the HTTP API's own URL. */
    publicUrl: z.url().optional(),
    ...FUNCTION_SETTINGS,
    /**
     * Support leads who sign in to work cases and read metrics: each email becomes a user of the stage's
     * Cognito user pool, invited by email with a temporary password.
     */
    leads: z
      .array(z.email())
      .refine((emails) => new Set(emails.map((email) => email.toLowerCase())).size === emails.length, {
        message: 'lists an address twice',
      })
      .default([]),
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
    /** Days CloudWatch keeps each function's logs, one of the periods CloudWatch Logs accepts. Default 30. */
    logRetentionDays: z
      .number()
      .int()
      .refine((days) => LOG_RETENTION_DAYS.includes(days), {
        message: `must be one of CloudWatch Logs' retention periods: ${LOG_RETENTION_DAYS.join(', ')}`,
      })
      .default(30),
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

const arn = z.string().regex(/^arn:[\w-]+:[\w-]+:[\w-]*:\d{12}:.+$/, 'must be an ARN');

/**
 * What a function is handed at run time: the names of the resources it was granted, and the stage
 * settings it reads. The construct that grants a resource sets the variable that names it.
 */
export const RUNTIME_SETTINGS = {
  tableName: { variable: 'TABLE_NAME', schema: z.string().min(1) },
  /** The queue of invitations sent by email, and the one of those sent by SMS: each has its own sender. */
  emailQueueUrl: { variable: 'EMAIL_QUEUE_URL', schema: z.url() },
  smsQueueUrl: { variable: 'SMS_QUEUE_URL', schema: z.url() },
  alertsTopicArn: { variable: 'ALERTS_TOPIC_ARN', schema: arn },
  senderAddress: { variable: 'SENDER_ADDRESS', schema: z.email() },
  configurationSetName: { variable: 'CONFIGURATION_SET_NAME', schema: z.string().min(1) },
  signingKeySecretArn: { variable: 'SIGNING_KEY_SECRET_ARN', schema: arn },
  /** The secret holding the integrator credentials (lib/access/integrator-credentials.ts). */
  apiTokenSecretArn: { variable: 'API_TOKEN_SECRET_ARN', schema: arn },
  /** Each guarded route's scope, for the authorizers: made from the wiring, its one home. */
  routeScopes: { variable: 'ROUTE_SCOPES', schema: RouteScopesSchema },
  leadsUserPoolId: {
    variable: 'LEADS_USER_POOL_ID',
    schema: z.string().regex(/^[\w-]+_[0-9a-zA-Z]+$/, 'must be a Cognito user pool id'),
  },
  leadsClientId: { variable: 'LEADS_CLIENT_ID', schema: z.string().min(1) },
  /** The base of links in messages. */
  publicUrl: { variable: 'PUBLIC_URL', schema: z.url() },
  /** A send queue consumer's maximum concurrency: each instance takes its share of its channel's rate. */
  sendConcurrency: { variable: 'SEND_CONCURRENCY', schema: z.coerce.number().int().min(1) },
  contactPolicy: { variable: 'CONTACT_POLICY', schema: FUNCTION_SETTINGS.contactPolicy },
  defaultCountry: { variable: 'DEFAULT_COUNTRY', schema: FUNCTION_SETTINGS.defaultCountry },
  messages: { variable: 'MESSAGE_SETTINGS', schema: FUNCTION_SETTINGS.messages },
  sms: { variable: 'SMS_ORIGINATION', schema: FUNCTION_SETTINGS.sms },
  sendRates: { variable: 'SEND_RATES', schema: FUNCTION_SETTINGS.sendRates },
  minSample: { variable: 'MIN_SAMPLE', schema: FUNCTION_SETTINGS.minSample },
  unhappyAtOrBelow: { variable: 'UNHAPPY_AT_OR_BELOW', schema: FUNCTION_SETTINGS.unhappyAtOrBelow },
  metricAlerts: { variable: 'METRIC_ALERT_RULES', schema: FUNCTION_SETTINGS.metricAlerts },
  recoverySurvey: { variable: 'RECOVERY_SURVEY', schema: FUNCTION_SETTINGS.recoverySurvey },
  caseSla: { variable: 'CASE_SLA', schema: FUNCTION_SETTINGS.caseSla },
} as const;

export type RuntimeSettingName = keyof typeof RUNTIME_SETTINGS;
export type RuntimeSettings = { [K in RuntimeSettingName]: z.output<(typeof RUNTIME_SETTINGS)[K]['schema']> };
/** The stage settings a function can be handed as they are (the rest name resources). */
export type FunctionSettingName = keyof typeof FUNCTION_SETTINGS;
export const FUNCTION_SETTING_NAMES = Object.keys(FUNCTION_SETTINGS) as FunctionSettingName[];

/** A function's settings, each read and checked on first use. */
export interface Settings {
  get<K extends RuntimeSettingName>(name: K): RuntimeSettings[K];
}

/** Thrown when a function reads a setting it was not handed, or one that fails its schema. */
export class SettingError extends Error {
  override name = 'SettingError';
}

const check = <K extends RuntimeSettingName>(name: K, value: unknown, where: string): RuntimeSettings[K] => {
  const result = RUNTIME_SETTINGS[name].schema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map((issue) =>
      [where, ...issue.path].join('.').concat(`: ${issue.message}`),
    );
    throw new SettingError(`invalid setting: ${problems.join('; ')}`);
  }
  return result.data as RuntimeSettings[K];
};

const cached = (read: <K extends RuntimeSettingName>(name: K) => RuntimeSettings[K]): Settings => {
  const values = new Map<RuntimeSettingName, unknown>();
  return {
    get(name) {
      if (!values.has(name)) values.set(name, read(name));
      return values.get(name) as RuntimeSettings[typeof name];
    },
  };
};

/** On AWS: each setting from the environment variable that names it, checked on first use. */
export const settingsFromEnvironment = (env: NodeJS.ProcessEnv): Settings =>
  cached((name) => {
    const { variable, schema } = RUNTIME_SETTINGS[name];
    const text = env[variable];
    if (text === undefined || text === '') return check(name, undefined, variable);
    // Plain strings are set as they are, everything else as JSON (see variableValueOf).
    if (schema.safeParse(text).success) return check(name, text, variable);
    const value = parseJson(text);
    if (value !== undefined) return check(name, value, variable);
    // A broken object or list says so; any other text is named by the setting's own schema.
    if (/^\s*[[{]/.test(text)) throw new SettingError(`invalid setting: ${variable}: must be JSON`);
    return check(name, text, variable);
  });

/** On one machine and in tests: settings handed over as values, checked on first use. */
export const settingsFrom = (values: Partial<RuntimeSettings>): Settings =>
  cached((name) => check(name, values[name], name));

/** A setting as the environment variable the stack sets: JSON unless it is a plain string. */
export const variableValueOf = (value: unknown): string => {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
};
