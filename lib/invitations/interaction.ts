import * as z from 'zod';
import { CountrySchema } from '../contacts/phone-numbers.js';
import { singleLine } from '../platform/text.js';
import { SurveySchema } from '../surveys/scales.js';
import { InteractionIdSchema, MAX_ATTRIBUTES, MAX_ATTRIBUTES_BYTES } from './invitation.js';

export { inviteChannelOf, MAX_ATTRIBUTES, MAX_ATTRIBUTES_BYTES } from './invitation.js';

/** A label shown on one line of an email or an alert (lib/platform/text.ts). */
const label = singleLine(128).min(1, 'must not be empty');

const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as America/New_York');

export const CustomerSchema = z
  .object({
    id: label,
    email: z.email('must be an email address').max(254).optional(),
    /** E.164, or a national number read with `country` (or the stage's default country). */
    phone: z.string().trim().min(3, 'must be a phone number such as +14155550100').max(32).optional(),
    /** Where a national phone number belongs, ISO 3166-1 alpha-2. */
    country: CountrySchema.optional(),
    name: singleLine(128).optional(),
    locale: z
      .string()
      .regex(/^[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{2,8})*$/, 'must be a language tag such as en or zh-CN')
      .optional(),
    timeZone: timeZone.optional(),
  })
  .refine((customer) => customer.email !== undefined || customer.phone !== undefined, {
    message: 'needs an email or a phone',
    path: ['email'],
  });

/**
 * The one event shape integrators send, over EventBridge (as `detail`) or as the body of
 * `POST /interactions`. Unknown fields are ignored; a wrong one is named in the error.
 */
export const InteractionCompletedSchema = z
  .object({
    interactionId: InteractionIdSchema,
    occurredAt: z.iso.datetime({
      offset: true,
      error: (issue) => (issue.input === undefined ? 'is required' : 'must be an ISO 8601 date-time'),
    }),
    survey: SurveySchema,
    customer: CustomerSchema,
    inviteVia: z.enum(['email', 'sms']).optional(),
    touchpoint: label,
    channel: label,
    team: label,
    agent: label.optional(),
    attributes: z
      .preprocess(
        (attributes, ctx) => {
          // A record would drop `__proto__` without a word (as a plain object's key it sets the prototype).
          if (
            typeof attributes === 'object' &&
            attributes !== null &&
            Object.hasOwn(attributes, '__proto__')
          ) {
            ctx.addIssue({ code: 'custom', path: ['__proto__'], message: '(the name) is reserved' });
          }
          return attributes;
        },
        z.record(label, z.string().max(2048, 'must be at most 2048 characters')),
      )
      .refine(
        (attributes) => Object.keys(attributes).length <= MAX_ATTRIBUTES,
        `at most ${MAX_ATTRIBUTES} attributes`,
      )
      .refine(
        (attributes) => JSON.stringify(attributes).length <= MAX_ATTRIBUTES_BYTES,
        `at most ${MAX_ATTRIBUTES_BYTES / 1024} KB of attributes in all`,
      )
      .optional(),
  })
  .superRefine((event, ctx) => {
    if (!event.customer.email && !event.customer.phone) return;
    const via = event.inviteVia ?? (event.customer.email ? 'email' : 'sms');
    if (via === 'email' && !event.customer.email) {
      ctx.addIssue({
        code: 'custom',
        path: ['customer', 'email'],
        message: 'is required to invite by email',
      });
    }
    if (via === 'sms' && !event.customer.phone) {
      ctx.addIssue({ code: 'custom', path: ['customer', 'phone'], message: 'is required to invite by sms' });
    }
  });

export type InteractionCompleted = z.infer<typeof InteractionCompletedSchema>;
