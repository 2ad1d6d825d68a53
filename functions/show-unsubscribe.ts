import { customerErrorPage } from '../lib/answers/web/error-page.js';
import {
  invitationForUnsubscribe,
  type UnsubscribeDeps,
  unsubscribePageOf,
} from '../lib/answers/web/unsubscribe.js';
import { renderUnsubscribeConfirmPage } from '../lib/answers/web/unsubscribe-page.js';
import { onAws, unsubscribeDeps } from '../lib/compose.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { pathParameter } from '../lib/platform/http/requests.js';
import { html } from '../lib/platform/http/responses.js';
import type { MessageSettings } from '../lib/settings/messages.js';

/** GET /u/{token}: asks to confirm; unsubscribes nobody. */
export const createHandler = (deps: UnsubscribeDeps & { messages: MessageSettings }) =>
  httpHandler(async (event) => {
    const token = pathParameter(event, 'token');
    const invitation = await invitationForUnsubscribe(token, deps);
    return html(
      200,
      renderUnsubscribeConfirmPage({
        ...unsubscribePageOf(invitation, deps.messages),
        action: `/u/${token}`,
      }),
    );
  }, customerErrorPage);

export const dependencies = unsubscribeDeps;
export const handler = onAws(dependencies, createHandler);
