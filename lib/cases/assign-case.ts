import { mayWork, scopeOfLead } from '../access/team-scope.js';
import { ConflictError, parseOrThrow, ValidationError } from '../platform/errors.js';
import type { Lead } from '../settings/access.js';
import { AssignCaseSchema, actedBy, type Case } from './case.js';
import { type CaseDeps, changeCase } from './cases.js';
import { actingOf, type TimelineEntry, withEntry } from './timeline.js';

/** Assigning checks the assignee against the stage's leads (`leads`). */
export type AssignDeps = CaseDeps & { leads: readonly Lead[] };

/** The stage's lead whose email is `email` (in any case), else a 400 naming `assignee`. */
const leadNamed = (email: string, leads: readonly Lead[]): Lead => {
  const lead = leads.find((each) => each.email.toLowerCase() === email.toLowerCase());
  if (!lead) throw new ValidationError([{ field: 'assignee', message: "must be one of the stage's leads" }]);
  return lead;
};

/**
 * Assigns a case to one of the stage's leads (`{ assignee }`, their email), or unassigns it
 * (`{ assignee: null }` or `""`), whatever else it is (open or acknowledged; a resolved case is a 409,
 * until reopened). Someone other than a stage lead, or a lead kept to other teams, is a 400 naming
 * `assignee`.
 *
 * Assigning is not acknowledging: it says who should take the case, while an acknowledgement says
 * someone is on it, which is what stops the SLA and the escalation. So an assigned case left
 * unacknowledged still escalates, and the assignee acknowledges it as anyone does.
 *
 * Asking for what the case has already (the same assignee, or none) writes nothing and adds nothing
 * to its timeline, so a retried request is harmless. Of two leads assigning it at once, one wins and
 * the other gets a 409 saying whom it went to.
 */
export const assignCase = async (caseId: string, input: unknown, deps: AssignDeps): Promise<Case> => {
  const { assignee: asked, ...acting } = parseOrThrow(AssignCaseSchema, input ?? {});
  const { by, onBehalfOf } = actedBy(acting);
  const lead = asked === null ? null : leadNamed(asked, deps.leads);
  const at = deps.clock.now().toISOString();
  return changeCase(
    caseId,
    (current) => {
      if (current.status === 'resolved') {
        throw new ConflictError(`case ${caseId} is resolved, so it cannot be assigned`);
      }
      // A lead kept to some teams cannot read another team's case, so is no one to assign it to.
      if (lead && !mayWork(scopeOfLead(lead), current)) {
        throw new ValidationError([
          {
            field: 'assignee',
            message: `must be a lead who works team ${current.team}; ${lead.email} does not`,
          },
        ]);
      }
      // As the stage spells the lead's email.
      const assignee = lead?.email;
      if (assignee === current.assignee) return null;
      const entry: TimelineEntry = assignee
        ? {
            kind: 'assigned',
            at,
            ...actingOf({ by, onBehalfOf }),
            assignee,
            ...(current.assignee ? { previousAssignee: current.assignee } : {}),
          }
        : {
            kind: 'unassigned',
            at,
            ...actingOf({ by, onBehalfOf }),
            previousAssignee: current.assignee ?? '',
          };
      return {
        to: current.status,
        fields: {
          assignee,
          assignedAt: assignee ? at : undefined,
          assignedBy: assignee ? by : undefined,
          assignedOnBehalfOf: assignee ? onBehalfOf : undefined,
          ...withEntry(current, entry),
        },
      };
    },
    (read, now) => {
      if (now.status === 'resolved') return `case ${caseId} was just resolved by someone else`;
      if (now.assignee === read.assignee) return undefined;
      return `case ${caseId} was just ${now.assignee ? `assigned to ${now.assignee}` : 'unassigned'} by someone else`;
    },
    deps,
  );
};
