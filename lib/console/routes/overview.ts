import { readMetrics, readTrend, segmentOfQuery } from '../../aggregates/read-metrics.js';
import type { Case } from '../../cases/case.js';
import { ValidationError } from '../../platform/errors.js';
import { SURVEYS } from '../../surveys/scales.js';
import { DIMENSIONS, type Segment } from '../../surveys/segments.js';
import { WINDOW_DAYS, type Window, WindowSchema } from '../../surveys/window.js';
import { overviewPage } from '../pages/overview-page.js';
import { page } from '../replies.js';
import type { Asked, ConsoleDeps, ConsoleRoute } from '../route.js';
import type { OverviewView } from '../views.js';
import { newestFirst, overdueIdsOf } from './case-lists.js';
import { scopeOfSession, segmentInScope } from './scope.js';

/** How each window's trend is drawn: a point a day, or a week over 90 days. */
export const trendOf = (window: Window): { days: number; bucket: 'day' | 'week' } => ({
  days: WINDOW_DAYS[window],
  bucket: window === '90d' ? 'week' : 'day',
});

/** The window a page asks for with `?window`, 30 days by default. */
export const windowOf = (value: string | undefined): Window => {
  const window = WindowSchema.safeParse(value ?? '30d');
  if (!window.success) throw new ValidationError([{ field: 'window', message: 'must be 7d, 30d or 90d' }]);
  return window.data;
};

/** Whether a case belongs to a segment (overall: every case). */
const inSegment = (segment: Segment, found: Case): boolean =>
  segment === null || found[segment.dimension] === segment.value;

/**
 * The open and acknowledged cases of a segment a lead may work, newest first, a page: a team's by its
 * own listing; another dimension's picked from the newest page of each team the lead works.
 */
const casesWaitingIn = async (
  segment: Segment,
  teams: readonly string[] | undefined,
  deps: ConsoleDeps,
): Promise<OverviewView['cases']> => {
  const listed = segment?.dimension === 'team' ? [segment.value] : (teams ?? [undefined]);
  const lists = await Promise.all(
    (['open', 'acknowledged'] as const).flatMap((status) =>
      listed.map((team) => deps.caseView.cases.list({ status, team, limit: 50 })),
    ),
  );
  const waiting = newestFirst(
    lists.flatMap((list) => list.cases).filter((found) => inSegment(segment, found)),
  ).slice(0, 50);
  return {
    waiting,
    overdueIds: overdueIdsOf(waiting, deps),
    more: lists.some((list) => list.next !== undefined),
  };
};

/**
 * `/console`: a tile per survey over the window, with its trend, and the cases waiting; overall, or
 * for one segment (`?team=`, `?agent=`, `?channel=` or `?touchpoint=`), which a breakdown row opens. A
 * lead kept to some teams sees their first team's unless they ask for another of theirs.
 */
export const overviewRoute: ConsoleRoute = {
  path: /^\/console\/?$/,
  read: async ({ request, session, ctx, deps }: Asked) => {
    const window = windowOf(request.query.window);
    const scope = scopeOfSession(session);
    const segment = segmentInScope(
      scope,
      segmentOfQuery(
        Object.fromEntries(DIMENSIONS.map((dimension) => [dimension, request.query[dimension]])),
      ),
    );
    const filter = segment ? { [segment.dimension]: segment.value } : {};
    const tiles = await Promise.all(
      SURVEYS.map(async (survey) => ({
        survey,
        metrics: await readMetrics({ survey, window, compare: 'previous', ...filter }, deps.metrics),
        trend: await readTrend({ survey, ...trendOf(window), ...filter }, deps.metrics),
      })),
    );
    const view: OverviewView = {
      window,
      segment,
      ...(scope.teams ? { teams: scope.teams } : {}),
      tiles,
      cases: await casesWaitingIn(segment, scope.teams, deps),
    };
    return page(200, overviewPage(ctx, view));
  },
};
