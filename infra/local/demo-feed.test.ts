import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAGE, type DemoSummary, feedDemo, planDemo } from './demo-feed.js';
import { type LocalRuntime, startLocalRuntime } from './runtime.js';

/**
 * `npm run demo`'s feed, on a short story: what it reports is what the public API shows, and the same
 * seed tells the same story twice, on two runtimes.
 */

/**
 * A story that ends at a fixed moment, so that it holds the same people whenever the test runs (the
 * runtime's clock is set back to it); this seed has mail scanners among them.
 */
const STORY = { days: 4, perDay: 12, seed: 2, end: new Date('2025-06-18T19:30:00Z') };
const HAN = /[\u4e00-\u9fff]/;

const runtimes: LocalRuntime[] = [];
let runtime: LocalRuntime;
let summary: DemoSummary;
let again: DemoSummary;

beforeAll(async () => {
  const started = await Promise.all(
    [0, 1].map(() =>
      startLocalRuntime({ port: 0, apiToken: 'demo-test-token', pollIntervalMs: 10, config: DEMO_STAGE }),
    ),
  );
  runtimes.push(...started);
  [runtime] = started as [LocalRuntime];
  [summary, again] = (await Promise.all(started.map((each) => feedDemo(each, STORY)))) as [
    DemoSummary,
    DemoSummary,
  ];
}, 300_000);

afterAll(async () => {
  await Promise.all(runtimes.map((each) => each.stop()));
});

const read = async (path: string) => {
  const response = await fetch(new URL(path, runtime.url), {
    headers: { authorization: `Bearer ${runtime.apiToken}` },
  });
  expect(response.status, path).toBe(200);
  return (await response.json()) as any;
};

describe('feedDemo', () => {
  it('tells the same story for the same seed', () => {
    const counts = ({ ms: _ms, alerts: _alerts, ...rest }: DemoSummary) => rest;
    expect(counts(again)).toEqual(counts(summary));
    expect(summary.refusals).toEqual([]);
    expect(summary.interactions).toBeGreaterThan(30);
  });

  it('answers in English and Chinese, some with comments and some without', async () => {
    const { responses } = await read('/responses?window=7d&limit=100');
    expect(responses).toHaveLength(summary.answers);
    const comments = responses.map((response: any) => response.comment).filter(Boolean) as string[];
    expect(comments.filter((comment) => HAN.test(comment))).toHaveLength(summary.comments.zh);
    expect(comments.filter((comment) => !HAN.test(comment))).toHaveLength(summary.comments.en);
    expect(summary.comments.zh).toBeGreaterThan(0);
    expect(summary.comments.en).toBeGreaterThan(0);
    expect(comments.length).toBeLessThan(responses.length);
    expect(new Set(responses.map((response: any) => response.locale))).toEqual(
      new Set(['en-GB', 'en-US', 'zh-CN']),
    );
  });

  it('holds the answers mail scanners sent as suspect', async () => {
    const { responses } = await read('/responses?window=7d&suspect=true&limit=100');
    expect(summary.suspect).toBeGreaterThan(0);
    expect(responses).toHaveLength(summary.suspect);
  });

  it('leaves cases open, acknowledged and resolved, as the leads worked them', async () => {
    const cases = async (status: string) => (await read(`/cases?status=${status}&limit=100`)).cases as any[];
    const [open, acknowledged, resolved] = await Promise.all(['open', 'acknowledged', 'resolved'].map(cases));
    expect(open?.length).toBeGreaterThan(0);
    expect(acknowledged?.length).toBeGreaterThan(0);
    expect(resolved?.length).toBeGreaterThan(0);
    expect(resolved?.every((each) => each.resolvedBy?.endsWith('@pulse.local'))).toBe(true);
    expect(
      (open?.length ?? 0) + (acknowledged?.length ?? 0) + (resolved?.length ?? 0),
    ).toBeGreaterThanOrEqual(summary.cases.opened);
  });

  it('counts every answer in the scores', async () => {
    const counted = await Promise.all(
      (['nps', 'csat', 'ces'] as const).map(
        async (survey) => (await read(`/metrics?survey=${survey}&window=7d`)).n,
      ),
    );
    expect(counted.reduce((sum: number, n: number) => sum + n, 0)).toBe(summary.answers);
    const { segments } = await read('/metrics/breakdown?survey=nps&window=7d&by=team');
    expect(segments.map((segment: any) => segment.value)).toEqual(
      expect.arrayContaining(['billing', 'delivery']),
    );
  });
});

describe('planDemo', () => {
  const end = new Date('2026-11-26T18:00:00Z');

  it('is a function of its seed', () => {
    const story = planDemo({ days: 30, perDay: 20, seed: 5, end });
    expect(planDemo({ days: 30, perDay: 20, seed: 5, end })).toEqual(story);
    expect(planDemo({ days: 30, perDay: 20, seed: 6, end })).not.toEqual(story);
  });

  it('spreads interactions over teams, surveys, channels and the days, up to the end', () => {
    const story = planDemo({ days: 90, perDay: 25, seed: 1, end });
    expect(story.length).toBeGreaterThan(1500);
    expect(new Set(story.map(({ event }) => event.team))).toEqual(
      new Set(['billing', 'returns', 'onboarding', 'delivery']),
    );
    expect(new Set(story.map(({ event }) => event.survey))).toEqual(new Set(['nps', 'csat', 'ces']));
    expect(new Set(story.map(({ event }) => event.inviteVia))).toEqual(new Set(['email', 'sms']));
    expect(story.every(({ at }, i) => i === 0 || at >= (story[i - 1] as { at: number }).at)).toBe(true);
    expect(Math.max(...story.map(({ at }) => at))).toBeLessThanOrEqual(end.getTime());
    expect(Math.min(...story.map(({ at }) => at))).toBeGreaterThanOrEqual(end.getTime() - 90 * 86_400_000);
  });

  it("lets the delivery team's NPS fall in the last month", () => {
    const story = planDemo({ days: 90, perDay: 25, seed: 1, end });
    const nps = (from: number, to: number) => {
      const scores = story
        .filter(
          ({ at, event }) => event.team === 'delivery' && event.survey === 'nps' && at >= from && at < to,
        )
        .flatMap(({ answer }) => (answer ? [answer.score] : []));
      const share = (test: (score: number) => boolean) => scores.filter(test).length / scores.length;
      return 100 * (share((score) => score >= 9) - share((score) => score <= 6));
    };
    const day = 86_400_000;
    const before = nps(end.getTime() - 90 * day, end.getTime() - 30 * day);
    const lately = nps(end.getTime() - 20 * day, end.getTime());
    expect(before).toBeGreaterThan(DEMO_STAGE.metricAlerts[0]?.recoverAt ?? 0);
    expect(lately).toBeLessThan(DEMO_STAGE.metricAlerts[0]?.below ?? 0);
  });
});
