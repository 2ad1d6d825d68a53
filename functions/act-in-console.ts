import { consoleActionDeps, onAws } from '../lib/compose.js';
import { type ConsoleDeps, routeConsole } from '../lib/console/console-routes.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';

/**
 * POST /console/{proxy+}: the console's forms (sign-in, sign-out, acknowledging and resolving a case),
 * each with its session's token.
 */
export const createHandler = (deps: ConsoleDeps) => httpHandler((event) => routeConsole(event, deps));

export const dependencies = consoleActionDeps;
export const handler = onAws(dependencies, createHandler);
