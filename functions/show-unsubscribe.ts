import {
  invitationForUnsubscribe,
  maskedAddressOf,
  type UnsubscribeDeps,
} from '../lib/answers/web/unsubscribe.js';
import { renderUnsubscribeConfirmPage } from '../lib/answers/web/unsubscribe-page.js';
import { DynamoDbContactLedger } from '../lib/contacts/dynamodb-contact-ledger.js';
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

/** GET /u/{token}: asks to confirm; unsubscribes nobody. */
export const createHandler = (deps: UnsubscribeDeps & { messages: MessageSettings }) =>
  httpHandler(async (event) => {
    const token = pathParameter(event, 'token');
    const invitation = await invitationForUnsubscribe(token, deps);
    return html(
      200,
      renderUnsubscribeConfirmPage({
        locale: resolveLocale(invitation.customer.locale, deps.messages.defaultLocale),
        address: maskedAddressOf(invitation),
        action: `/u/${token}`,
      }),
    );
  }, 'html');

const config = readEnvironment({
  TABLE_NAME: env.tableName,
  SIGNING_KEY_SECRET_ARN: env.arn,
  MESSAGE_SETTINGS: env.json(MessageSettingsSchema),
});
export const handler = createHandler({
  invitations: new DynamoDbInvitationStore(awsClients.dynamodb(), config.TABLE_NAME),
  contacts: new DynamoDbContactLedger(awsClients.dynamodb(), config.TABLE_NAME),
  clock: systemClock,
  signingKey: secretsManagerSecret(awsClients.secretsManager(), config.SIGNING_KEY_SECRET_ARN),
  messages: config.MESSAGE_SETTINGS,
});
