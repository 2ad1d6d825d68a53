import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { context } from '../../../test/support/lambda.js';
import { logger } from '../logger.js';
import { httpHandler } from './http-handler.js';

// This suite reads what a request logs; the logger reads its level when it is made.
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
});

const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
const restore = () => {
  process.stdout.write = writes.stdout;
  process.stderr.write = writes.stderr;
};
afterEach(restore);

/** The JSON lines logged while `run` runs. */
const logged = async (run: () => Promise<unknown>): Promise<Record<string, unknown>[]> => {
  const lines: string[] = [];
  const keep = ((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  }) as typeof process.stdout.write;
  process.stdout.write = keep;
  process.stderr.write = keep;
  try {
    await run();
  } finally {
    restore();
  }
  return lines.map((line) => JSON.parse(line));
};

const request = (requestId: string) =>
  ({ requestContext: { requestId }, headers: {}, rawPath: '/x' }) as unknown as APIGatewayProxyEventV2;

describe('httpHandler', () => {
  it("puts the API's request id on every line a request logs, its error too, and none on the next", async () => {
    const handler = httpHandler(async (event) => {
      logger.info('working');
      if (event.requestContext.requestId === 'req-1') throw new Error('boom');
      return { statusCode: 204 };
    });

    const first = await logged(() => handler(request('req-1'), context()));
    const second = await logged(() => handler(request('req-2'), context()));

    expect(first.map((line) => [line.message, line.correlation_id])).toEqual([
      ['working', 'req-1'],
      ['unhandled error', 'req-1'],
    ]);
    expect(second.map((line) => [line.message, line.correlation_id])).toEqual([['working', 'req-2']]);
  });
});
