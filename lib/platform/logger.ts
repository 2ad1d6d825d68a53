import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { MiddlewareObj } from '@middy/core';

/** Structured JSON logs, one line per event, with the Lambda context when there is one. */
export const logger = new Logger({ serviceName: 'pulse' });

/**
 * The logging context of one invocation, for every kind of handler: the Lambda context, and the id of
 * what it handles (the API's request id, the bus event's id) as `correlation_id` on every line it
 * logs; nothing of one invocation stays for the next.
 */
export const invocationLogging = <TEvent>(
  correlationIdOf: (event: TEvent) => unknown,
): MiddlewareObj<TEvent>[] => [
  injectLambdaContext(logger, { resetKeys: true }) as MiddlewareObj<TEvent>,
  {
    before: (request) => {
      const id = correlationIdOf(request.event);
      if (typeof id === 'string' && id !== '') logger.setCorrelationId(id);
    },
  },
];
