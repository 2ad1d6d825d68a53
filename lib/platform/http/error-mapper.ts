import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  SurveyClosedError,
  UnauthorizedError,
  ValidationError,
} from '../errors.js';
import { logger } from '../logger.js';
import { json } from './responses.js';

const statusOf = (error: unknown): number => {
  if (error instanceof ValidationError) return 400;
  if (error instanceof UnauthorizedError) return 401;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  if (error instanceof SurveyClosedError) return 410;
  return 500;
};

/** How a function that serves pages answers an error: a page, in the reader's language, with its status. */
export type ErrorPage = (status: number, error: Error) => APIGatewayProxyResultV2;

/**
 * The one place errors become HTTP answers: 400 names each wrong field, 403 the field that asked for
 * what the caller may not have, 401/404/409/410 say why, and anything else is logged and answered 500
 * without details. APIs get JSON; a function that serves pages hands its own error page.
 */
export const httpErrorMapper = (
  errorPage?: ErrorPage,
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyResultV2> => ({
  onError: async (request) => {
    const status = statusOf(request.error);
    const error = request.error as Error;
    if (status === 500) logger.error('unhandled error', { error });
    if (errorPage) {
      request.response = errorPage(status, error);
      return;
    }
    request.response = json(status, {
      error: status === 500 ? 'internal error' : error.message,
      ...(error instanceof ValidationError ? { fields: error.issues } : {}),
      ...(error instanceof ForbiddenError ? { field: error.field } : {}),
    });
  },
});
