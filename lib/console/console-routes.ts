import type { ConsoleDeps, ConsoleRoute } from './route.js';
import { routeWith } from './router.js';
import { caseRoute, casesRoute } from './routes/cases.js';
import { feedbackCsvRoute, feedbackRoute } from './routes/feedback.js';
import { overviewRoute } from './routes/overview.js';
import { rulesRoute } from './routes/rules.js';
import { segmentsRoute } from './routes/segments.js';
import { topicsRoute } from './routes/topics.js';

export type { ConsoleDeps } from './route.js';

/** Every page of a signed-in lead: what `GET /console` and `GET /console/{proxy+}` show. */
const PAGES: readonly ConsoleRoute<ConsoleDeps>[] = [
  overviewRoute,
  segmentsRoute,
  feedbackRoute,
  feedbackCsvRoute,
  topicsRoute,
  casesRoute,
  caseRoute,
  rulesRoute,
];

/** The console's pages, sign-in and its callback: every GET under `/console`. */
export const routeConsole = routeWith(PAGES);
