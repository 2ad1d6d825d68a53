import type {
  APIGatewayRequestAuthorizerEventV2,
  APIGatewaySimpleAuthorizerResult,
  APIGatewaySimpleAuthorizerWithContextResult,
} from 'aws-lambda';
import { bearerTokenOf } from '../lib/access/bearer-token.js';
import { checkIntegratorAccess, type IntegratorAccessDeps } from '../lib/access/integrator-credentials.js';
import { authorizeIntegratorDeps, onAws } from '../lib/compose.js';
import type { Actor } from '../lib/platform/http/requests.js';
import { logger } from '../lib/platform/logger.js';

/**
 * The HTTP API's Lambda authorizer (simple responses) for the integrator routes: a token of a named
 * credential holding the route's scope gets through, with the credential's name in the context as
 * who acts. A token of no credential throws `Unauthorized`, which API Gateway answers with 401, as it
 * does for a missing header; a credential without the route's scope is refused (403). API Gateway
 * caches the answer per token and route.
 */
export const createHandler =
  (deps: IntegratorAccessDeps) =>
  async (
    event: APIGatewayRequestAuthorizerEventV2,
  ): Promise<APIGatewaySimpleAuthorizerResult | APIGatewaySimpleAuthorizerWithContextResult<Actor>> => {
    const access = await checkIntegratorAccess(bearerTokenOf(event.headers), event.routeKey, deps);
    if (access.outcome === 'unknown') throw new Error('Unauthorized');
    if (access.outcome === 'denied') {
      logger.warn('credential refused: it lacks the route scope', {
        credential: access.credential,
        routeKey: event.routeKey,
        scope: access.scope ?? null,
      });
      return { isAuthorized: false };
    }
    return { isAuthorized: true, context: { actor: 'integrator', credential: access.credential } };
  };

export const dependencies = authorizeIntegratorDeps;
export const handler = onAws(dependencies, createHandler);
