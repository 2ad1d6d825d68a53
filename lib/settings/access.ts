import * as z from 'zod';
import { defineSetting } from './setting.js';

/*
 * Who may call: what an integrator credential may do, each route's scope, and the Cognito user pool
 * leads sign in with.
 */

/**
 * What an integrator credential may do, each scope a set of routes (each route's is named beside its
 * wiring, `infra/wiring.ts`): `interactions:send` sends interactions and reopens them (which reaches
 * any address it names); `invitations:read` reads what became of them; `cases:work` reads and works
 * cases (customers' contacts included) and reads the metrics; `answers:release` counts an answer held
 * as suspect; `people:manage` erases and exports what is held about a person.
 */
export const INTEGRATOR_SCOPES = [
  'interactions:send',
  'invitations:read',
  'cases:work',
  'answers:release',
  'people:manage',
] as const;
export type IntegratorScope = (typeof INTEGRATOR_SCOPES)[number];

/** Each guarded route's scope by its route key (`POST /interactions`), as the authorizers read it. */
export const RouteScopesSchema = z.record(
  z.string().regex(/^(GET|POST|PUT|PATCH|DELETE) \/\S*$/, 'must be a route key such as POST /interactions'),
  z.enum(INTEGRATOR_SCOPES),
);
export type RouteScopes = z.infer<typeof RouteScopesSchema>;

/** Each guarded route's scope, for the authorizers: made from the wiring, its one home. */
export const ROUTE_SCOPES = defineSetting('routeScopes', 'ROUTE_SCOPES', RouteScopesSchema);

/** The Cognito user pool leads sign in with, and its app client: the lead authorizer checks ID tokens against them. */
export const LEADS_USER_POOL_ID = defineSetting(
  'leadsUserPoolId',
  'LEADS_USER_POOL_ID',
  z.string().regex(/^[\w-]+_[0-9a-zA-Z]+$/, 'must be a Cognito user pool id'),
);
export const LEADS_CLIENT_ID = defineSetting('leadsClientId', 'LEADS_CLIENT_ID', z.string().min(1));
