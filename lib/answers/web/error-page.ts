import { SurveyClosedError } from '../../platform/errors.js';
import type { ErrorPage } from '../../platform/http/error-mapper.js';
import { html } from '../../platform/http/responses.js';
import { resolveLocale } from '../../surveys/locales.js';
import { renderClosedPage, renderProblemPage } from './survey-page.js';

/**
 * What a customer sees when a survey or unsubscribe link goes wrong: a page, never a trace. A closed
 * survey says so in the customer's language; a damaged link is a 404 page.
 */
export const customerErrorPage: ErrorPage = (status, error) => {
  if (error instanceof SurveyClosedError)
    return html(410, renderClosedPage(resolveLocale(error.locale, 'en')));
  const title =
    status === 404
      ? 'This link does not work'
      : status === 400
        ? 'Please check your answer'
        : 'Something went wrong';
  const detail =
    status === 404
      ? 'The survey link is incomplete, was changed, or has expired. Please use the link from your email.'
      : status === 500
        ? 'Please try again in a minute.'
        : error.message;
  return html(status, renderProblemPage(title, detail));
};
