import type { Server } from 'node:http';
import { connect } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { FUNCTIONS, routeKeyOf } from '../wiring.js';
import { type HttpRoute, startHttpServer } from './http-server.js';

const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    ),
  );
});

/** Starts the server on a free port with routes that record the events they get. */
const serve = async (
  routes: { method: string; path: string; result?: APIGatewayProxyStructuredResultV2 }[],
): Promise<{ url: string; events: APIGatewayProxyEventV2[] }> => {
  const events: APIGatewayProxyEventV2[] = [];
  const httpRoutes: HttpRoute[] = routes.map(({ method, path, result }) => ({
    method,
    path,
    handle: async (event) => {
      events.push(event);
      return result ?? { statusCode: 200, body: `${method} ${path}` };
    },
  }));
  const { server, url } = await startHttpServer(httpRoutes, '127.0.0.1', 0);
  servers.push(server);
  return { url, events };
};

/** Sends a GET whose header lines go out exactly as given, which `fetch` and `http.request` do not allow. */
const rawGet = (url: string, path: string, headerLines: string[]): Promise<string> => {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.end(
        [
          `GET ${path} HTTP/1.1`,
          `Host: ${hostname}:${port}`,
          'Connection: close',
          ...headerLines,
          '',
          '',
        ].join('\r\n'),
      );
    });
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
};

describe('route matching', () => {
  it('routes a literal segment before a path parameter, whatever order the routes were added in', async () => {
    // Prepare
    const { url, events } = await serve([
      { method: 'GET', path: '/cases/{caseId}' },
      { method: 'GET', path: '/cases/stats' },
    ]);

    // Act
    const stats = await fetch(`${url}/cases/stats`);
    const oneCase = await fetch(`${url}/cases/c%2D1`);

    // Assess
    expect(await stats.text()).toBe('GET /cases/stats');
    expect(await oneCase.text()).toBe('GET /cases/{caseId}');
    expect(events.map((e) => [e.routeKey, e.pathParameters])).toEqual([
      ['GET /cases/stats', undefined],
      ['GET /cases/{caseId}', { caseId: 'c-1' }],
    ]);
  });

  it('answers 404 Not Found for a path that has a route under another method only', async () => {
    // Prepare
    const { url, events } = await serve([{ method: 'POST', path: '/cases/stats' }]);

    // Act
    const response = await fetch(`${url}/cases/stats`);

    // Assess
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: 'Not Found' });
    expect(events).toEqual([]);
  });

  it('hands a greedy path variable the remaining segments, decoded, when no other route fits', async () => {
    // Prepare
    const { url, events } = await serve([
      { method: 'GET', path: '/{proxy+}' },
      { method: 'GET', path: '/files/{proxy+}' },
      { method: 'GET', path: '/files/{name}' },
    ]);

    // Act
    const deep = await fetch(`${url}/files/a%20b/c`);
    const shallow = await fetch(`${url}/files/readme`);
    const elsewhere = await fetch(`${url}/other/path`);
    const bare = await fetch(`${url}/files`);

    // Assess
    expect(await deep.text()).toBe('GET /files/{proxy+}');
    expect(await shallow.text()).toBe('GET /files/{name}');
    expect(await elsewhere.text()).toBe('GET /{proxy+}');
    expect(await bare.text()).toBe('GET /{proxy+}');
    expect(events.map((e) => e.pathParameters)).toEqual([
      { proxy: 'a b/c' },
      { name: 'readme' },
      { proxy: 'other/path' },
      { proxy: 'files' },
    ]);
  });

  it.each([
    {
      name: 'picks the most specific route among those of the request method only',
      routeKeys: ['POST /cases/stats', 'GET /cases/{caseId}'],
      path: '/cases/stats',
      chosen: 'GET /cases/{caseId}',
    },
    {
      name: 'prefers a full match with a parameter early in the path over a greedy match with a literal there',
      routeKeys: ['GET /files/{proxy+}', 'GET /{kind}/readme'],
      path: '/files/readme',
      chosen: 'GET /{kind}/readme',
    },
  ])('$name', async ({ routeKeys, path, chosen }) => {
    // Prepare
    const { url } = await serve(
      routeKeys.map((key) => ({
        method: key.slice(0, key.indexOf(' ')),
        path: key.slice(key.indexOf(' ') + 1),
      })),
    );

    // Act
    const response = await fetch(`${url}${path}`);

    // Assess
    expect(await response.text()).toBe(chosen);
  });
});

describe("the wiring's routes", () => {
  it('routes GET /cases/stats to get-case-stats and any other case id to get-case', async () => {
    // Prepare: every HTTP route of the wiring, each answering with its route key, known by its function
    const byRoute = new Map(
      FUNCTIONS.flatMap(({ name, trigger }) =>
        trigger.kind === 'http' ? [[routeKeyOf(trigger), name]] : [],
      ),
    );
    const { url } = await serve(
      [...byRoute.keys()].map((key) => ({
        method: key.slice(0, key.indexOf(' ')),
        path: key.slice(key.indexOf(' ') + 1),
      })),
    );
    const functionAt = async (path: string) => byRoute.get(await (await fetch(`${url}${path}`)).text());

    // Act
    const reached = [
      await functionAt('/cases/stats?window=7d'),
      await functionAt('/cases/c-1'),
      await functionAt('/cases/statistics'),
    ];

    // Assess
    expect(reached).toEqual(['get-case-stats', 'get-case', 'get-case']);
  });
});

describe('cookies', () => {
  it('puts each cookie of the Cookie header into cookies and takes it out of the headers, as API Gateway does', async () => {
    // Prepare
    const { url, events } = await serve([{ method: 'GET', path: '/survey' }]);

    // Act
    await fetch(`${url}/survey`, { headers: { cookie: 'session=abc;theme=dark; lang=pt-BR' } });

    // Assess
    expect(events[0]?.cookies).toEqual(['session=abc', 'theme=dark', 'lang=pt-BR']);
    expect(events[0]?.headers.cookie).toBeUndefined();
  });

  it('gathers the cookies of repeated Cookie headers into one array', async () => {
    // Prepare
    const { url, events } = await serve([{ method: 'GET', path: '/survey' }]);

    // Act
    const answer = await rawGet(url, '/survey', ['Cookie: session=abc', 'Cookie: theme=dark; lang=pt-BR']);

    // Assess
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(events[0]?.cookies).toEqual(['session=abc', 'theme=dark', 'lang=pt-BR']);
  });

  it('leaves cookies out of the event when the request has no Cookie header', async () => {
    // Prepare
    const { url, events } = await serve([{ method: 'GET', path: '/survey' }]);

    // Act
    await fetch(`${url}/survey`);

    // Assess
    expect(events).toHaveLength(1);
    expect(events[0]).not.toHaveProperty('cookies');
  });

  it("sends each of the result's cookies as its own Set-Cookie header, alongside its other headers", async () => {
    // Prepare
    const cookies = ['session=abc; Path=/; HttpOnly', 'seen=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT'];
    const { url } = await serve([
      {
        method: 'GET',
        path: '/survey',
        result: {
          statusCode: 200,
          headers: { 'content-type': 'text/plain', 'x-pulse': 'yes' },
          cookies,
          body: 'ok',
        },
      },
    ]);

    // Act
    const response = await fetch(`${url}/survey`);

    // Assess
    expect(response.headers.getSetCookie()).toEqual(cookies);
    expect(response.headers.get('x-pulse')).toBe('yes');
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(await response.text()).toBe('ok');
  });
});
