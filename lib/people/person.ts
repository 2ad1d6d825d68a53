import * as z from 'zod';
import { normalizeEmail, type PersonKey } from '../contacts/contact-keys.js';
import { normalizePhone } from '../contacts/phone-numbers.js';
import { parseOrThrow, ValidationError } from '../platform/errors.js';
import { singleLine } from '../platform/text.js';

/**
 * Who an erasure or an access export is about: a customer id, an email address, a phone number, any
 * of them, at least one. Each is read as intake reads it (an address lower-cased, a number in E.164,
 * national in the stage's country), so that it names the same keys the person was stored under.
 */
export const PersonRequestSchema = z
  .strictObject({
    customerId: singleLine(256).min(1, 'must not be empty').optional(),
    email: z.email('must be an email address').max(320).optional(),
    phone: z.string().trim().min(1, 'must not be empty').max(32).optional(),
  })
  .refine((asked) => asked.customerId ?? asked.email ?? asked.phone, {
    message: 'name the person: customerId, email or phone',
    path: ['customerId'],
  });
export type PersonRequest = z.infer<typeof PersonRequestSchema>;

/** The keys a request names the person by; 400 naming the field when the phone is no number. */
export const personKeysAsked = (input: unknown, defaultCountry: string | undefined): PersonKey[] => {
  const asked = parseOrThrow(PersonRequestSchema, input ?? {});
  const keys: PersonKey[] = [];
  if (asked.customerId) keys.push(`customer:${asked.customerId}`);
  if (asked.email) keys.push(`email:${normalizeEmail(asked.email)}`);
  if (asked.phone) {
    const phone = normalizePhone(asked.phone, defaultCountry);
    if (!phone) {
      throw new ValidationError([
        {
          field: 'phone',
          message: 'must be a phone number: E.164 (+14155550100) or national in the stage country',
        },
      ]);
    }
    keys.push(`phone:${phone}`);
  }
  return keys;
};
