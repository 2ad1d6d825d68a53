import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ValidationError } from '../domain/errors.js';

/** The body as text, decoded when API Gateway base64-encoded it. */
export const bodyText = (event: APIGatewayProxyEventV2): string => {
  if (!event.body) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
};

/** The JSON body; a missing or malformed one is a 400 naming `body`. */
export const jsonBody = (event: APIGatewayProxyEventV2): unknown => {
  const text = bodyText(event);
  if (!text.trim()) throw new ValidationError([{ field: 'body', message: 'is required (a JSON object)' }]);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ValidationError([{ field: 'body', message: 'is not valid JSON' }]);
  }
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
  return Object.fromEntries(new URLSearchParams(bodyText(event)));
};

/** The path parameter a route declares; its absence is a wiring error, not a client one. */
export const pathParameter = (event: APIGatewayProxyEventV2, name: string): string => {
  const value = event.pathParameters?.[name];
  if (value === undefined) throw new Error(`route has no path parameter ${name}`);
  return value;
};
