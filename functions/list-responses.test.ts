import { describe, expect, it } from 'vitest';
import { entryOf, type LearnedOfAnswer } from '../lib/feedback/entry.js';
import type { Response } from '../lib/invitations/response.js';
import { freshStores, httpCaller, httpEvent } from '../test/support/handlers.js';
import { clockAt } from '../test/support/in-memory.js';
import { aResponse } from '../test/support/samples.js';
import { createHandler } from './list-responses.js';

const CHINESE = '等了四十分钟才有人接电话，问题还是没解决。';

/** Ana's detractor answer in billing, and others, listed as the reactor lists them, with their labels. */
const setup = async (
  answers: Response[] = [aResponse({ comment: CHINESE, locale: 'zh-CN' })],
  labels: Record<string, LearnedOfAnswer> = {},
) => {
  const { feedback } = await freshStores();
  for (const answer of answers) {
    await feedback.keep(
      answer.invitationId,
      entryOf(answer, { caseId: answer.invitationId, ...labels[answer.invitationId] }),
    );
  }
  return httpCaller(createHandler({ feedback, clock: clockAt('2026-11-26T12:00:00Z') }));
};

/** The fixture's request with exactly these query parameters. */
const listing = (query: Record<string, string>) => {
  const event = httpEvent('list-responses');
  event.queryStringParameters = query;
  event.rawQueryString = new URLSearchParams(query).toString();
  return event;
};

/** The `n`th of many detractors in billing, `n` minutes before noon. */
const detractor = (n: number) =>
  aResponse({
    invitationId: `inv-${n}`,
    interactionId: `zd-${n}`,
    answeredAt: new Date(Date.parse('2026-11-26T12:00:00Z') - n * 60_000).toISOString(),
  });

