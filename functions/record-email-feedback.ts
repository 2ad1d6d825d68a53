import { emailFeedbackDeps, onAws } from '../lib/compose.js';
import {
  type EmailFeedbackDeps,
  recordEmailFeedback,
} from '../lib/invitations/email/record-email-feedback.js';
import { snsHandler } from '../lib/platform/async-events.js';

/**
 * SES's events through the configuration set's SNS topic. SNS invokes asynchronously with one record;
 * a message that is not an SES event throws a ValidationError and, after Lambda's retries, lands on
 * the on-failure destination with that reason.
 */
export const createHandler = (deps: EmailFeedbackDeps) =>
  snsHandler('email feedback recorded', (message) => recordEmailFeedback(message, deps));

export const dependencies = emailFeedbackDeps;
export const handler = onAws(dependencies, createHandler);
