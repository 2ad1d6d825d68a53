import { consolePageDeps, onAws } from '../lib/compose.js';
import { type ConsoleDeps, routeConsole } from '../lib/console/console-routes.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';

/** GET /console/{proxy+}: the console's other pages (sign-in, a case, …), read only. */
export const createHandler = (deps: ConsoleDeps) => httpHandler((event) => routeConsole(event, deps));

export const dependencies = consolePageDeps;
export const handler = onAws(dependencies, createHandler);
