import type { ConsoleFormDeps, ConsoleRoute } from './route.js';
import { routeWith } from './router.js';
import { caseActionRoute } from './routes/cases.js';
import { signOutRoute } from './routes/sign-in.js';

export type { ConsoleFormDeps } from './route.js';

/** Every form of a signed-in lead: what `POST /console/{proxy+}` does. */
const FORMS: readonly ConsoleRoute<ConsoleFormDeps>[] = [caseActionRoute, signOutRoute];

/**
 * The console's forms: the local sign-in, sign-out, and the moves of a case, each with its session's
 * token. A function of its own, which carries none of the pages' reading.
 */
export const actInConsole = routeWith(FORMS);
