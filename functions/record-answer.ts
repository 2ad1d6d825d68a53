import {
  type AnswerDeps,
  invitationForToken,
  pageStampFor,
  recordAnswerTo,
} from '../lib/answers/record-answer.js';
import { customerErrorPage } from '../lib/answers/web/error-page.js';
import {
  renderLockedPage,
  renderSurveyPage,
  renderThankYouPage,
  SURVEY_PAGE_SCRIPTS,
} from '../lib/answers/web/survey-page.js';
import { answerDeps, onAws } from '../lib/compose.js';
import { ValidationError } from '../lib/platform/errors.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { formBody, pathParameter, userAgentOf } from '../lib/platform/http/requests.js';
import { html } from '../lib/platform/http/responses.js';
import type { MessageSettings } from '../lib/settings/messages.js';
import { resolveLocale } from '../lib/surveys/locales.js';

/**
 * POST /s/{token}: records or changes the answer and shows a thank-you page. A wrong score or an
 * oversized comment shows the form again with the reason (400), keeping what was typed; an answer that
 * takes no more changes is shown as it stands, saying so (409).
 */
export const createHandler = (deps: AnswerDeps & { messages: MessageSettings }) =>
  httpHandler(async (event) => {
    const token = pathParameter(event, 'token');
    const form = formBody(event);
    // Read once: the answer, the thank-you page and the form shown again all need it.
    const invitation = await invitationForToken(token, deps);
    const locale = resolveLocale(invitation.customer.locale, deps.messages.defaultLocale);
    try {
      const { outcome, shown } = await recordAnswerTo(invitation, form, deps, {
        userAgent: userAgentOf(event),
      });
      if (outcome === 'locked') return html(409, renderLockedPage({ locale, ...shown }));
      // A held change is kept as sent, and the person is thanked for it as for any answer.
      return html(200, renderThankYouPage({ locale, ...shown, action: `/s/${token}` }));
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
  }, customerErrorPage);

export const dependencies = answerDeps;
export const handler = onAws(dependencies, createHandler);
