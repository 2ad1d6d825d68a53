import { onAws, sendSmsInvitationDeps } from '../lib/compose.js';
import type { SendInvitationDeps } from '../lib/invitations/send-invitation.js';
import { sendQueueConsumer } from '../lib/invitations/send-queue-consumer.js';

/**
 * The SMS queue's consumer: texts due SMS invitations and their reminders through SNS at this
 * instance's share of the SMS send rate. A message of an email invitation is moved to the email queue.
 */
export const createHandler = (deps: SendInvitationDeps) => sendQueueConsumer(deps);

export const dependencies = sendSmsInvitationDeps;
export const handler = onAws(dependencies, createHandler);
