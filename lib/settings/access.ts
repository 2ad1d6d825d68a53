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

/**
 * Where the user pool's managed login is served: its domain's base URL
 * (`https://<prefix>.auth.<region>.amazoncognito.com`), with `/oauth2/authorize`, `/oauth2/token` and
 * `/logout` under it. Plain http only on the machine itself (the local runtime's stand-in).
 */
export const LEADS_LOGIN_URL = defineSetting(
  'leadsLoginUrl',
  'LEADS_LOGIN_URL',
  z
    .url()
    .refine(
      (url) => url.startsWith('https://') || /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/.test(url),
      'must be https (http only for localhost)',
    ),
);
/** The console's own app client of the leads' pool: the authorization code grant with PKCE, no secret. */
export const CONSOLE_CLIENT_ID = defineSetting('consoleClientId', 'CONSOLE_CLIENT_ID', z.string().min(1));

/** A valid IANA time zone, as the runtime knows them. */
const TimeZoneSchema = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA time zone such as Europe/London' },
);

/** One support lead: an email, or `{ email, teams?, timeZone? }`. */
const LeadEntrySchema = z.union([
  z.email().transform((email) => ({ email })),
  z.strictObject({
    email: z.email(),
    /** The teams this lead reads and works, and no other; all of them when left out. */
    teams: z.array(z.string().trim().min(1).max(128)).min(1, 'list at least one, or leave it out').optional(),
    /** The zone the console shows times in; default: UTC. */
    timeZone: TimeZoneSchema.optional(),
  }),
]);
export type Lead = z.output<typeof LeadEntrySchema>;

/**
 * The stage's support leads, who sign in to work cases and read metrics: each becomes a user of the
 * stage's Cognito user pool (invited by email with a temporary password), and the console lets them
 * in. A lead with `teams` reads and works only those teams'.
 */
export const LEADS = defineSetting(
  'leads',
  'LEADS',
  z
    .array(LeadEntrySchema)
    .refine((leads) => new Set(leads.map(({ email }) => email.toLowerCase())).size === leads.length, {
      message: 'lists an address twice',
    })
    .default([]),
);

/**
 * How leads sign in to the console: `cognito`, the user pool's managed login (on AWS); `local`, a
 * sign-in page of the local runtime that takes any of the stage's leads by their email alone.
 */
export const CONSOLE_SIGN_IN = defineSetting(
  'consoleSignIn',
  'CONSOLE_SIGN_IN',
  z.enum(['cognito', 'local']).default('cognito'),
);
