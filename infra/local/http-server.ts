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

const templateToRegExp = (path: string): RegExp =>
  new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`);

/**
 * Turns a Node request into the API Gateway HTTP API (payload 2.0) event the handlers get on AWS:
 * lower-case headers, repeated query values joined by commas, non-text bodies base64-encoded.
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
  response.writeHead(result.statusCode ?? 200, {
    ...Object.fromEntries(Object.entries(result.headers ?? {}).map(([k, v]) => [k, String(v)])),
  });
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
  const compiledRoutes = () => routes.map((route) => ({ route, pattern: templateToRegExp(route.path) }));
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
      const matches = compiledRoutes().filter(({ pattern }) => pattern.test(path));
      const match = matches.find(({ route }) => route.method === method);
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
