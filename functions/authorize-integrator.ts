import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerResult } from 'aws-lambda';
import { bearerTokenOf, sameToken } from '../lib/access/bearer-token.js';
import { authorizeIntegratorDeps, onAws } from '../lib/compose.js';
import type { SecretSource } from '../lib/platform/secret.js';

/**
 * The HTTP API's Lambda authorizer (simple responses) for the integrator routes. A wrong token throws
 * `Unauthorized`, which API Gateway answers with 401, as it does for a missing header.
 */
export const createHandler =
  (deps: { apiToken: SecretSource }) =>
  async (event: APIGatewayRequestAuthorizerEventV2): Promise<APIGatewaySimpleAuthorizerResult> => {
    const token = bearerTokenOf(event.headers);
    if (!token || !sameToken(token, await deps.apiToken())) throw new Error('Unauthorized');
    return { isAuthorized: true };
  };

export const dependencies = authorizeIntegratorDeps;
export const handler = onAws(dependencies, createHandler);
