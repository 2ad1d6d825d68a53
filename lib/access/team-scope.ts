import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ForbiddenError } from '../platform/errors.js';
import { actorOf } from '../platform/http/requests.js';
import type { Lead } from '../settings/access.js';
import { DIMENSIONS, type Dimension } from '../surveys/segments.js';

/*
 * Team scopes: a lead with `teams` reads and works only those teams' answers, scores and cases, and
 * is refused (403) anything else, by id too; a lead without them, and an integrator credential, reads
 * every team's. The API's lead routes hold callers to these rules, and only these.
 */

/** The teams a caller reads and works: `teams`, or every team when left out. */
export interface TeamScope {
  readonly teams?: readonly string[] | undefined;
}

/** The scope of a caller kept to no team: an integrator credential, or a lead of every team. */
export const EVERY_TEAM: TeamScope = {};

/** A stage lead's scope: their `teams`, or every team. */
export const scopeOfLead = (lead: Lead): TeamScope =>
  'teams' in lead && lead.teams !== undefined ? { teams: lead.teams } : EVERY_TEAM;

/** The scope of whoever called a guarded route, as its authorizer says: every team but for a lead kept to some. */
export const scopeOf = (event: APIGatewayProxyEventV2): TeamScope => {
  const actor = actorOf(event);
  return actor?.actor === 'lead' && actor.teams ? { teams: actor.teams } : EVERY_TEAM;
};

const teamsIn = (teams: readonly string[]): string => teams.join(', ');

/** Whether the scope may read and work a case or an answer: every one of a scope of every team, else its teams' only. */
export const mayWork = (scope: TeamScope, item: { team: string }): boolean =>
  scope.teams === undefined || scope.teams.includes(item.team);

/**
 * Refuses (403, naming `field`, the request's name for it) a case or an answer outside the scope, read
 * by `read` before anything is done with it; a team cannot move, so what was read stays true. For a
 * scope of every team nothing is read. Nothing found is nothing to refuse: the use case says so (404).
 */
export const refuseOutside = async (
  scope: TeamScope,
  field: string,
  read: () => Promise<{ team: string } | null>,
): Promise<void> => {
  if (scope.teams === undefined) return;
  const item = await read();
  if (item && !mayWork(scope, item)) {
    throw new ForbiddenError(
      field,
      `${field} is another team's: this lead works ${teamsIn(scope.teams)} only`,
    );
  }
};

/**
 * The team a read is kept to: the one asked for, or every team (undefined), for a scope of every
 * team; for a lead kept to some, the one asked for when it is theirs, and their one team when they
 * name none. A team outside the scope, or none named by a lead of several, is refused (403 naming
 * `team`): a read spans one team's partitions, never several.
 */
export const teamToRead = (scope: TeamScope, asked: string | undefined): string | undefined => {
  const { teams } = scope;
  if (teams === undefined) return asked;
  if (asked === undefined) {
    if (teams.length === 1) return teams[0];
    throw new ForbiddenError('team', `name one of this lead's teams: ${teamsIn(teams)}`);
  }
  if (!teams.includes(asked)) {
    throw new ForbiddenError('team', `${asked} is not one of this lead's teams: ${teamsIn(teams)}`);
  }
  return asked;
};

/** A route's query parameters, as API Gateway passes them. */
export type QueryParameters = Readonly<Record<string, string | undefined>> | null | undefined;

/** A query with its `team` set to {@link teamToRead}'s; as it came for a scope of every team. */
export const keptToTeam = (scope: TeamScope, query: QueryParameters): QueryParameters => {
  if (scope.teams === undefined) return query;
  return { ...query, team: teamToRead(scope, query?.team) };
};

/**
 * A query of one segment (scores, trends, the funnel, topics, the answers) kept to the scope: as
 * {@link keptToTeam}, and a segment of another dimension refused (403 naming it), since each is kept
 * across every team and a query names at most one: an agent's score would count other teams' answers.
 */
export const keptToTeamSegment = (scope: TeamScope, query: QueryParameters): QueryParameters => {
  if (scope.teams === undefined) return query;
  const other = DIMENSIONS.find((dimension) => dimension !== 'team' && query?.[dimension] !== undefined);
  if (other) {
    throw new ForbiddenError(
      other,
      `${other} is kept across every team: a lead kept to some (${teamsIn(scope.teams)}) reads by team only`,
    );
  }
  return keptToTeam(scope, query);
};

/**
 * The values a breakdown by `by` may show: every value (undefined) for a scope of every team; a lead's
 * teams for `by=team`. Any other dimension is kept across every team, with no breakdown per team, so
 * a lead kept to some is refused it (403 naming `by`).
 */
export const breakdownValuesOf = (scope: TeamScope, by: Dimension): readonly string[] | undefined => {
  if (scope.teams === undefined) return undefined;
  if (by === 'team') return scope.teams;
  throw new ForbiddenError(
    'by',
    `a breakdown by ${by} is kept across every team: a lead kept to some (${teamsIn(scope.teams)}) breaks down by team only`,
  );
};
