import {
  invitationForUnsubscribe,
  maskedAddressOf,
  type UnsubscribeDeps,
} from '../lib/answers/web/unsubscribe.js';
import { renderUnsubscribeConfirmPage } from '../lib/answers/web/unsubscribe-page.js';
import { onAws, unsubscribeDeps } from '../lib/compose.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { pathParameter } from '../lib/platform/http/requests.js';
import { html } from '../lib/platform/http/responses.js';
import type { MessageSettings } from '../lib/settings.js';
import { resolveLocale } from '../lib/surveys/locales.js';

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

export const dependencies = unsubscribeDeps;
export const handler = onAws(dependencies, createHandler);
