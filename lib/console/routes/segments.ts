import * as z from 'zod';
import { breakdownValuesOf } from '../../access/team-scope.js';
import { type BreakdownRow, readBreakdown } from '../../aggregates/read-breakdown.js';
import { parseOrThrow } from '../../platform/errors.js';
import { SurveySchema } from '../../surveys/scales.js';
import { DIMENSIONS, DimensionSchema } from '../../surveys/segments.js';
import { WindowSchema } from '../../surveys/window.js';
import { segmentsPage } from '../pages/segments-page.js';
import { page } from '../replies.js';
import type { Asked, ConsoleRoute } from '../route.js';
import { BREAKDOWN_SORTS, type BreakdownSort } from '../views.js';
import { scopeOfSession } from './scope.js';

/** The segments page's address: every part has a default, and a wrong one is a 400 naming it. */
const SegmentsQuerySchema = z.object({
  survey: SurveySchema.default('nps'),
  window: WindowSchema.default('30d'),
  by: DimensionSchema.default('team'),
  sort: z.enum(BREAKDOWN_SORTS).default('n'),
  order: z.enum(['asc', 'desc']).default('desc'),
});

/** What a row is sorted by; a row without a figure goes last whatever the order. */
const KEYS: Record<BreakdownSort, (row: BreakdownRow) => number | string | null> = {
  n: (row) => row.n,
  score: (row) => row.score,
  change: (row) => row.change?.score ?? null,
  value: (row) => row.value.toLowerCase(),
};

const sortRows = (
  rows: readonly BreakdownRow[],
  sort: BreakdownSort,
  order: 'asc' | 'desc',
): BreakdownRow[] => {
  const key = KEYS[sort];
  const sign = order === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return x < y ? -sign : x > y ? sign : a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  });
};

/**
 * `/console/segments?survey=&window=&by=&sort=&order=`: one survey's scores by team, agent, channel or
 * touchpoint over the window, each row with its margin and change against the previous window, in
 * the order asked; each row opens that segment's overview. A lead kept to some teams breaks down by
 * team only, their teams' rows (403 for another dimension, as the API).
 */
export const segmentsRoute: ConsoleRoute = {
  path: /^\/console\/segments$/,
  read: async ({ request, session, ctx, deps }: Asked) => {
    const query = parseOrThrow(SegmentsQuerySchema, request.query);
    const scope = scopeOfSession(session);
    const within = breakdownValuesOf(scope, query.by);
    const breakdown = await readBreakdown(
      { survey: query.survey, window: query.window, by: query.by, compare: 'previous' },
      deps.metrics,
      within,
    );
    return page(
      200,
      segmentsPage(ctx, {
        breakdown: { ...breakdown, segments: sortRows(breakdown.segments, query.sort, query.order) },
        dimensions: scope.teams ? ['team'] : DIMENSIONS,
        sort: query.sort,
        order: query.order,
      }),
    );
  },
};
