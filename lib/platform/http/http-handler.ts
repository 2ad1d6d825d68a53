import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { invocationLogging } from '../logger.js';
import { type ErrorPage, httpErrorMapper } from './error-mapper.js';

export type HttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyResultV2>;

/**
 * An HTTP API handler: logging context first (every line of the request carries API Gateway's request
 * id as its correlation id), the error mapping last in the chain.
 */
export const httpHandler = (
  handle: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResultV2>,
  errorPage?: ErrorPage,
): HttpHandler =>
  middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2>()
    .use(invocationLogging((event: APIGatewayProxyEventV2) => event.requestContext?.requestId))
    .use(httpErrorMapper(errorPage))
    .handler(handle);
