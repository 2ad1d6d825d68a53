import { awsClients } from '../lib/adapters/aws-clients.js';
import { DynamoDbInvitationStore } from '../lib/adapters/dynamodb-invitation-store.js';
import { DynamoDbResponseStore } from '../lib/adapters/dynamodb-response-store.js';
import { secretsManagerSecret } from '../lib/adapters/secrets-manager-secret.js';
import { env, readEnvironment } from '../lib/config.js';
import { type AnswerDeps, invitationForToken, pageStampFor, recordAnswerTo } from '../lib/core/answers.js';
import { systemClock } from '../lib/core/ports.js';
import { ValidationError } from '../lib/domain/errors.js';
import { httpHandler } from '../lib/http/http-handler.js';
import { formBody, pathParameter, userAgentOf } from '../lib/http/requests.js';
import { html } from '../lib/http/responses.js';
import { resolveLocale } from '../lib/messages/catalog.js';
import { type MessageSettings, MessageSettingsSchema } from '../lib/messages/invitation-email.js';
import { renderSurveyPage, renderThankYouPage, SURVEY_PAGE_SCRIPTS } from '../lib/pages/survey-page.js';

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
