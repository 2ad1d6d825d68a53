import { z } from 'zod';
import { DEFAULT_MIN_SAMPLE } from '../lib/aggregates/formulas.js';
import { MetricAlertRulesSchema } from '../lib/alerts/metric-alert.js';
import { ALERT_KINDS, CaseSlaSchema, RecoverySurveySchema } from '../lib/cases/case.js';
import { CountrySchema } from '../lib/contacts/contact-keys.js';
import { ContactPolicySchema } from '../lib/contacts/contact-policy.js';
import { MessageSettingsSchema } from '../lib/invitations/email/invitation-email.js';
import { SendRatesSchema } from '../lib/invitations/pacer.js';
import { smsTextsOver } from '../lib/invitations/sms/invitation-sms.js';
import { SmsOriginationSchema } from '../lib/invitations/sms/sns-sms-sender.js';
import { DEFAULT_UNHAPPY_AT_OR_BELOW, SCALES } from '../lib/surveys/scales.js';

const names = z.array(z.string().min(1).max(128)).min(1, 'list at least one, or leave the key out');

/**
 * Which alerts a subscriber receives: every listed key must match (and any value within a key). A
 * subscriber with no keys receives every alert. Turned into the subscription's SNS filter policy.
 */
const ROUTE_KEYS = {
  teams: names.optional(),
  touchpoints: names.optional(),
  channels: names.optional(),
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

const threshold = (survey: keyof typeof SCALES) =>
  z
    .number()
    .int()
    .min(SCALES[survey].min)
    .max(SCALES[survey].max - 1)
    .default(DEFAULT_UNHAPPY_AT_OR_BELOW[survey]);

/** CloudWatch Logs rejects any other retention at deploy time; checking here fails at synth instead. */
const LOG_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/**
 * A stage's settings, from CDK context (`cdk deploy -c pulse:config='{...}'` or cdk.json) or, for the
 * local runtime, from its defaults. Validated at synth time, so a wrong setting never deploys.
 */
export const StageConfigSchema = z
  .strictObject({
    /** Lower-case name of the stage, part of every stack name. */
    stage: z.string().regex(/^[a-z][a-z0-9-]{1,20}$/, 'must be lower-case letters, digits and dashes'),
    /** The verified SES identity invitations come from. */
    senderAddress: z.email(),
    /** The base of links in messages, such as a custom domain; default: the HTTP API's own URL. */
    publicUrl: z.url().optional(),
    /**
     * When and how often a customer is asked: `delaySeconds` after the interaction (default 3600),
     * at most one survey per person per `fatigueDays` (default 30), never in `quietHours` (default
     * 21:00-08:00 in the customer's zone, else `timeZone`, default UTC), an optional reminder after
     * `reminderAfterDays` (default off), and `touchpoints` overriding the delay, fatigue and reminder.
     */
    contactPolicy: ContactPolicySchema.prefault({}),
    /** The country of phone numbers integrators send without one (ISO 3166-1 alpha-2, such as US). */
    defaultCountry: CountrySchema.optional(),
    /** How messages speak: the brand name customers know (default "us") and the language when theirs is not offered. */
    messages: MessageSettingsSchema.prefault({}),
    /** Who invitation SMS come from: an origination number the account owns, or a sender id where allowed. */
    sms: SmsOriginationSchema.prefault({}),
    /** The account's sending limits: SES's MaxSendRate (1 in the sandbox) and the SMS number's parts per second. */
    sendRates: SendRatesSchema.prefault({}),
    /** Answers needed before a score is trusted. Default 30. */
    minSample: z.number().int().min(1).default(DEFAULT_MIN_SAMPLE),
    /** The highest unhappy score per survey. Defaults: NPS 6, CSAT 2, CES 3. */
    unhappyAtOrBelow: z
      .object({ nps: threshold('nps'), csat: threshold('csat'), ces: threshold('ces') })
      .prefault({}),
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
    /** Who is told when an alarm fires (stream behind, messages in a DLQ, function errors, SES reputation). */
    opsEmails: z.array(z.email()).default([]),
    /** Who receives detractor alerts. */
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
    /** Days CloudWatch keeps each function's logs, one of the periods CloudWatch Logs accepts. Default 30. */
    logRetentionDays: z
      .number()
      .int()
      .refine((days) => LOG_RETENTION_DAYS.includes(days), {
        message: `must be one of CloudWatch Logs' retention periods: ${LOG_RETENTION_DAYS.join(', ')}`,
      })
      .default(30),
  })
  .superRefine((config, ctx) => {
    for (const over of smsTextsOver(config.messages.brandName)) {
      const limit = over.size.encoding === 'GSM-7' ? 160 : 70;
      ctx.addIssue({
        code: 'custom',
        path: ['messages', 'brandName'],
        message: `makes the ${over.locale} ${over.name} SMS ${over.size.units} ${over.size.encoding} characters, and one segment holds ${limit}: "${over.text}"`,
      });
    }
  })
  .transform((config) => {
    const recovery = config.recoverySurvey?.touchpoint;
    if (!recovery || Object.hasOwn(config.contactPolicy.touchpoints, recovery)) return config;
    // A recovery survey follows a survey by days: the fatigue rule would always stop it.
    const touchpoints = { ...config.contactPolicy.touchpoints, [recovery]: { fatigueDays: 0 } };
    return { ...config, contactPolicy: { ...config.contactPolicy, touchpoints } };
  });

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
