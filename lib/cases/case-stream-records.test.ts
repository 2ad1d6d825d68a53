import { describe, expect, it } from 'vitest';
import { loadEvent } from '../../test/support/lambda.js';
import { INVITATION_ID } from '../../test/support/samples.js';
import { toCaseTransition } from './case-stream-records.js';

const recordOf = (fixture: string) => loadEvent(`dynamodb-stream/${fixture}.json`).Records[0];

describe('toCaseTransition', () => {
  it('reads a case as opened and as resolved, with the reason of its resolution only', () => {
    const opened = toCaseTransition(recordOf('case-opened'));
    const resolved = toCaseTransition(recordOf('case-resolved'));

    expect(opened).toEqual({
      before: null,
      after: expect.objectContaining({ caseId: INVITATION_ID, status: 'open', customerId: 'c-981' }),
    });
    expect(resolved.after).toMatchObject({
      status: 'resolved',
      resolvedAt: '2026-11-26T11:02:40.000Z',
      resolution: { reason: 'called-back' },
    });
    expect(JSON.stringify(resolved)).not.toMatch(/ana@example\.com|\+14155550123|Called Ana back/);
  });

  it("reads an erasure's scrubbing and a deletion by the time to live as no change", () => {
    const expired = recordOf('case-resolved');
    Object.assign(expired, {
      eventName: 'REMOVE',
      userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
    });
    expired.dynamodb.OldImage = expired.dynamodb.NewImage;
    delete expired.dynamodb.NewImage;

    expect(toCaseTransition(recordOf('case-erased'))).toEqual({ before: null, after: null });
    expect(toCaseTransition(expired)).toEqual({ before: null, after: null });
  });
});
