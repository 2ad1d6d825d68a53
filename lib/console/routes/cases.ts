import * as z from 'zod';
import { mayWork, scopeOfLead, type TeamScope } from '../../access/team-scope.js';
import { assignCase } from '../../cases/assign-case.js';
import { CASE_STATUSES, type CaseStatus, RESOLUTION_REASONS } from '../../cases/case.js';
import { acknowledgeCase, addCaseNote, reopenCase, viewCase } from '../../cases/cases.js';
import { resolveCase } from '../../cases/resolve-case.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.js';
import type { Taxonomy } from '../../settings/topics.js';
import { casePage } from '../pages/case-page.js';
import { casesPage } from '../pages/cases-page.js';
import { notFoundPage } from '../pages/not-found-page.js';
import { page, redirect } from '../replies.js';
import type { Asked, ConsoleBaseDeps, ConsoleFormDeps, ConsoleRoute } from '../route.js';
import type { CasePageView, CasesView, ConsoleLang } from '../views.js';
import { newestFirst, overdueIdsOf } from './case-lists.js';
import { scopeOfSession } from './scope.js';

const CaseStatusSchema = z.enum(CASE_STATUSES);

/** Each topic's name in the lead's language, by id. */
export const topicNamesIn = (taxonomy: Taxonomy, lang: ConsoleLang): Record<string, string> =>
  Object.fromEntries(
    taxonomy.map((topic) => [topic.id, lang === 'zh-CN' ? topic.labels.zh : topic.labels.en]),
  );

/**
 * A page of the cases of one status a lead may work, newest first: every team's, or their team's,
 * paged; for a lead of several teams, each team's newest page merged, without paging.
 */
const casesOf = async (
  scope: TeamScope,
  status: CaseStatus,
  after: string | undefined,
  deps: ConsoleBaseDeps,
): Promise<CasesView> => {
  const { teams } = scope;
  if (teams === undefined || teams.length === 1) {
    const listed = await deps.caseView.cases.list({ status, team: teams?.[0], limit: 50, after });
    return { status, cases: listed.cases, overdueIds: overdueIdsOf(listed.cases, deps), next: listed.next };
  }
  const pages = await Promise.all(teams.map((team) => deps.caseView.cases.list({ status, team, limit: 50 })));
  const cases = newestFirst(pages.flatMap((one) => one.cases)).slice(0, 50);
  return { status, cases, overdueIds: overdueIdsOf(cases, deps) };
};

/**
 * `/console/cases?status=open|acknowledged|resolved&who=all|mine&after=`: the queue of the cases the
 * lead may work (every team's, or their teams'), or those assigned to them, a page at a time.
 */
export const casesRoute: ConsoleRoute<ConsoleBaseDeps> = {
  path: /^\/console\/cases$/,
  read: async ({ request, session, ctx, deps }: Asked<ConsoleBaseDeps>) => {
    const status = CaseStatusSchema.safeParse(request.query.status ?? 'open');
    if (!status.success)
      throw new ValidationError([{ field: 'status', message: 'must be open, acknowledged or resolved' }]);
    const mine = request.query.who === 'mine';
    if (request.query.who !== undefined && !mine && request.query.who !== 'all')
      throw new ValidationError([{ field: 'who', message: 'must be mine or all' }]);
    const view = await casesOf(scopeOfSession(session), status.data, request.query.after, deps);
    // Mine: the cases of each page assigned to this lead; the older pages go on as the queue's.
    const me = session.lead.email.toLowerCase();
    const shown = mine ? view.cases.filter((found) => found.assignee?.toLowerCase() === me) : view.cases;
    return page(200, casesPage(ctx, { ...view, cases: shown, mine }));
  },
};

/**
 * Why an action on a case was refused, in the lead's language: the case moved meanwhile (someone
 * else acknowledged or resolved it), or a field of the form was wrong, named.
 */
const refusalIn = (lang: ConsoleLang, error: ConflictError | ValidationError): string => {
  if (error instanceof ValidationError) {
    const fields = error.issues.map(({ field }) => field).join(', ');
    return lang === 'zh-CN' ? `请检查：${fields}。` : `Check ${fields}: ${error.message}.`;
  }
  return lang === 'zh-CN'
    ? `未完成：该案例的状态刚刚已变更（${error.message}）。`
    : `Not done: ${error.message}.`;
};

/** What each action says once done, on the case's page it returns to. */
const NOTICES: Record<string, { kind: 'done' | 'refused'; en: string; 'zh-CN': string }> = {
  acknowledged: { kind: 'done', en: 'Acknowledged: the case is yours.', 'zh-CN': '已确认：此案例由您跟进。' },
  resolved: { kind: 'done', en: 'Resolved.', 'zh-CN': '已解决。' },
  assigned: { kind: 'done', en: 'Assigned.', 'zh-CN': '已分配。' },
  noted: { kind: 'done', en: 'Note added.', 'zh-CN': '已添加备注。' },
  reopened: {
    kind: 'done',
    en: 'Reopened: the case is open again, its SLA starting now.',
    'zh-CN': '已重新打开：案例重新开始计算 SLA。',
  },
};

