import * as z from 'zod';
import { wellFormed } from '../../platform/text.js';
import { MAX_SMS_REPLY_LENGTH } from './parse-sms-reply.js';

/**
 * An inbound SMS as AWS End User Messaging SMS publishes it to the two-way channel's SNS topic (the
 * JSON inside `Sns.Message`). `previousPublishedMessageId` is the id of the last message we sent to
 * that number from that number, when there is one.
 */
export const InboundSmsSchema = z.object({
  originationNumber: z.string().regex(/^\+[1-9]\d{4,14}$/, 'must be an E.164 number'),
  destinationNumber: z.string().min(1, 'must not be empty'),
  messageKeyword: z.string().optional(),
  // Longer texts are cut by the parser; a concatenated SMS is at most ten parts. The customer's words
  // are repaired, never refused (lib/platform/text.ts).
  messageBody: z
    .string()
    .max(MAX_SMS_REPLY_LENGTH * 4, 'is longer than any SMS')
    .transform(wellFormed),
  inboundMessageId: z.string().min(1, 'must not be empty').max(128),
  previousPublishedMessageId: z.string().max(128).optional(),
});
export type InboundSms = z.infer<typeof InboundSmsSchema>;
