import { readFileSync } from 'node:fs';
import type { Context } from 'aws-lambda';

/** A copy of a fixture from events/, safe to change. */
export const loadEvent = <T = any>(path: string): T =>
  structuredClone(JSON.parse(readFileSync(new URL(`../../events/${path}`, import.meta.url), 'utf8')) as T);

export const context = (functionName = 'test'): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
  memoryLimitInMB: '256',
  awsRequestId: 'test-request',
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: 'test',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});
