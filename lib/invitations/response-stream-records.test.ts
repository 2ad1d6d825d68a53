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

  it('carries a held change beside the counted answer it leaves as it was', () => {
    const transition = toResponseTransition(streamRecord('response-change-held'));

    expect(transition.before?.heldChange).toBeUndefined();
    expect(transition.after).toEqual({
      ...transition.before,
      heldChange: {
        score: 1,
        comment: 'the wait was awful\nand nobody called back',
        reasons: ['posted 900 ms after the page loaded'],
        signals: expect.objectContaining({ pageDwellMs: 900, interactions: 3 }),
        receivedAt: '2026-11-26T10:20:02.000Z',
      },
    });
  });
});
