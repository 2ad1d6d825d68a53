import { describe, expect, it } from 'vitest';
import type { ComprehendTwin } from '../infra/local/comprehend.js';
import { commentDigestOf } from '../lib/insight/labels.js';
import { freshStores, localInsight } from '../test/support/handlers.js';
import { context, loadEvent } from '../test/support/lambda.js';
import { aResponse, INVITATION_ID, labelsOf } from '../test/support/samples.js';
import { createHandler } from './analyse-comments.js';

/** Ana's answer with its labels pending, and the queue's consumer over the same table. */
const setUp = async () => {
  const stores = await freshStores();
  const twin: ComprehendTwin = { outage: null };
  const answer = await stores.responses.save(aResponse({ comment: 'the wait was awful' }));
  await stores.labels.put(
    labelsOf(answer, { status: 'pending', topics: ['waiting'], reason: 'Rate exceeded' }),
  );
  const handler = createHandler({ ...stores, ...localInsight(twin) });
  /** The fixture's messages for Ana's comment (and a body that is not JSON), received `receives` times. */
  const deliver = (receives: number) => {
    const event = loadEvent('sqs/analyse-comments.json');
    for (const record of event.Records) record.attributes.ApproximateReceiveCount = String(receives);
    event.Records[0].body = JSON.stringify({
      invitationId: INVITATION_ID,
      commentDigest: commentDigestOf(answer.comment),
    });
    return handler(event, context());
  };
  return { ...stores, twin, deliver };
};

describe('analyse-comments', () => {
  it('settles a pending comment, and gives back only the message it could not read', async () => {
    const { deliver, labels } = await setUp();

    const result = await deliver(1);

    expect(result).toEqual({
      batchItemFailures: [{ itemIdentifier: '2e1424d4-f796-459a-8184-9c92662be6da' }],
    });
    expect(await labels.get(INVITATION_ID)).toMatchObject({ status: 'done', sentiment: 'negative' });
  });

  it('gives the message back while Comprehend is out, and on the last try marks the labels failed', async () => {
    const { deliver, labels, twin } = await setUp();
    twin.outage = 'unavailable';

    const early = await deliver(1);

    expect(early.batchItemFailures).toHaveLength(2);
    expect(await labels.get(INVITATION_ID)).toMatchObject({ status: 'pending' });

    const last = await deliver(5);

    expect(last.batchItemFailures).toHaveLength(2);
    expect(await labels.get(INVITATION_ID)).toMatchObject({ status: 'failed', topics: ['waiting'] });
    expect((await labels.get(INVITATION_ID))?.reason).toMatch(/internal error/i);
  });
});
