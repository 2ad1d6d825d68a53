import type { QueryCommandInput, QueryCommandOutput } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { freshTable } from '../../test/support/dynamodb.js';
import { clockAt } from '../../test/support/in-memory.js';
import { aResponse } from '../../test/support/samples.js';
import type { Response } from '../invitations/response.js';
import { ValidationError } from '../platform/errors.js';
import { answerListPartition } from '../platform/table-design.js';
import type { Survey } from '../surveys/scales.js';
import { DynamoDbFeedbackStore } from './dynamodb-feedback-store.js';
import { entryOf, type LearnedOfAnswer } from './entry.js';
import { listResponses } from './list-responses.js';

const NOW = '2026-11-26T12:00:00Z';

/** The `n`th answer: `n` hours before noon of 2026-11-26, so a higher `n` is older (n = 13 is the 25th). */
const answer = (n: number, overrides: Partial<Response> = {}): Response => {
  const answeredAt = new Date(Date.parse(NOW) - n * 3_600_000).toISOString();
  return aResponse({
    invitationId: `inv-${String(n).padStart(4, '0')}`,
    interactionId: `zd-${n}`,
    answeredAt,
    updatedAt: answeredAt,
    day: answeredAt.slice(0, 10),
    ...overrides,
  });
};

/** An answer with what the reactor learned of it: its comment's labels. */
const labelled = (response: Response, learned: LearnedOfAnswer) => ({ response, learned });

/** Answers listed as the reactor lists them, over a fresh table; every query the reader sends is kept. */
const setUp = async (answers: (Response | ReturnType<typeof labelled>)[], now = NOW) => {
  const table = await freshTable();
  const queries: { input: QueryCommandInput; scanned: number }[] = [];
  table.client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === 'QueryCommand') {
        const output = result.output as QueryCommandOutput;
        queries.push({ input: args.input as QueryCommandInput, scanned: output.ScannedCount ?? 0 });
      }
      return result;
    },
    { step: 'initialize', name: 'recordQueries' },
  );
  const feedback = new DynamoDbFeedbackStore(table.client, table.tableName);
  for (const one of answers) {
    const { response, learned } = 'response' in one ? one : { response: one, learned: {} };
    await feedback.keep(response.invitationId, entryOf(response, learned));
  }
  const list = (query: Record<string, string>) => listResponses(query, { feedback, clock: clockAt(now) });
  return { list, queries };
};

/** The fields of each 400 a query gets. */
const refusal = async (listing: Promise<unknown>) => {
  const error = await listing.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues;
};

