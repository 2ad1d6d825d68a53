import type {
  APIGatewayRequestAuthorizerEventV2,
  APIGatewaySimpleAuthorizerWithContextResult,
} from 'aws-lambda';
import { bearerTokenOf, sameToken } from '../lib/access/bearer-token.js';
import type { LeadTokens } from '../lib/access/ports.js';
import { authorizeLeadDeps, onAws } from '../lib/compose.js';
import type { Actor } from '../lib/platform/http/requests.js';
import type { SecretSource } from '../lib/platform/secret.js';

/**
 * The HTTP API's Lambda authorizer for the routes leads use (cases, metrics, releasing an answer): the
 * integrator token, or a lead's ID token from the stage's Cognito user pool. The lead's email goes to
 * the function in the authorizer context, as who acted. Anything else throws `Unauthorized` (401).
 */
export const createHandler =
  (deps: { apiToken: SecretSource; leadTokens: LeadTokens }) =>
  async (
    event: APIGatewayRequestAuthorizerEventV2,
  ): Promise<APIGatewaySimpleAuthorizerWithContextResult<Actor>> => {
    const token = bearerTokenOf(event.headers);
    if (!token) throw new Error('Unauthorized');
    if (sameToken(token, await deps.apiToken()))
      return { isAuthorized: true, context: { actor: 'integrator' } };
    const lead = await deps.leadTokens.verify(token);
    if (!lead) throw new Error('Unauthorized');
    return { isAuthorized: true, context: { actor: 'lead', lead: lead.email } };
  };

export const dependencies = authorizeLeadDeps;
export const handler = onAws(dependencies, createHandler);
