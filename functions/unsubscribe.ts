import { customerErrorPage } from '../lib/answers/web/error-page.js';
import { type UnsubscribeDeps, unsubscribe, unsubscribePageOf } from '../lib/answers/web/unsubscribe.js';
import { renderUnsubscribedPage } from '../lib/answers/web/unsubscribe-page.js';
import { onAws, unsubscribeDeps } from '../lib/compose.js';
import { ValidationError } from '../lib/platform/errors.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { formBody, pathParameter } from '../lib/platform/http/requests.js';
import { html } from '../lib/platform/http/responses.js';
import type { MessageSettings } from '../lib/settings/messages.js';

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
    return html(200, renderUnsubscribedPage(unsubscribePageOf(invitation, deps.messages)));
  }, customerErrorPage);

export const dependencies = unsubscribeDeps;
export const handler = onAws(dependencies, createHandler);