/** The leads a case may be assigned to: those of every team, and those kept to the case's team. */
const assigneesOf = (leads: ConsoleBaseDeps['leads'], team: string): string[] =>
  leads.filter((lead) => mayWork(scopeOfLead(lead), { team })).map((lead) => lead.email);

/** The case's page as a lead may see it, with a notice of what was just done or refused. */
const casePageOf = async (
  { request, session, ctx, deps }: Asked<ConsoleBaseDeps>,
  caseId: string,
  notice?: CasePageView['notice'],
): Promise<string | null> => {
  const view = await viewCase(caseId, deps.caseView);
  if (!mayWork(scopeOfSession(session), view)) return null;
  return casePage(ctx, {
    case: view,
    assignees: assigneesOf(deps.leads, view.team),
    showContacts: true,
    reasons: RESOLUTION_REASONS,
    topicNames: topicNamesIn(deps.taxonomy, request.lang),
    notice,
  });
};

/** `/console/cases/{caseId}`: the case with its answer, contacts, labels, history and forms. */
export const caseRoute: ConsoleRoute<ConsoleBaseDeps> = {
  path: /^\/console\/cases\/([\w-]{1,64})$/,
  read: async (asked, [caseId]) => {
    const done = NOTICES[asked.request.query.done ?? ''];
    let shown: string | null;
    try {
      shown = await casePageOf(
        asked,
        caseId as string,
        done ? { kind: done.kind, text: done[asked.request.lang] } : undefined,
      );
    } catch (error) {
      if (error instanceof NotFoundError) return page(404, notFoundPage(asked.request.lang, asked.ctx.lead));
      throw error;
    }
    return shown === null ? page(403, notFoundPage(asked.request.lang, asked.ctx.lead)) : page(200, shown);
  },
};

/** What a lead may do to a case from its page: each is the API's use case, as the lead. */
const ACTIONS: Record<
  string,
  { done: string; run: (caseId: string, asked: Asked<ConsoleFormDeps>) => Promise<unknown> }
> = {
  acknowledge: {
    done: 'acknowledged',
    run: (caseId, { session, deps }) => acknowledgeCase(caseId, { actor: session.lead.email }, deps.caseView),
  },
  assign: {
    done: 'assigned',
    run: (caseId, { request, session, deps }) =>
      assignCase(
        caseId,
        { assignee: request.form.get('assignee') ?? undefined, actor: session.lead.email },
        { ...deps.caseView, leads: deps.leads },
      ),
  },
  notes: {
    done: 'noted',
    run: (caseId, { request, session, deps }) =>
      addCaseNote(
        caseId,
        { note: request.form.get('note') ?? undefined, actor: session.lead.email },
        deps.caseView,
      ),
  },
  reopen: {
    done: 'reopened',
    run: (caseId, { request, session, deps }) =>
      reopenCase(caseId, { note: request.form.get('note') ?? '', actor: session.lead.email }, deps.caseView),
  },
  resolve: {
    done: 'resolved',
    run: (caseId, { request, session, deps }) => {
      return resolveCase(
        caseId,
        {
          reason: request.form.get('reason') ?? undefined,
          note: request.form.get('note') ?? '',
          actor: session.lead.email,
        },
        deps.resolve,
      );
    },
  },
};

/**
 * `POST /console/cases/{caseId}/{action}`: the action as the signed-in lead, then back to the case's
 * page with what was done; a case that moved meanwhile (409) or a wrong field (400) shows the page
 * again with why.
 */
export const caseActionRoute: ConsoleRoute<ConsoleFormDeps> = {
  path: /^\/console\/cases\/([\w-]{1,64})\/([a-z]+)$/,
  act: async (asked, [caseId, name]) => {
    const { request, session, ctx, deps } = asked;
    const action = ACTIONS[name as string];
    const found = action ? await deps.caseView.cases.get(caseId as string) : null;
    if (!action || !found) return page(404, notFoundPage(request.lang, ctx.lead));
    if (!mayWork(scopeOfSession(session), found)) return page(403, notFoundPage(request.lang, ctx.lead));
    try {
      await action.run(caseId as string, asked);
    } catch (error) {
      if (error instanceof ConflictError || error instanceof ValidationError) {
        const shown = await casePageOf(asked, caseId as string, {
          kind: 'refused',
          text: refusalIn(request.lang, error),
        });
        return page(error instanceof ConflictError ? 409 : 400, shown ?? '');
      }
      throw error;
    }
    return redirect(`/console/cases/${caseId}?done=${action.done}`);
  },
};
