import { onAws, sendEmailInvitationDeps } from '../lib/compose.js';
import type { SendInvitationDeps } from '../lib/invitations/send-invitation.js';
import { sendQueueConsumer } from '../lib/invitations/send-queue-consumer.js';

/**
 * The email queue's consumer: sends due email invitations and their reminders through SES at this
 * instance's share of the email send rate. A message of an SMS invitation is moved to the SMS queue.
 */
export const createHandler = (deps: SendInvitationDeps) => sendQueueConsumer(deps);

export const dependencies = sendEmailInvitationDeps;
export const handler = onAws(dependencies, createHandler);
