import { readFileSync } from 'node:fs';
import type { Context } from 'aws-lambda';
import { lambdaContext } from '../../infra/local/lambda-context.js';

/** A copy of a fixture from events/, safe to change. */
export const loadEvent = <T = any>(path: string): T =>
  structuredClone(JSON.parse(readFileSync(new URL(`../../events/${path}`, import.meta.url), 'utf8')) as T);

export const context = (functionName = 'test'): Context => lambdaContext(functionName);

/** The records of the DynamoDB stream fixture `events/dynamodb-stream/<name>.json`, safe to change. */
export const streamRecords = (name: string): unknown[] =>
  loadEvent<{ Records: unknown[] }>(`dynamodb-stream/${name}.json`).Records;

/** The first record of a DynamoDB stream fixture: the only one, in most of them. */
export const streamRecord = (name: string): unknown => streamRecords(name)[0];
