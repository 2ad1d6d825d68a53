import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { renderClosedPage, renderProblemPage } from '../../answers/web/survey-page.js';
import { resolveLocale } from '../../surveys/locales.js';
import {
  ConflictError,
  NotFoundError,
  SurveyClosedError,
  UnauthorizedError,
  ValidationError,
} from '../errors.js';
import { logger } from '../logger.js';
import { html, json } from './responses.js';

const statusOf = (error: unknown): number => {
  if (error instanceof ValidationError) return 400;
  if (error instanceof UnauthorizedError) return 401;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  if (error instanceof SurveyClosedError) return 410;
  return 500;
};

/**
 * The one place errors become HTTP answers: 400 names each wrong field, 401/404/409 say why, and
 * anything else is logged and answered 500 without details. Pages get an HTML page, APIs JSON.
 */
export const httpErrorMapper = (
  format: 'json' | 'html' = 'json',
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyResultV2> => ({
  onError: async (request) => {
    const status = statusOf(request.error);
    const error = request.error as Error;
    if (status === 500) logger.error('unhandled error', { error });
    const message = status === 500 ? 'internal error' : error.message;
    if (format === 'html') {
      if (error instanceof SurveyClosedError) {
        request.response = html(410, renderClosedPage(resolveLocale(error.locale, 'en')));
        return;
      }
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
            : message;
      request.response = html(status, renderProblemPage(title, detail));
      return;
    }
    request.response = json(status, {
      error: message,
      ...(error instanceof ValidationError ? { fields: error.issues } : {}),
    });
  },
});
