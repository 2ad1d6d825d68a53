import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { logger } from '../logger.js';
import { type ErrorPage, httpErrorMapper } from './error-mapper.js';

export type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyResultV2>;

/** An HTTP API handler: logging context first, the error mapping last in the chain. */
export const httpHandler = (
  handle: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResultV2>,
  errorPage?: ErrorPage,
): HttpHandler =>
  middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2>()
    .use(injectLambdaContext(logger))
    .use(httpErrorMapper(errorPage))
    .handler(handle);
