import { DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { ensureTable, LOCAL_AWS } from '../infra/local/dynamodb-local.js';
import {
  DynamoDbFeedbackStore,
  listedItemOf,
  writeInBatches,
} from '../lib/feedback/dynamodb-feedback-store.js';
import { entryOf } from '../lib/feedback/entry.js';
import { facetOf } from '../lib/feedback/facets.js';
import { listResponses } from '../lib/feedback/list-responses.js';
import type { Response } from '../lib/invitations/response.js';
import { categorize } from '../lib/surveys/scales.js';
import { meterCapacity } from './consumed-capacity.js';

const NOW = new Date('2026-11-26T12:00:00Z');
const THIRTY_DAYS_MS = 30 * 86_400_000;
/** The page measured: one of 5 teams' detractors, 50 to a page, over the default 30 days. */
const PAGE = { survey: 'nps', team: 'team-2', category: 'detractor', limit: '50' };
const BATCH = 25;
/** Batches in flight at once. */
const WRITERS = 16;

/**
 * The `i`th of `count` NPS answers, spread evenly over the 30 days before NOW, over 5 teams. Every
 * field has the same length whatever `i` (ids padded, one comment), so a page's size, and its read
 * units, depend on how many entries it holds, not on which.
 */
const answerOf = (i: number, count: number): Response => {
  const answeredAt = new Date(NOW.getTime() - Math.floor((i * THIRTY_DAYS_MS) / count)).toISOString();
  return {
    invitationId: `inv-${String(i).padStart(7, '0')}`,
    interactionId: `zd-${String(i).padStart(7, '0')}`,
    survey: 'nps',
    score: (i * 7) % 11,
    comment: 'The agent was helpful but the wait was long.',
    suspect: false,
    day: answeredAt.slice(0, 10),
    answeredAt,
    updatedAt: answeredAt,
    team: `team-${i % 5}`,
    channel: `channel-${i % 4}`,
    touchpoint: `touchpoint-${i % 3}`,
    agent: `agent-${String(i % 20).padStart(2, '0')}`,
    customerId: `c-${i}`,
  };
};

/**
 * Stores `count` answers in the listing. Each answer is written once, in the facet of its own team and
 * category (`team=team-k&category=…`): the facet a filtered page like the measured one reads. A page
 * is one Query per month of one facet's partition, which never reads another partition, so the other
 * 19 copies of each answer (in other partitions) cannot change what it reads; they are left out to
 * keep 100,000 answers to 100,000 items. Batches of 25 are written by WRITERS at once.
 */
const storeAnswers = async (client: DynamoDBClient, tableName: string, count: number) => {
  let next = 0;
  const batchFrom = (start: number): WriteRequest[] =>
    Array.from({ length: Math.min(BATCH, count - start) }, (_, k) => {
      const entry = entryOf(answerOf(start + k, count));
      const segment = { dimension: 'team' as const, value: entry.team };
      const { facet } = facetOf({ segment, category: entry.category });
      return {
        PutRequest: { Item: listedItemOf(`inv-${String(start + k).padStart(7, '0')}`, entry, facet) },
      };
    });
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < count) {
        const batch = batchFrom(next);
        next += batch.length;
        await writeInBatches(client, tableName, batch);
      }
    }),
  );
};

export interface ResponsesFigures {
  rruPerPage10k: number;
  rruPerPage100k: number;
}

/**
 * Read units (`ReturnConsumedCapacity`, DynamoDB Local) to serve one page of 50 answers of
 * `GET /responses` filtered by team and category, with 10,000 and 100,000 answers stored.
 */
export const measureResponsesPage = async (
  endpoint: string,
  log: (m: string) => void = () => {},
): Promise<ResponsesFigures> => {
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint });
  const meter = meterCapacity(client);
  const units: number[] = [];
  try {
    for (const count of [10_000, 100_000]) {
      const t0 = Date.now();
      const tableName = `bench-responses-${count}-${Date.now()}`;
      // Without the stream: a Query reads the same either way, and storing 100,000 items takes half the time.
      await ensureTable(client, tableName, { stream: false });
      await storeAnswers(client, tableName, count);
      const stored = Date.now();
      meter.reset();
      const page = await listResponses(PAGE, {
        feedback: new DynamoDbFeedbackStore(client, tableName),
        clock: { now: () => NOW },
      });
      const detractors = page.responses.filter(
        (r) => r.team === 'team-2' && categorize('nps', r.score) === 'detractor',
      );
      if (detractors.length !== 50 || page.next === undefined) {
        throw new Error(`a page of ${count} answers held ${detractors.length} of the team's detractors`);
      }
      units.push(meter.readUnits);
      log(`${count}: stored in ${stored - t0} ms, a page read ${meter.readUnits} read units`);
    }
  } finally {
    client.destroy();
  }
  return { rruPerPage10k: units[0] as number, rruPerPage100k: units[1] as number };
};
