import { awsClients } from '../lib/adapters/aws-clients.js';
import { DynamoDbInvitationStore } from '../lib/adapters/dynamodb-invitation-store.js';
import { DynamoDbResponseStore } from '../lib/adapters/dynamodb-response-store.js';
import { secretsManagerSecret } from '../lib/adapters/secrets-manager-secret.js';
import { env, readEnvironment } from '../lib/config.js';
import { type AnswerDeps, viewSurvey } from '../lib/core/answers.js';
import { systemClock } from '../lib/core/ports.js';
import { httpHandler } from '../lib/http/http-handler.js';
import { pathParameter } from '../lib/http/requests.js';
import { html } from '../lib/http/responses.js';
import { resolveLocale } from '../lib/messages/catalog.js';
import { type MessageSettings, MessageSettingsSchema } from '../lib/messages/invitation-email.js';
import { renderSurveyPage, SURVEY_PAGE_SCRIPTS } from '../lib/pages/survey-page.js';

/** GET /s/{token}?score=N: the page with the score preselected. It never records anything. */
export const createHandler = (deps: AnswerDeps & { messages: MessageSettings }) =>
  httpHandler(async (event) => {
    const token = pathParameter(event, 'token');
    const view = await viewSurvey(token, event.queryStringParameters?.score, deps);
    return html(
      200,
      renderSurveyPage({
        survey: view.invitation.survey,
        locale: resolveLocale(view.invitation.customer.locale, deps.messages.defaultLocale),
        brand: deps.messages.brandName,
        action: `/s/${token}`,
        selectedScore: view.selectedScore,
        comment: view.response?.comment,
        stamp: view.stamp,
      }),
      { scriptHashes: SURVEY_PAGE_SCRIPTS },
    );
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
