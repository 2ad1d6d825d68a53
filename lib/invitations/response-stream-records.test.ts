import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toResponseTransition } from './response-stream-records.js';

const fixture = (name: string): unknown[] =>
  (
    JSON.parse(
      readFileSync(new URL(`../../events/dynamodb-stream/${name}.json`, import.meta.url), 'utf8'),
    ) as {
      Records: unknown[];
    }
  ).Records;

const only = (name: string) => {
  const [record] = fixture(name);
  return structuredClone(record);
};

describe('toResponseTransition', () => {
  it('carries the whole response before and after, for the alert', () => {
    const transition = toResponseTransition(only('response-comment-added'));

    expect(transition.before?.comment).toBe('');
    expect(transition.after).toMatchObject({
      comment: 'the wait was awful',
      customerName: 'Ana',
      team: 'billing',
    });
  });
});
