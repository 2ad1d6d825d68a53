import { type AnswerDeps, viewSurvey } from '../lib/answers/record-answer.js';
import { customerErrorPage } from '../lib/answers/web/error-page.js';
import { renderLockedPage, renderSurveyPage, SURVEY_PAGE_SCRIPTS } from '../lib/answers/web/survey-page.js';
import { answerDeps, onAws } from '../lib/compose.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { pathParameter } from '../lib/platform/http/requests.js';
import { html } from '../lib/platform/http/responses.js';
import type { MessageSettings } from '../lib/settings/messages.js';
import { resolveLocale } from '../lib/surveys/locales.js';

/**
 * GET /s/{token}?score=N: the page with the score preselected, or, for an answer that takes no more
 * changes, that answer as it stands. It never records anything.
 */
export const createHandler = (deps: AnswerDeps & { messages: MessageSettings }) =>
  httpHandler(async (event) => {
    const token = pathParameter(event, 'token');
    const view = await viewSurvey(token, event.queryStringParameters?.score, deps);
    const locale = resolveLocale(view.invitation.customer.locale, deps.messages.defaultLocale);
    if (view.locked && view.response) {
      return html(
        200,
        renderLockedPage({ locale, score: view.response.score, comment: view.response.comment }),
      );
    }
    return html(
      200,
      renderSurveyPage({
        survey: view.invitation.survey,
        locale,
        brand: deps.messages.brandName,
        action: `/s/${token}`,
        selectedScore: view.selectedScore,
        comment: view.response?.comment,
        stamp: view.stamp,
      }),
      { scriptHashes: SURVEY_PAGE_SCRIPTS },
    );
  }, customerErrorPage);

export const dependencies = answerDeps;
export const handler = onAws(dependencies, createHandler);
