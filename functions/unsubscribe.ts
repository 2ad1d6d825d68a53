import { maskedAddressOf, type UnsubscribeDeps, unsubscribe } from '../lib/answers/web/unsubscribe.js';
import { renderUnsubscribedPage } from '../lib/answers/web/unsubscribe-page.js';
import { DynamoDbContactLedger } from '../lib/contacts/dynamodb-contact-ledger.js';
import { DynamoDbInvitationStore } from '../lib/invitations/dynamodb-invitation-store.js';
import { type MessageSettings, MessageSettingsSchema } from '../lib/invitations/email/invitation-email.js';
import { awsClients } from '../lib/platform/aws-clients.js';
import { systemClock } from '../lib/platform/clock.js';
import { env, readEnvironment } from '../lib/platform/environment.js';
import { ValidationError } from '../lib/platform/errors.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { formBody, pathParameter } from '../lib/platform/http/requests.js';
import { html } from '../lib/platform/http/responses.js';
import { secretsManagerSecret } from '../lib/platform/secrets-manager-secret.js';
import { resolveLocale } from '../lib/surveys/catalog.js';

/**
 * POST /u/{token}: RFC 8058 one-click unsubscribe, as a mail client's button or the confirmation
 * page's form sends it (`List-Unsubscribe=One-Click`, urlencoded or multipart). 200 with a page
 * saying so; repeating it is harmless.
 */
export const createHandler = (deps: UnsubscribeDeps & { messages: MessageSettings }) =>
  httpHandler(async (event) => {
    const token = pathParameter(event, 'token');
    if (formBody(event)['List-Unsubscribe'] !== 'One-Click') {
      throw new ValidationError([{ field: 'List-Unsubscribe', message: 'must be One-Click (RFC 8058)' }]);
    }
    const invitation = await unsubscribe(token, deps);
    return html(
      200,
      renderUnsubscribedPage({
        locale: resolveLocale(invitation.customer.locale, deps.messages.defaultLocale),
        address: maskedAddressOf(invitation),
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
