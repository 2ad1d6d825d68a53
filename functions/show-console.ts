import { consolePageDeps, onAws } from '../lib/compose.js';
import { type ConsoleDeps, routeConsole } from '../lib/console/console-routes.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';

/** GET /console: the leads' console's overview (a lead without a session is sent to sign in). */
export const createHandler = (deps: ConsoleDeps) => httpHandler((event) => routeConsole(event, deps));

export const dependencies = consolePageDeps;
export const handler = onAws(dependencies, createHandler);
