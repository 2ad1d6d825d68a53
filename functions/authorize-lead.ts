import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { bearerTokenOf } from '../lib/access/bearer-token.js';
import {
  type AuthorizerAnswer,
  authorizerAnswerOf,
  checkIntegratorAccess,
  type IntegratorAccessDeps,
} from '../lib/access/integrator-credentials.js';
import type { LeadTokens } from '../lib/access/ports.js';
import { authorizeLeadDeps, onAws } from '../lib/compose.js';
import type { Lead } from '../lib/settings/access.js';

/**
 * The HTTP API's Lambda authorizer for the routes leads use (cases, metrics, releasing an answer): a
 * token of an integrator credential holding the route's scope, or a lead's ID token from the stage's
 * Cognito user pool. Who acts goes to the function in the authorizer context: the credential's name,
 * or the lead's email. A credential without the route's scope is refused (403); anything else throws
 * `Unauthorized` (401). A lead no longer among the stage's `leads` is refused (403), and so is a lead
 * kept to some `teams`: the API's routes do not hold a lead to their teams yet (the console does), so
 * such a lead works in the console only.
 */
export const createHandler =
  (deps: IntegratorAccessDeps & { leadTokens: LeadTokens; leads: readonly Lead[] }) =>
  async (event: APIGatewayRequestAuthorizerEventV2): Promise<AuthorizerAnswer> => {
    const token = bearerTokenOf(event.headers);
    if (!token) throw new Error('Unauthorized');
    const answer = authorizerAnswerOf(
      await checkIntegratorAccess(token, event.routeKey, deps),
      event.routeKey,
    );
    if (answer) return answer;
    const lead = await deps.leadTokens.verify(token);
    if (!lead) throw new Error('Unauthorized');
    const entry = deps.leads.find((known) => known.email.toLowerCase() === lead.email.toLowerCase());
    if (!entry || ('teams' in entry && entry.teams !== undefined)) return { isAuthorized: false };
    return { isAuthorized: true, context: { actor: 'lead', lead: lead.email } };
  };

export const dependencies = authorizeLeadDeps;
export const handler = onAws(dependencies, createHandler);
