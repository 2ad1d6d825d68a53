import type {
  APIGatewayRequestAuthorizerEventV2,
  APIGatewaySimpleAuthorizerWithContextResult,
} from 'aws-lambda';
import { awsClients } from '../lib/adapters/aws-clients.js';
import { CognitoLeadTokens } from '../lib/adapters/cognito-lead-tokens.js';
import { secretsManagerSecret } from '../lib/adapters/secrets-manager-secret.js';
import { env, readEnvironment } from '../lib/config.js';
import type { LeadTokens, SecretSource } from '../lib/core/ports.js';
import { bearerTokenOf, sameToken } from '../lib/http/bearer-token.js';
import type { Actor } from '../lib/http/requests.js';

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

const config = readEnvironment({
  API_TOKEN_SECRET_ARN: env.arn,
  LEADS_USER_POOL_ID: env.userPoolId,
  LEADS_CLIENT_ID: env.name,
});
export const handler = createHandler({
  apiToken: secretsManagerSecret(awsClients.secretsManager(), config.API_TOKEN_SECRET_ARN),
  leadTokens: new CognitoLeadTokens({
    userPoolId: config.LEADS_USER_POOL_ID,
    clientId: config.LEADS_CLIENT_ID,
  }),
});
