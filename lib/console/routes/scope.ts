import { keptToTeamSegment, scopeOfLead, type TeamScope } from '../../access/team-scope.js';
import type { Segment } from '../../surveys/segments.js';
import type { Session } from '../sessions.js';

/** The teams the signed-in lead reads and works. */
export const scopeOfSession = (session: Session): TeamScope => scopeOfLead(session.lead);

/**
 * The segment a console page reads: any for a lead of every team; for a lead kept to some teams, one
 * of theirs (403 otherwise, as the API's), and their first team when the page names none, so that
 * their overview opens on their own scores.
 */
export const segmentInScope = (scope: TeamScope, segment: Segment): Segment => {
  const { teams } = scope;
  if (teams === undefined) return segment;
  const kept = keptToTeamSegment(
    scope,
    segment ? { [segment.dimension]: segment.value } : { team: teams[0] as string },
  );
  return { dimension: 'team', value: kept?.team as string };
};
