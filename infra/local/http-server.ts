import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export interface HttpRoute {
  method: string;
  path: string;
  handle(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2>;
  /** Runs before `handle` for routes behind the authorizer; answers a response to stop the request. */
  authorize?(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2 | null>;
}

const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript)|[^;]*\+(json|xml))/i;

interface CompiledRoute {
  route: HttpRoute;
  pattern: RegExp;
  /** Per segment: 2 literal, 1 `{param}`, 0 `{param+}`; compared left to right, higher wins. */
  rank: number[];
  greedy: boolean;
}

const compileRoute = (route: HttpRoute): CompiledRoute => {
  const segments = route.path.split('/').slice(1);
  const rank = segments.map((segment) =>
    /^\{\w+\+\}$/.test(segment) ? 0 : /^\{\w+\}$/.test(segment) ? 1 : 2,
  );
  const source = route.path
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\{(\w+)\\\+\}/g, '(?<$1>.+)')
    .replace(/\{(\w+)\}/g, '(?<$1>[^/]+)');
  return { route, pattern: new RegExp(`^${source}$`), rank, greedy: rank.includes(0) };
};

/**
 * Orders candidate routes as API Gateway picks among them ("Routing API requests" in its HTTP API guide):
 * any full match before a greedy `{proxy+}` one, then, segment by segment from the left, a literal before
 * a `{param}` before a `{param+}`. The order routes were added in plays no part.
 */
const bySpecificity = (a: CompiledRoute, b: CompiledRoute): number => {
  if (a.greedy !== b.greedy) return a.greedy ? 1 : -1;
  const difference = a.rank.map((segment, i) => (b.rank[i] ?? segment) - segment).find((d) => d !== 0);
  return difference ?? b.rank.length - a.rank.length;
};

/**
 * Turns a Node request into the API Gateway HTTP API (payload 2.0) event the handlers get on AWS:
 * lower-case headers, repeated query values joined by commas, cookies in `cookies` (not in the headers),
 * non-text bodies base64-encoded.
 */
export const toApiGatewayEvent = (
  request: IncomingMessage,
  body: Buffer,
  routeKey: string,
  pathParameters: Record<string, string> | undefined,
): APIGatewayProxyEventV2 => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  // Node has already joined repeated Cookie headers with `; `, so one split covers them all.
  const cookies = headers.cookie
    ?.split(';')
    .map((cookie) => cookie.trim())
    .filter((cookie) => cookie.length > 0);
  // API Gateway hands cookies over in `cookies` only: a handler reading the header would work here alone.
  delete headers.cookie;
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams)
    query[name] = name in query ? `${query[name]},${value}` : value;
  const text = TEXT_TYPES.test(headers['content-type'] ?? 'text/plain');
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies && cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(pathParameters ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0 ? { body: text ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !text,
  };
};

const send = (response: ServerResponse, result: APIGatewayProxyStructuredResultV2): void => {
  const body = result.body ?? '';
  const headers: Record<string, string> = {};
  const setCookies: string[] = [];
  for (const [name, value] of Object.entries(result.headers ?? {})) {
    if (name.toLowerCase() === 'set-cookie') setCookies.push(String(value));
    else headers[name] = String(value);
  }
  // One header line per cookie: Set-Cookie values cannot be folded with commas as other headers can.
  setCookies.push(...(result.cookies ?? []));
  if (setCookies.length > 0) response.setHeader('set-cookie', setCookies);
  response.writeHead(result.statusCode ?? 200, headers);
  response.end(result.isBase64Encoded ? Buffer.from(body, 'base64') : body);
};

const MAX_BODY_BYTES = 1024 * 1024;

/** The local HTTP API: the same routes and handlers as on AWS, plus the runtime's own `/_local/` routes. */
export const startHttpServer = async (
  routes: HttpRoute[],
  host: string,
  port: number,
): Promise<{ server: Server; url: string }> => {
  // Routes may be added after the server starts listening (handlers load once the port is known).
  const compiledRoutes = () => routes.map(compileRoute);
  const server = createServer(async (request, response) => {
    try {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of request) {
        size += (chunk as Buffer).length;
        if (size > MAX_BODY_BYTES) {
          send(response, { statusCode: 413, body: '{"message":"Request Entity Too Large"}' });
          return;
        }
        chunks.push(chunk as Buffer);
      }
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      const method = request.method ?? 'GET';
      const match = compiledRoutes()
        .filter(({ route, pattern }) => route.method === method && pattern.test(path))
        .sort(bySpecificity)[0];
      if (!match) {
        // API Gateway answers a route it does not have, whatever the method, with 404.
        send(response, {
          statusCode: 404,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ message: 'Not Found' }),
        });
        return;
      }
      const groups = match.pattern.exec(path)?.groups;
      let pathParameters: Record<string, string> | undefined;
      try {
        pathParameters = groups
          ? Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, decodeURIComponent(v)]))
          : undefined;
      } catch {
        send(response, { statusCode: 400, body: '{"message":"Bad Request"}' });
        return;
      }
      const event = toApiGatewayEvent(
        request,
        Buffer.concat(chunks),
        `${match.route.method} ${match.route.path}`,
        pathParameters,
      );
      const denied = match.route.authorize ? await match.route.authorize(event) : null;
      const result = denied ?? (await match.route.handle(event));
      send(response, result);
    } catch (error) {
      console.error('local http: handler failed', error);
      send(response, { statusCode: 500, body: '{"message":"Internal Server Error"}' });
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return { server, url: `http://${host}:${actualPort}` };
};