describe('list-responses', () => {
  it("answers the team's detractors newest first, Chinese comments as they were written", async () => {
    const call = await setup();

    const result = await call(httpEvent('list-responses'));

    expect(result.statusCode).toBe(200);
    expect(result.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Object.keys(JSON.parse(result.body).responses[0])).toEqual([
      'interactionId',
      'survey',
      'score',
      'category',
      'comment',
      'answeredAt',
      'updatedAt',
      'team',
      'channel',
      'touchpoint',
      'locale',
      'suspect',
      'caseId',
    ]);
    expect(JSON.parse(result.body)).toEqual({
      responses: [
        {
          interactionId: 'zd-48213',
          survey: 'nps',
          score: 3,
          category: 'detractor',
          comment: CHINESE,
          answeredAt: '2026-11-26T10:15:02.113Z',
          updatedAt: '2026-11-26T10:15:02.113Z',
          team: 'billing',
          channel: 'phone',
          touchpoint: 'support-ticket',
          locale: 'zh-CN',
          suspect: false,
          caseId: aResponse().invitationId,
        },
      ],
    });
  });

  it('answers the same rows as CSV with a byte-order mark, the next page in a Link header', async () => {
    const call = await setup([detractor(1), detractor(2), aResponse({ comment: CHINESE })]);
    const event = listing({ survey: 'nps', team: 'billing', format: 'csv', limit: '2' });

    const first = await call(event);
    const link = /^<(https:\/\/[^>]+)>; rel="next"$/.exec(first.headers.link ?? '')?.[1] ?? '';
    const next = new URL(link);
    const second = await call(listing(Object.fromEntries(next.searchParams)));

    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(first.body.startsWith('\uFEFFinteractionId,survey,score,category,comment,')).toBe(true);
    expect(
      first.body
        .split('\r\n')
        .slice(1, 3)
        .map((row) => row.split(',')[0]),
    ).toEqual(['zd-1', 'zd-2']);
    expect(`${next.origin}${next.pathname}`).toBe(
      'https://abc123def4.execute-api.us-east-1.amazonaws.com/responses',
    );
    expect(Object.fromEntries(next.searchParams)).toMatchObject({
      survey: 'nps',
      team: 'billing',
      format: 'csv',
    });
    expect(second.body.split('\r\n')[1]).toContain(`,${CHINESE},`);
    expect(Buffer.from(second.body, 'utf8').toString('utf8')).toContain(CHINESE);
    expect(second.headers.link).toBeUndefined();
  });

  it.each([
    [{ survey: 'nps', window: '1y' }, 'window'],
    [{ survey: 'nps', from: '2026-11-20', to: '2026-11-01' }, 'from'],
    [{ survey: 'nps', from: '2025-01-01', to: '2026-11-26' }, 'from'],
    [{ category: 'promoter' }, 'category'],
    [{ survey: 'ces', category: 'promoter' }, 'category'],
    [{ survey: 'nps', suspect: 'yes' }, 'suspect'],
    [{ survey: 'nps', sentiment: 'angry' }, 'sentiment'],
    [{ survey: 'nps', topic: 'Waiting!' }, 'topic'],
    [{ survey: 'nps', after: 'not-a-cursor' }, 'after'],
    [{ survey: 'nps', format: 'xlsx' }, 'format'],
    [{ survey: 'nps', teams: 'billing' }, 'teams'],
  ])('answers 400 to %j, naming %s', async (query, field) => {
    const call = await setup([]);

    const result = await call(listing(query));

    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).fields.map((issue: { field: string }) => issue.field)).toEqual([field]);
  });

  it('answers the answers whose comment has a sentiment and a topic', async () => {
    const call = await setup([detractor(1), detractor(2), detractor(3)], {
      'inv-1': { sentiment: 'negative', topics: ['waiting'] },
      'inv-2': { sentiment: 'mixed', topics: ['waiting', 'staff'] },
      'inv-3': { sentiment: 'negative', topics: ['price'] },
    });

    const result = await call(listing({ survey: 'nps', sentiment: 'negative', topic: 'waiting' }));

    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body).responses).toEqual([
      expect.objectContaining({ interactionId: 'zd-1', sentiment: 'negative', topics: ['waiting'] }),
    ]);
  });

  it("refuses the next of another query's page", async () => {
    const call = await setup([detractor(1), detractor(2)]);
    const page = JSON.parse((await call(listing({ survey: 'nps', limit: '1' }))).body);

    const result = await call(
      listing({ survey: 'nps', category: 'detractor', limit: '1', after: page.next }),
    );

    expect(page.next).toEqual(expect.any(String));
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).fields).toEqual([
      { field: 'after', message: 'is the next of a page of another query: ask again without it' },
    ]);
  });

  it("lists a lead kept to one team that team's answers, and refuses (403) another team's and an agent's", async () => {
    const call = await setup([
      detractor(1),
      aResponse({ invitationId: 'inv-returns', interactionId: 'zd-returns', team: 'returns' }),
    ]);
    const asked = (query: Record<string, string>) => {
      const event = httpEvent('list-responses', { lead: 'billing.lead@example.com', teams: ['billing'] });
      event.queryStringParameters = query;
      event.rawQueryString = new URLSearchParams(query).toString();
      return event;
    };

    const own = await call(asked({ survey: 'nps' }));
    const other = await call(asked({ survey: 'nps', team: 'returns' }));
    const agent = await call(asked({ survey: 'nps', agent: 'agent-7' }));

    expect(own.statusCode).toBe(200);
    expect(JSON.parse(own.body).responses.map((entry: { team: string }) => entry.team)).toEqual(['billing']);
    expect(other.statusCode).toBe(403);
    expect(JSON.parse(other.body)).toMatchObject({ field: 'team' });
    expect(agent.statusCode).toBe(403);
    expect(JSON.parse(agent.body)).toMatchObject({ field: 'agent' });
  });

  it("lists every team's answers for a lead of every team who names none", async () => {
    const call = await setup([
      detractor(1),
      aResponse({ invitationId: 'inv-returns', interactionId: 'zd-returns', team: 'returns' }),
    ]);

    const result = await call(listing({ survey: 'nps' }));

    expect(
      JSON.parse(result.body)
        .responses.map((entry: { team: string }) => entry.team)
        .sort(),
    ).toEqual(['billing', 'returns']);
  });
});
