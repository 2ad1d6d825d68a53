import { describe, expect, it } from 'vitest';
import { streamRecord } from '../../test/support/lambda.js';
import { toResponseTransition } from './response-stream-records.js';

describe('toResponseTransition', () => {
  it('carries the whole response before and after, for the alert', () => {
    const transition = toResponseTransition(streamRecord('response-comment-added'));

    expect(transition.before?.comment).toBe('');
    expect(transition.after).toMatchObject({
      comment: 'the wait was awful',
      customerName: 'Ana',
      team: 'billing',
    });
  });
});
