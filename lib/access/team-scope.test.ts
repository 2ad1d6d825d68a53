import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { loadEvent } from '../../test/support/lambda.js';
import { ForbiddenError } from '../platform/errors.js';
import {
  breakdownValuesOf,
  EVERY_TEAM,
  keptToTeam,
  keptToTeamSegment,
  mayWork,
  refuseOutside,
  scopeOf,
  scopeOfLead,
  type TeamScope,
  teamToRead,
} from './team-scope.js';

const BILLING: TeamScope = { teams: ['billing'] };
const TWO_TEAMS: TeamScope = { teams: ['billing', 'returns'] };

/** A request to a lead route with this authorizer context. */
const calledBy = (lambda: Record<string, unknown>): APIGatewayProxyEventV2 => {
  const event = loadEvent('api-gateway/get-case.json');
  event.requestContext.authorizer = { lambda };
  return event;
};

/** What `run` throws, as the field a 403 names. */
const refusedField = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof ForbiddenError) return error.field;
    throw error;
  }
  return undefined;
};

describe('team scopes', () => {
  it("takes a lead's teams as their scope, and every team for a lead without them", () => {
    expect(scopeOfLead({ email: 'priya.shah@example.com' })).toEqual(EVERY_TEAM);
    expect(scopeOfLead({ email: 'billing.lead@example.com', teams: ['billing'] })).toEqual(BILLING);
  });

  it('reads the scope from the authorizer: a lead kept to teams, and every team for anyone else', () => {
    const kept = calledBy({
      actor: 'lead',
      lead: 'billing.lead@example.com',
      teams: '["billing","returns"]',
    });

    expect(scopeOf(kept)).toEqual(TWO_TEAMS);
    expect(scopeOf(calledBy({ actor: 'lead', lead: 'priya.shah@example.com' }))).toEqual(EVERY_TEAM);
    expect(scopeOf(calledBy({ actor: 'integrator', credential: 'helpdesk' }))).toEqual(EVERY_TEAM);
  });

  it('refuses to read a context whose teams are not a list of teams, rather than read it as every team', () => {
    for (const teams of ['billing', '[]', '[1]', '{}', 7]) {
      const event = calledBy({ actor: 'lead', lead: 'billing.lead@example.com', teams });

      expect(() => scopeOf(event)).toThrow('not a list of teams');
    }
  });

  it("works every team's cases for a scope of every team, and only its teams' otherwise", () => {
    expect(mayWork(EVERY_TEAM, { team: 'returns' })).toBe(true);
    expect(mayWork(TWO_TEAMS, { team: 'returns' })).toBe(true);
    expect(mayWork(BILLING, { team: 'returns' })).toBe(false);
  });

  it('reads the team asked for when it is in scope, and the one team of a lead who names none', () => {
    expect(teamToRead(EVERY_TEAM, undefined)).toBeUndefined();
    expect(teamToRead(EVERY_TEAM, 'returns')).toBe('returns');
    expect(teamToRead(BILLING, undefined)).toBe('billing');
    expect(teamToRead(TWO_TEAMS, 'returns')).toBe('returns');
  });

  it('refuses (403 naming team) a team outside the scope, and no team from a lead of several', () => {
    expect(refusedField(() => teamToRead(BILLING, 'returns'))).toBe('team');
    expect(refusedField(() => teamToRead(TWO_TEAMS, undefined))).toBe('team');
    expect(() => teamToRead(TWO_TEAMS, undefined)).toThrow("name one of this lead's teams: billing, returns");
  });

  it("keeps a query to the lead's team, and leaves it as it came for a scope of every team", () => {
    const query = { survey: 'nps', window: '30d' };

    expect(keptToTeam(EVERY_TEAM, query)).toBe(query);
    expect(keptToTeam(EVERY_TEAM, undefined)).toBeUndefined();
    expect(keptToTeam(BILLING, query)).toEqual({ ...query, team: 'billing' });
    expect(keptToTeam(BILLING, undefined)).toEqual({ team: 'billing' });
    expect(keptToTeam(TWO_TEAMS, { ...query, team: 'returns' })).toEqual({ ...query, team: 'returns' });
  });

  it('refuses a segment of another dimension to a lead kept to teams, naming it, and lets everyone else ask', () => {
    expect(refusedField(() => keptToTeamSegment(BILLING, { survey: 'nps', agent: 'agent-7' }))).toBe('agent');
    expect(refusedField(() => keptToTeamSegment(TWO_TEAMS, { channel: 'phone', team: 'billing' }))).toBe(
      'channel',
    );
    expect(keptToTeamSegment(EVERY_TEAM, { touchpoint: 'support-ticket' })).toEqual({
      touchpoint: 'support-ticket',
    });
    expect(keptToTeamSegment(BILLING, { survey: 'nps' })).toEqual({ survey: 'nps', team: 'billing' });
  });

  it("breaks down a lead kept to teams by team only, to their teams' rows", () => {
    expect(breakdownValuesOf(EVERY_TEAM, 'agent')).toBeUndefined();
    expect(breakdownValuesOf(TWO_TEAMS, 'team')).toEqual(['billing', 'returns']);
    for (const by of ['agent', 'channel', 'touchpoint'] as const) {
      expect(refusedField(() => breakdownValuesOf(BILLING, by))).toBe('by');
    }
  });

  it("refuses another team's case read by id, reads nothing for every team, and leaves the missing to the use case", async () => {
    const reads: string[] = [];
    const read = (team: string | null) => async () => {
      reads.push(String(team));
      return team === null ? null : { team };
    };

    await expect(refuseOutside(BILLING, 'caseId', read('returns'))).rejects.toMatchObject({
      name: 'ForbiddenError',
      field: 'caseId',
    });
    await expect(refuseOutside(BILLING, 'caseId', read('billing'))).resolves.toBeUndefined();
    await expect(refuseOutside(BILLING, 'caseId', read(null))).resolves.toBeUndefined();
    await expect(refuseOutside(EVERY_TEAM, 'caseId', read('returns'))).resolves.toBeUndefined();
    expect(reads).toEqual(['returns', 'billing', 'null']);
  });
});
