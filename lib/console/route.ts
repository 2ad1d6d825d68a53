import type { MetricsDeps } from '../aggregates/read-metrics.js';
import type { MetricAlertRule, MetricAlertState } from '../alerts/metric-alert.js';
import type { CaseViewDeps } from '../cases/cases.js';
import type { ResolveDeps } from '../cases/resolve-case.js';
import type { ResponsesDeps } from '../feedback/list-responses.js';
import type { Clock } from '../platform/clock.js';
import type { Lead } from '../settings/access.js';
import type { CaseSla } from '../settings/cases.js';
import type { Taxonomy } from '../settings/topics.js';
import type { ManagedSignIn } from './managed-login.js';
import type { Reply } from './replies.js';
import type { ConsoleRequest } from './request.js';
import type { Session, SessionStore } from './sessions.js';
import type { PageContext } from './views.js';

/** What every function of the console needs: sessions, the stage's leads, sign-in, and the cases. */
export interface ConsoleBaseDeps {
  sessions: SessionStore;
  leads: readonly Lead[];
  /**
   * How leads sign in: the local runtime's page, which takes a lead by their email; or the user
   * pool's managed login (authorization code with PKCE).
   */
  signIn: { kind: 'local' } | ManagedSignIn;
  /** The stage's base URL: cookies are `Secure` when it is https. */
  publicUrl: string;
  clock: Clock;
  caseView: CaseViewDeps;
  sla: CaseSla;
  /** The stage's topics, whose names the pages show. */
  taxonomy: Taxonomy;
}

/** What the console's pages read besides: the scores, the answers, the metric rules. */
export interface ConsoleDeps extends ConsoleBaseDeps {
  metrics: MetricsDeps;
  /** The answer listing the feedback pages read. */
  feedback: ResponsesDeps;
  /** The stage's metric rules, and where each stands. */
  rules: {
    list: readonly MetricAlertRule[];
    stateOf(ruleKey: string): Promise<MetricAlertState | null>;
  };
}

/** What the console's forms need besides: resolving a case, which may invite the customer to the recovery survey. */
export interface ConsoleFormDeps extends ConsoleBaseDeps {
  resolve: ResolveDeps;
}

/** A signed-in lead's request, as each route reads it. */
export interface Asked<D extends ConsoleBaseDeps = ConsoleDeps> {
  request: ConsoleRequest;
  session: Session;
  /** The id of the session, which signing out ends. */
  sessionId: string;
  ctx: PageContext;
  deps: D;
}

/**
 * One path of the signed-in console: what a GET shows (`read`), and what a form POSTed to it does
 * (`act`, its session's CSRF token and origin already checked). `path` captures the path's parts,
 * handed to the route in order.
 */
export interface ConsoleRoute<D extends ConsoleBaseDeps = ConsoleDeps> {
  path: RegExp;
  read?: (asked: Asked<D>, parts: readonly string[]) => Promise<Reply>;
  act?: (asked: Asked<D>, parts: readonly string[]) => Promise<Reply>;
}

/** What every page of a signed-in lead knows, from their request and session. */
export const contextOf = (request: ConsoleRequest, session: Session): PageContext => ({
  lang: request.lang,
  lead: {
    email: session.lead.email,
    ...('teams' in session.lead && session.lead.teams ? { teams: session.lead.teams } : {}),
  },
  timeZone: ('timeZone' in session.lead && session.lead.timeZone) || 'UTC',
  csrf: session.csrf,
  path: request.asked,
});
