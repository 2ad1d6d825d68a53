import { consoleFormDeps, onAws } from '../lib/compose.js';
import { actInConsole, type ConsoleFormDeps } from '../lib/console/console-forms.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';

/**
 * POST /console/{proxy+}: the console's forms (the local sign-in, sign-out, and each move of a case),
 * each with its session's token.
 */
export const createHandler = (deps: ConsoleFormDeps) => httpHandler((event) => actInConsole(event, deps));

export const dependencies = consoleFormDeps;
export const handler = onAws(dependencies, createHandler);
