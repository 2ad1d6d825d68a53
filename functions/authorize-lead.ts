import type {
  APIGatewayRequestAuthorizerEventV2,
  APIGatewaySimpleAuthorizerWithContextResult,
} from 'aws-lambda';
import { bearerTokenOf, sameToken } from '../lib/access/bearer-token.js';
import { CognitoLeadTokens } from '../lib/access/cognito-lead-tokens.js';
import type { LeadTokens } from '../lib/access/ports.js';
import { awsClients } from '../lib/platform/aws-clients.js';
import { env, readEnvironment } from '../lib/platform/environment.js';
import type { Actor } from '../lib/platform/http/requests.js';
import type { SecretSource } from '../lib/platform/secret.js';
import { secretsManagerSecret } from '../lib/platform/secrets-manager-secret.js';

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
