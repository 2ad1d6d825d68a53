import { recordSmsReply, type SmsReplyDeps } from '../lib/answers/sms/record-sms-reply.js';
import { onAws, smsReplyDeps } from '../lib/compose.js';
import { snsHandler } from '../lib/platform/async-events.js';

/**
 * Inbound SMS from the two-way channel's SNS topic (the End User Messaging payload as a JSON string in
 * `Sns.Message`). SNS invokes asynchronously; a message that is not that payload throws a
 * ValidationError and, after Lambda's retries, lands on the on-failure destination with the reason.
 */
export const createHandler = (deps: SmsReplyDeps) =>
  snsHandler('inbound sms handled', (message) => recordSmsReply(message, deps));

export const dependencies = smsReplyDeps;
export const handler = onAws(dependencies, createHandler);
