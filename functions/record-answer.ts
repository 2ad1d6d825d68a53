import { DynamoDbResponseStore } from '../lib/answers/dynamodb-response-store.js';
import {
  type AnswerDeps,
  invitationForToken,
  pageStampFor,
  recordAnswerTo,
} from '../lib/answers/record-answer.js';
import { renderSurveyPage, renderThankYouPage, SURVEY_PAGE_SCRIPTS } from '../lib/answers/web/survey-page.js';
import { DynamoDbInvitationStore } from '../lib/invitations/dynamodb-invitation-store.js';
import { type MessageSettings, MessageSettingsSchema } from '../lib/invitations/email/invitation-email.js';
import { awsClients } from '../lib/platform/aws-clients.js';
import { systemClock } from '../lib/platform/clock.js';
import { env, readEnvironment } from '../lib/platform/environment.js';
import { ValidationError } from '../lib/platform/errors.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { formBody, pathParameter, userAgentOf } from '../lib/platform/http/requests.js';
import { html } from '../lib/platform/http/responses.js';
import { secretsManagerSecret } from '../lib/platform/secrets-manager-secret.js';
import { resolveLocale } from '../lib/surveys/catalog.js';

/**
 * POST /s/{token}: records or changes the answer and shows a thank-you page. A wrong score or an
 * oversized comment shows the form again with the reason (400), keeping what was typed.
 */
export const createHandler = (deps: AnswerDeps & { messages: MessageSettings }) =>
  httpHandler(async (event) => {
    const token = pathParameter(event, 'token');
    const form = formBody(event);
    // Read once: the answer, the thank-you page and the form shown again all need it.
    const invitation = await invitationForToken(token, deps);
    const locale = resolveLocale(invitation.customer.locale, deps.messages.defaultLocale);
    try {
      const response = await recordAnswerTo(invitation, form, deps, { userAgent: userAgentOf(event) });
      return html(
        200,
        renderThankYouPage({
          locale,
          score: response.score,
          comment: response.comment,
          action: `/s/${token}`,
        }),
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return html(
        400,
        renderSurveyPage({
          survey: invitation.survey,
          locale,
          brand: deps.messages.brandName,
          action: `/s/${token}`,
          comment: typeof form.comment === 'string' ? form.comment : undefined,
          selectedScore: /^\d{1,2}$/.test(String(form.score ?? '').trim()) ? Number(form.score) : undefined,
          error: error.issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '),
          stamp: await pageStampFor(invitation.invitationId, deps),
        }),
        { scriptHashes: SURVEY_PAGE_SCRIPTS },
      );
    }
  }, 'html');

const config = readEnvironment({
  TABLE_NAME: env.tableName,
  SIGNING_KEY_SECRET_ARN: env.arn,
  MESSAGE_SETTINGS: env.json(MessageSettingsSchema),
});
export const handler = createHandler({
  invitations: new DynamoDbInvitationStore(awsClients.dynamodb(), config.TABLE_NAME),
  responses: new DynamoDbResponseStore(awsClients.dynamodb(), config.TABLE_NAME),
  clock: systemClock,
  signingKey: secretsManagerSecret(awsClients.secretsManager(), config.SIGNING_KEY_SECRET_ARN),
  messages: config.MESSAGE_SETTINGS,
});
