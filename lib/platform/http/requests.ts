import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { ValidationError } from '../errors.js';
import { parseJson } from '../json.js';

/** The body as text, decoded when API Gateway base64-encoded it. */
export const bodyText = (event: APIGatewayProxyEventV2): string => {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
};

/** The JSON body; a missing or malformed one is a 400 naming `body`. */
export const jsonBody = (event: APIGatewayProxyEventV2): unknown => {
  const text = bodyText(event);
  if (!text.trim()) throw new ValidationError([{ field: 'body', message: 'is required (a JSON object)' }]);
  const body = parseJson(text);
  if (body === undefined) throw new ValidationError([{ field: 'body', message: 'is not valid JSON' }]);
  return body;
};

const headerOf = (event: APIGatewayProxyEventV2, name: string): string | undefined =>
  Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];

/** A form post (urlencoded) or a JSON body, as a flat record of fields. */
export const formBody = (event: APIGatewayProxyEventV2): Record<string, unknown> => {
  const type = (headerOf(event, 'content-type') ?? '').toLowerCase();
  if (type.includes('application/json')) {
    const body = jsonBody(event);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new ValidationError([{ field: 'body', message: 'must be a JSON object' }]);
    }
    return body as Record<string, unknown>;
  }
  // The boundary is case-sensitive: it is read from the header as sent.
  if (type.startsWith('multipart/form-data')) {
    return multipartFields(bodyText(event), headerOf(event, 'content-type') ?? '');
  }
  return Object.fromEntries(new URLSearchParams(bodyText(event)));
};

/** The text fields of a multipart/form-data body (RFC 7578); files are not expected and are ignored. */
const multipartFields = (body: string, contentType: string): Record<string, string> => {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary)
    throw new ValidationError([{ field: 'content-type', message: 'multipart/form-data needs a boundary' }]);
  const fields: Record<string, string> = {};
  for (const part of body.split(`--${boundary}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const headers = part.slice(0, split);
    const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(headers)?.[1];
    if (name === undefined || /\bfilename=/i.test(headers)) continue;
    fields[name] = part.slice(split + 4).replace(/\r\n$/, '');
  }
  return fields;
};

/**
 * The URL the caller asked for, with one query parameter set to `value`: API Gateway always says the
 * scheme in `x-forwarded-proto`; a request without it came over plain HTTP (the local server).
 */
export const requestUrlWith = (event: APIGatewayProxyEventV2, name: string, value: string): string => {
  const query = new URLSearchParams(event.rawQueryString ?? '');
  query.set(name, value);
  const scheme = headerOf(event, 'x-forwarded-proto') ?? 'http';
  const host = headerOf(event, 'host') ?? event.requestContext.domainName;
  return `${scheme}://${host}${event.rawPath}?${query.toString()}`;
};

/** The caller's user agent, as API Gateway passes it on. */
export const userAgentOf = (event: APIGatewayProxyEventV2): string =>
  headerOf(event, 'user-agent') ?? event.requestContext?.http?.userAgent ?? '';

/** The path parameter a route declares; its absence is a wiring error, not a client one. */
export const pathParameter = (event: APIGatewayProxyEventV2, name: string): string => {
  const value = event.pathParameters?.[name];
  if (value === undefined) throw new Error(`route has no path parameter ${name}`);
  return value;
};

/**
 * Who called a guarded route, as its authorizer hands it over: an integrator credential, by name, or a
 * signed-in lead, by email, with the teams they are kept to when the stage keeps them to some.
 */
export type Actor =
  | { actor: 'integrator'; credential: string }
  | { actor: 'lead'; lead: string; teams?: string[] };

/**
 * An actor as an authorizer's context carries it: an HTTP API passes on strings, numbers and booleans
 * only, so a lead's teams travel as a JSON list, and not at all for a lead of every team.
 */
export type AuthorizerContext =
  | { actor: 'integrator'; credential: string }
  | { actor: 'lead'; lead: string; teams?: string };

/** The context an authorizer hands the function for `actor`, which {@link actorOf} reads back. */
export const authorizerContextOf = (actor: Actor): AuthorizerContext =>
  actor.actor === 'lead'
    ? { actor: 'lead', lead: actor.lead, ...(actor.teams ? { teams: JSON.stringify(actor.teams) } : {}) }
    : actor;

const TeamsSchema = z.array(z.string().min(1)).min(1);

/**
 * A lead's teams as the context carries them. A value that is not a list of teams is the wiring's
 * fault, and refused as one (500): read as no teams, it would let the lead see every team's.
 */
const teamsIn = (value: unknown): string[] | undefined => {
  if (value === undefined) return undefined;
  const teams = TeamsSchema.safeParse(typeof value === 'string' ? parseJson(value) : undefined);
  if (!teams.success) throw new Error("the authorizer's context holds teams that are not a list of teams");
  return teams.data;
};

/** The authorizer's account of the caller; undefined on a route behind none. */
export const actorOf = (event: APIGatewayProxyEventV2): Actor | undefined => {
  const context = (
    event.requestContext as {
      authorizer?: { lambda?: Partial<Record<'actor' | 'lead' | 'credential' | 'teams', unknown>> };
    }
  ).authorizer?.lambda;
  if (context?.actor === 'lead' && typeof context.lead === 'string') {
    const teams = teamsIn(context.teams);
    return { actor: 'lead', lead: context.lead, ...(teams ? { teams } : {}) };
  }
  if (context?.actor === 'integrator' && typeof context.credential === 'string')
    return { actor: 'integrator', credential: context.credential };
  return undefined;
};

/**
 * Who acted, as a record keeps it: a signed-in lead's email, or `integrator:<credential name>`. An
 * integrator whose credential is not named (an authorizer's answer cached from before credentials had
 * names) is `integrator`.
 */
export const actingAs = (event: APIGatewayProxyEventV2): string => {
  const actor = actorOf(event);
  if (actor?.actor === 'lead') return actor.lead;
  return actor ? `integrator:${actor.credential}` : 'integrator';
};

/**
 * A case action's JSON body (an empty body reads as `{}`), with `actor`: who acted, as the authorizer
 * proved it (see {@link actingAs}). A signed-in lead is also `by`, whatever the body says; an
 * integrator's `by` is kept as whom it acted for (a helpdesk names its own user), a claim Pulse cannot
 * check.
 */
export const caseActionOf = (event: APIGatewayProxyEventV2): unknown => {
  const body = bodyText(event).trim() ? jsonBody(event) : {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const { actor: _claimed, ...fields } = body as Record<string, unknown>;
  const actor = actingAs(event);
  return actorOf(event)?.actor === 'lead' ? { ...fields, by: actor, actor } : { ...fields, actor };
};
