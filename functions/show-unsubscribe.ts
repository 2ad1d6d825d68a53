import { awsClients } from '../lib/adapters/aws-clients.js';
import { DynamoDbContactLedger } from '../lib/adapters/dynamodb-contact-ledger.js';
import { DynamoDbInvitationStore } from '../lib/adapters/dynamodb-invitation-store.js';
import { secretsManagerSecret } from '../lib/adapters/secrets-manager-secret.js';
import { env, readEnvironment } from '../lib/config.js';
import { systemClock } from '../lib/core/ports.js';
import { invitationForUnsubscribe, maskedAddressOf, type UnsubscribeDeps } from '../lib/core/unsubscribe.js';
import { httpHandler } from '../lib/http/http-handler.js';
import { pathParameter } from '../lib/http/requests.js';
import { html } from '../lib/http/responses.js';
import { resolveLocale } from '../lib/messages/catalog.js';
import { type MessageSettings, MessageSettingsSchema } from '../lib/messages/invitation-email.js';
import { renderUnsubscribeConfirmPage } from '../lib/pages/unsubscribe-page.js';

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
