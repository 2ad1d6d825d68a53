import { DynamoDbResponseStore } from '../lib/answers/dynamodb-response-store.js';
import { type AnswerDeps, viewSurvey } from '../lib/answers/record-answer.js';
import { renderSurveyPage, SURVEY_PAGE_SCRIPTS } from '../lib/answers/web/survey-page.js';
import { DynamoDbInvitationStore } from '../lib/invitations/dynamodb-invitation-store.js';
import { type MessageSettings, MessageSettingsSchema } from '../lib/invitations/email/invitation-email.js';
import { awsClients } from '../lib/platform/aws-clients.js';
import { systemClock } from '../lib/platform/clock.js';
import { env, readEnvironment } from '../lib/platform/environment.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { pathParameter } from '../lib/platform/http/requests.js';
import { html } from '../lib/platform/http/responses.js';
import { secretsManagerSecret } from '../lib/platform/secrets-manager-secret.js';
import { resolveLocale } from '../lib/surveys/catalog.js';

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
