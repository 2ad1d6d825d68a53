import { describe, expect, it } from 'vitest';
import type { Alert } from '../lib/alerts/ports.js';
import { DEFAULT_UNHAPPY_AT_OR_BELOW } from '../lib/surveys/scales.js';
import { freshStores } from '../test/support/handlers.js';
import { clockAt } from '../test/support/in-memory.js';
import { context, loadEvent } from '../test/support/lambda.js';
import { INVITATION_ID as CASE_ID } from '../test/support/samples.js';
import { createHandler } from './react-to-answers.js';

const setup = async () => {
  const { ledger, cases } = await freshStores();
  const published: Alert[] = [];
  const handler = createHandler({
    ledger,
    publisher: { publish: async (alert) => `sns-${published.push(alert)}` },
    cases,
    clock: clockAt('2026-11-26T10:15:03Z'),
    thresholds: DEFAULT_UNHAPPY_AT_OR_BELOW,
    caseUrl: (caseId) => `https://pulse.example.com/cases/${caseId}`,
  });
  return { handler, cases, published };
};

describe('react-to-answers', () => {
  it('opens a case and publishes one detractor alert for an unhappy answer, however often it is delivered', async () => {
    const { handler, cases, published } = await setup();
    const event = loadEvent('dynamodb-stream/response-insert.json');

    const first = await handler(event, context());
    const redelivered = await handler(structuredClone(event), context());

    expect([first, redelivered]).toEqual([{ batchItemFailures: [] }, { batchItemFailures: [] }]);
    expect(published.map((alert) => alert.attributes.kind)).toEqual(['detractor']);
    expect(published[0]?.message).toContain(`https://pulse.example.com/cases/${CASE_ID}`);
    expect(await cases.get(CASE_ID)).toMatchObject({ status: 'open', score: 3, team: 'billing' });
  });

  it('updates the case and tells its subscribers once when the customer changes their score', async () => {
    const { handler, cases, published } = await setup();
    await handler(loadEvent('dynamodb-stream/response-insert.json'), context());

    await handler(loadEvent('dynamodb-stream/response-score-changed.json'), context());

    expect(published.map((alert) => alert.attributes.kind)).toEqual(['detractor', 'update']);
    expect(await cases.get(CASE_ID)).toMatchObject({ score: 9, answerChanges: 1 });
  });

  it('reports the unreadable record and everything after it, having handled what came before', async () => {
    const { handler, published } = await setup();

    const result = await handler(loadEvent('dynamodb-stream/response-batch-with-poison.json'), context());

    expect(result).toEqual({
      batchItemFailures: [
        { itemIdentifier: '4421584500000000017450439098' },
        { itemIdentifier: '4421584500000000017450439099' },
      ],
    });
    expect(published).toEqual([]);
  });
});
