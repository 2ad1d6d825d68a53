import { mayWork } from '../../access/team-scope.js';
import { readMetrics, readTrend } from '../../aggregates/read-metrics.js';
import { ruleKeyOf, segmentOfRule } from '../../alerts/metric-alert.js';
import { rulesPage } from '../pages/rules-page.js';
import { page } from '../replies.js';
import type { Asked, ConsoleRoute } from '../route.js';
import { trendOf } from './overview.js';
import { scopeOfSession } from './scope.js';

/**
 * `/console/rules`: each of the stage's metric rules with where it stands (below its line, recovered,
 * above it, or not judged yet), the score it watches now and that score's trend over its window. A
 * lead kept to some teams sees the rules on their teams.
 */
export const rulesRoute: ConsoleRoute = {
  path: /^\/console\/rules$/,
  read: async ({ session, ctx, deps }: Asked) => {
    const scope = scopeOfSession(session);
    const shown = deps.rules.list.filter((rule) => {
      if (scope.teams === undefined) return true;
      const segment = segmentOfRule(rule);
      return segment?.dimension === 'team' && mayWork(scope, { team: segment.value });
    });
    const rules = await Promise.all(
      shown.map(async (rule) => {
        const segment = segmentOfRule(rule);
        const filter = segment ? { [segment.dimension]: segment.value } : {};
        const [state, now, trend] = await Promise.all([
          deps.rules.stateOf(ruleKeyOf(rule)),
          readMetrics({ survey: rule.survey, window: rule.window, ...filter }, deps.metrics),
          readTrend({ survey: rule.survey, ...trendOf(rule.window), ...filter }, deps.metrics),
        ]);
        return { rule, state, now, trend };
      }),
    );
    return page(200, rulesPage(ctx, { rules, minSample: deps.metrics.minSample }));
  },
};
