import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { bearerTokenOf } from '../lib/access/bearer-token.js';
import {
  type AuthorizerAnswer,
  authorizerAnswerOf,
  checkIntegratorAccess,
  type IntegratorAccessDeps,
} from '../lib/access/integrator-credentials.js';
import { authorizeIntegratorDeps, onAws } from '../lib/compose.js';

/**
 * The HTTP API's Lambda authorizer (simple responses) for the integrator routes: a token of a named
 * credential holding the route's scope gets through, with the credential's name in the context as
 * who acts. A token of no credential throws `Unauthorized`, which API Gateway answers with 401, as it
 * does for a missing header; a credential without the route's scope is refused (403). API Gateway
 * caches the answer per token and route.
 */
export const createHandler =
  (deps: IntegratorAccessDeps) =>
  async (event: APIGatewayRequestAuthorizerEventV2): Promise<AuthorizerAnswer> => {
    const access = await checkIntegratorAccess(bearerTokenOf(event.headers), event.routeKey, deps);
    const answer = authorizerAnswerOf(access, event.routeKey);
    if (!answer) throw new Error('Unauthorized');
    return answer;
  };

export const dependencies = authorizeIntegratorDeps;
export const handler = onAws(dependencies, createHandler);
