import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { bearerTokenOf } from '../lib/access/bearer-token.js';
import {
  type AuthorizerAnswer,
  authorizerAnswerOf,
  checkIntegratorAccess,
  type IntegratorAccessDeps,
} from '../lib/access/integrator-credentials.js';
import type { LeadTokens } from '../lib/access/ports.js';
import { scopeOfLead } from '../lib/access/team-scope.js';
import { authorizeLeadDeps, onAws } from '../lib/compose.js';
import { authorizerContextOf } from '../lib/platform/http/requests.js';
import type { Lead } from '../lib/settings/access.js';

/**
 * The HTTP API's Lambda authorizer for the routes leads use (cases, metrics, releasing an answer): a
 * token of an integrator credential holding the route's scope, or a lead's ID token from the stage's
 * Cognito user pool. Who acts goes to the function in the authorizer context: the credential's name,
 * or the lead's email with the teams the stage keeps them to, which each route holds them to
 * (lib/access/team-scope.ts). A credential without the route's scope is refused (403), and so is a lead
 * no longer among the stage's `leads`; anything else throws `Unauthorized` (401).
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
    if (!entry) return { isAuthorized: false };
    const { teams } = scopeOfLead(entry);
    return {
      isAuthorized: true,
      context: authorizerContextOf({
        actor: 'lead',
        lead: lead.email,
        ...(teams ? { teams: [...teams] } : {}),
      }),
    };
  };

export const dependencies = authorizeLeadDeps;
export const handler = onAws(dependencies, createHandler);