describe('listResponses', () => {
  it('meets every answer once, newest first, paging through 3 pages across two months', async () => {
    // Prepare: 11 answers, the oldest on 31 October, one held as suspect (left out)
    const answers = Array.from({ length: 11 }, (_, n) => answer(n * 66));
    const { list, queries } = await setUp([
      ...answers,
      answer(5, { suspect: true, invitationId: 'inv-held' }),
    ]);

    // Act
    const first = await list({ survey: 'nps', limit: '4' });
    const second = await list({ survey: 'nps', limit: '4', after: first.next as string });
    const third = await list({ survey: 'nps', limit: '4', after: second.next as string });

    // Assess
    const seen = [first, second, third].flatMap((page) => page.responses.map((r) => r.interactionId));
    expect(seen).toEqual(answers.map((one) => one.interactionId));
    expect([first.responses.length, second.responses.length, third.responses.length]).toEqual([4, 4, 3]);
    expect(third.next).toBeUndefined();
    expect(answers.at(-1)?.answeredAt.slice(0, 7)).toBe('2026-10');
    // Each page reads what it shows, one more to know whether more follow, and the previous page's last
    expect(queries.map((query) => query.scanned)).toEqual([5, 6, 3, 1]);
  });

  it('answers each filter from its own facet with one key condition, never a filter over what it reads', async () => {
    const { list, queries } = await setUp([
      answer(1, { team: 'billing', score: 2, comment: 'slow' }),
      answer(2, { team: 'billing', score: 9, comment: 'quick' }),
      answer(3, { team: 'onboarding', score: 1, comment: '' }),
      answer(4, { team: 'billing', score: 0, comment: '' }),
    ]);
    const asked: [Record<string, string>, string, string[]][] = [
      [{}, 'all', ['zd-1', 'zd-2', 'zd-3', 'zd-4']],
      [{ category: 'detractor' }, 'category=detractor', ['zd-1', 'zd-3', 'zd-4']],
      [{ team: 'billing' }, 'team=billing', ['zd-1', 'zd-2', 'zd-4']],
      [{ team: 'billing', category: 'detractor' }, 'team=billing&category=detractor', ['zd-1', 'zd-4']],
      [{ hasComment: 'true' }, 'hasComment=true', ['zd-1', 'zd-2']],
      [
        { team: 'billing', category: 'detractor', hasComment: 'true' },
        'team=billing&category=detractor&hasComment=true',
        ['zd-1'],
      ],
    ];

    for (const [filter, facet, listed] of asked) {
      queries.length = 0;
      const page = await list({ survey: 'nps', window: '7d', ...filter });

      expect(page.responses.map((r) => r.interactionId)).toEqual(listed);
      expect(queries.map(({ input }) => input.FilterExpression)).toEqual([undefined]);
      expect(queries.map(({ input }) => input.ExpressionAttributeValues?.[':pk']?.S)).toEqual([
        answerListPartition('nps', '2026-11', facet),
      ]);
    }
  });

  it('answers a sentiment or a topic from its own facet, hasComment=true beside them adding nothing', async () => {
    const { list, queries } = await setUp([
      labelled(answer(1, { team: 'billing', score: 2, comment: 'slow' }), {
        sentiment: 'negative',
        topics: ['waiting'],
      }),
      labelled(answer(2, { team: 'billing', score: 9, comment: 'quick' }), {
        sentiment: 'positive',
        topics: ['staff', 'waiting'],
      }),
      labelled(answer(3, { team: 'onboarding', score: 1, comment: 'dear' }), {
        sentiment: 'negative',
        topics: ['price'],
      }),
      // Labels kept from a comment since removed: under none of them
      labelled(answer(4, { team: 'billing', score: 0, comment: '' }), {
        sentiment: 'negative',
        topics: ['waiting'],
      }),
      answer(5, { team: 'billing', score: 1, comment: 'not analysed yet' }),
    ]);
    const asked: [Record<string, string>, string, string[]][] = [
      [{ sentiment: 'negative' }, 'sentiment=negative', ['zd-1', 'zd-3']],
      [{ sentiment: 'negative', hasComment: 'true' }, 'sentiment=negative', ['zd-1', 'zd-3']],
      [{ topic: 'waiting' }, 'topic=waiting', ['zd-1', 'zd-2']],
      [{ topic: 'waiting', hasComment: 'true' }, 'topic=waiting', ['zd-1', 'zd-2']],
      [
        { team: 'billing', category: 'detractor', topic: 'waiting' },
        'team=billing&category=detractor&topic=waiting',
        ['zd-1'],
      ],
      [
        { category: 'detractor', sentiment: 'negative' },
        'category=detractor&sentiment=negative',
        ['zd-1', 'zd-3'],
      ],
      [{ topic: 'no-such-topic' }, 'topic=no-such-topic', []],
    ];

    for (const [filter, facet, listed] of asked) {
      queries.length = 0;
      const page = await list({ survey: 'nps', window: '7d', ...filter });

      expect(page.responses.map((r) => r.interactionId)).toEqual(listed);
      expect(queries.map(({ input }) => input.ExpressionAttributeValues?.[':pk']?.S)).toEqual([
        answerListPartition('nps', '2026-11', facet),
      ]);
    }
  });

  it("reads a topic asked with a sentiment from the topic's facet, paging through the sentiment's answers", async () => {
    // Prepare: 7 answers about waiting, every other one positive, and a positive one about price
    const waiting = Array.from({ length: 7 }, (_, n) =>
      labelled(answer(n + 1, { score: 9 }), {
        sentiment: n % 2 === 0 ? 'positive' : 'negative',
        topics: ['waiting'],
      }),
    );
    const { list, queries } = await setUp([
      ...waiting,
      labelled(answer(20, { score: 9 }), { sentiment: 'positive', topics: ['price'] }),
    ]);
    const query = { survey: 'nps', topic: 'waiting', sentiment: 'positive', limit: '2' };

    // Act
    const first = await list(query);
    const second = await list({ ...query, after: first.next as string });

    // Assess
    expect([...first.responses, ...second.responses].map((r) => r.interactionId)).toEqual([
      'zd-1',
      'zd-3',
      'zd-5',
      'zd-7',
    ]);
    expect(second.next).toBeUndefined();
    expect(new Set(queries.map(({ input }) => input.ExpressionAttributeValues?.[':pk']?.S))).toEqual(
      new Set([
        answerListPartition('nps', '2026-11', 'topic=waiting'),
        answerListPartition('nps', '2026-10', 'topic=waiting'),
      ]),
    );
  });

  it('merges the three surveys newest first when none is named, paging across them', async () => {
    const surveys: [Survey, number][] = [
      ['nps', 3],
      ['csat', 2],
      ['ces', 6],
    ];
    const answers = Array.from({ length: 9 }, (_, n) => {
      const [survey, score] = surveys[n % 3] as [Survey, number];
      return answer(n, { survey, score });
    });
    const { list } = await setUp(answers);

    const first = await list({ limit: '5' });
    const second = await list({ limit: '5', after: first.next as string });

    expect([...first.responses, ...second.responses].map((r) => [r.interactionId, r.category])).toEqual(
      answers.map((one, n) => [one.interactionId, ['detractor', 'unsatisfied', 'easy'][n % 3]]),
    );
    expect(second.next).toBeUndefined();
  });

  it('lists only what was first answered within the days asked for', async () => {
    const { list } = await setUp([
      answer(0, { interactionId: 'today' }),
      answer(36, { interactionId: 'yesterday' }),
      answer(24 * 30, { interactionId: 'thirty-days-ago' }),
      answer(24 * 7 + 1, { interactionId: 'eight-days-ago' }),
    ]);

    const week = await list({ window: '7d' });
    const days = await list({ from: '2026-10-27', to: '2026-11-19' });
    const defaulted = await list({});

    expect(week.responses.map((r) => r.interactionId)).toEqual(['today', 'yesterday']);
    expect(days.responses.map((r) => r.interactionId)).toEqual(['eight-days-ago', 'thirty-days-ago']);
    expect(defaulted.responses.map((r) => r.interactionId)).toEqual(['today', 'yesterday', 'eight-days-ago']);
  });

  it('lists only the suspect answers for suspect=true, narrowed by the other filters', async () => {
    const { list } = await setUp([
      answer(1, { suspect: true, team: 'billing' }),
      answer(2, { suspect: true, team: 'onboarding' }),
      answer(3, { team: 'billing' }),
    ]);

    const held = await list({ suspect: 'true' });
    const heldInBilling = await list({
      suspect: 'true',
      team: 'billing',
      survey: 'nps',
      category: 'detractor',
    });

    expect(held.responses.map((r) => [r.interactionId, r.suspect])).toEqual([
      ['zd-1', true],
      ['zd-2', true],
    ]);
    expect(heldInBilling.responses.map((r) => r.interactionId)).toEqual(['zd-1']);
  });

  it('refuses the cursor of another query, and one that is not a cursor, naming after', async () => {
    const { list } = await setUp(
      [1, 2, 3].map((n) => labelled(answer(n), { sentiment: 'negative', topics: ['waiting'] })),
    );
    const page = await list({ survey: 'nps', limit: '1' });

    const other = await refusal(
      list({ survey: 'nps', team: 'billing', limit: '1', after: page.next as string }),
    );
    const negative = await list({ survey: 'nps', sentiment: 'negative', limit: '1' });
    const otherSentiment = await refusal(
      list({ survey: 'nps', sentiment: 'positive', limit: '1', after: negative.next as string }),
    );
    const otherTopic = await refusal(
      list({ survey: 'nps', topic: 'waiting', limit: '1', after: page.next as string }),
    );
    const forged = await refusal(list({ survey: 'nps', after: 'bm90IGEgY3Vyc29y' }));
    const garbage = await refusal(list({ survey: 'nps', after: '%%%' }));

    expect(page.next).toMatch(/^[\w-]+$/);
    expect(negative.next).toMatch(/^[\w-]+$/);
    expect(other).toEqual([{ field: 'after', message: expect.stringContaining('another query') }]);
    expect(otherSentiment).toEqual(other);
    expect(otherTopic).toEqual(other);
    expect(forged).toEqual([
      { field: 'after', message: 'must be the next of a previous page of this query' },
    ]);
    expect(garbage.map((issue) => issue.field)).toEqual(['after']);
  });

  it.each([
    [{ from: '2026-11-20', to: '2026-11-10' }, 'from', 'must not be after to (2026-11-10)'],
    [
      { from: '2025-10-01', to: '2026-11-05' },
      'from',
      'the range from 2025-10-01 to 2026-11-05 is longer than 400 days',
    ],
    [{ window: '7d', from: '2026-11-01' }, 'window', 'give a window or from and to, not both'],
    [{ category: 'detractor' }, 'category', 'needs a survey, whose scale names the categories'],
    [{ survey: 'csat', category: 'detractor' }, 'category', 'must be one of unsatisfied, neutral, satisfied'],
    [
      { team: 'billing', agent: 'agent-7' },
      'team',
      'filter by at most one of team, agent, channel, touchpoint',
    ],
    [{ hasComment: 'false' }, 'hasComment', 'must be true, or left out'],
    [{ limit: '101' }, 'limit', 'must be a whole number from 1 to 100'],
    [{ limit: 'ten' }, 'limit', 'must be a whole number from 1 to 100'],
    [{ sentiment: 'angry' }, 'sentiment', 'must be one of positive, neutral, negative, mixed'],
    [{ topic: 'Waiting' }, 'topic', 'must be a topic id (lowercase letters, digits and dashes)'],
    [{ sort: 'oldest' }, 'sort', 'is not a known parameter'],
  ])('refuses %j, naming %s', async (query, field, message) => {
    const { list } = await setUp([]);

    const issues = await refusal(list(query));

    expect(issues).toContainEqual({ field, message });
  });

  it('takes a range of exactly 400 days, and from alone up to today', async () => {
    const { list } = await setUp([answer(1)]);

    const longest = await list({ from: '2025-10-23', to: '2026-11-26' });
    const fromAlone = await list({ from: '2026-11-26' });

    expect(longest.responses).toHaveLength(1);
    expect(fromAlone.responses).toHaveLength(1);
  });
});
