import { describe, expect, it } from 'vitest';
import { aCase } from '../../../test/support/samples.js';
import type { OverviewView } from '../views.js';
import { overviewPage } from './overview-page.js';
import { elementWith, startTags, tagsWith, textOf } from './page-reading.test-support.js';
import { sampleContext, sampleOverview, sampleWaitingCases } from './sample-views.js';

const tileOf = (view: OverviewView, survey: string) => {
  const tile = view.tiles.find((each) => each.survey === survey);
  if (!tile) throw new Error(`no ${survey} tile`);
  return tile;
};

describe('the overview', () => {
  it('shows a tile per survey carrying exactly its survey, window, score as the API gives it, and n', async () => {
    const view = await sampleOverview('30d');

    const page = overviewPage(sampleContext(), view);

    const tiles = tagsWith(page, 'data-score');
    expect(tiles.map((tile) => tile.attributes['data-survey'])).toEqual(['nps', 'csat', 'ces']);
    for (const tile of tiles) {
      const { metrics } = tileOf(view, tile.attributes['data-survey'] as string);
      expect(Object.keys(tile.attributes).filter((name) => name.startsWith('data-'))).toEqual([
        'data-survey',
        'data-window',
        'data-score',
        'data-n',
      ]);
      expect(tile.attributes).toMatchObject({
        'data-window': '30d',
        'data-score': String(metrics.score),
        'data-n': String(metrics.n),
      });
    }
  });

  it('leaves data-score empty for a survey without answers, and says so', async () => {
    const view = await sampleOverview('7d');
    const ces = tileOf(view, 'ces');
    ces.metrics = { ...ces.metrics, n: 0, score: null, marginOfError: null, lowSample: true, change: null };

    const page = overviewPage(sampleContext(), view);

    expect(tagsWith(page, 'data-survey', 'ces')[0]?.attributes).toMatchObject({
      'data-score': '',
      'data-n': '0',
    });
    const tile = elementWith(page, 'data-survey="ces"');
    expect(textOf(tile)).toContain('No answers yet');
    expect(textOf(tile)).toContain('Nothing to compare with');
  });

  it('puts data-score beside data-survey on the score tiles alone', async () => {
    const page = overviewPage(sampleContext(), await sampleOverview('90d'));

    const both = startTags(page).filter(
      (tag) => 'data-score' in tag.attributes || 'data-survey' in tag.attributes,
    );

    expect(both).toHaveLength(3);
    expect(both.every((tag) => tag.name === 'article' && 'data-score' in tag.attributes)).toBe(true);
  });

  it('shows the score, n, margin, change and its significance, sent and response rate of a tile', async () => {
    const view = await sampleOverview('30d');
    const nps = tileOf(view, 'nps');
    nps.metrics = {
      ...nps.metrics,
      score: 40.2,
      n: 1341,
      marginOfError: 8.2,
      sent: 5373,
      responseRate: 24.9,
      lowSample: false,
      change: { score: 19.7, significant: true },
    };
    const csat = tileOf(view, 'csat');
    csat.metrics = { ...csat.metrics, change: { score: -3, significant: false } };

    const page = overviewPage(sampleContext(), view);

    const npsText = textOf(elementWith(page, 'data-survey="nps"'));
    expect(npsText).toContain('40.2');
    expect(npsText).toContain('Margin of error (95%) ±8.2');
    expect(npsText).toContain('+19.7 vs previous period');
    expect(npsText).toContain('Significant');
    expect(npsText).toContain('Responses 1,341');
    expect(npsText).toContain('Sent 5,373');
    expect(npsText).toContain('Response rate 24.9%');
    expect(npsText).not.toContain('Low sample');
    const csatText = textOf(elementWith(page, 'data-survey="csat"'));
    expect(csatText).toContain('−3.0 vs previous period');
    expect(csatText).toContain('Not significant');
  });

  it('marks a low sample', async () => {
    const view = await sampleOverview('7d');
    tileOf(view, 'ces').metrics.lowSample = true;
    tileOf(view, 'nps').metrics.lowSample = false;

    const page = overviewPage(sampleContext(), view);

    expect(textOf(elementWith(page, 'data-survey="ces"'))).toContain('Low sample');
    expect(textOf(elementWith(page, 'data-survey="nps"'))).not.toContain('Low sample');
  });

  it('links each window from the page it is on, the current one marked', async () => {
    const page = overviewPage(
      sampleContext({ path: '/console?window=7d&team=billing' }),
      await sampleOverview('7d'),
    );

    const windows = elementWith(page, 'class="switch"');
    expect(
      tagsWith(windows, 'href').map((link) => [link.attributes.href, 'aria-current' in link.attributes]),
    ).toEqual([
      ['/console?window=7d&team=billing', true],
      ['/console?window=30d&team=billing', false],
      ['/console?window=90d&team=billing', false],
    ]);
  });

  it('draws each trend as an image with a name, and gives every point of it in a table', async () => {
    const view = await sampleOverview('90d');
    const { trend } = tileOf(view, 'nps');

    const tile = elementWith(overviewPage(sampleContext(), view), 'data-survey="nps"');

    const chart = tagsWith(tile, 'role', 'img')[0];
    expect(chart?.name).toBe('svg');
    expect(chart?.attributes['aria-label']).toMatch(/^NPS per week, Aug 29 to Nov 26\. Latest: /);
    expect(tagsWith(tile, 'aria-hidden', 'true').some((tag) => tag.name === 'g')).toBe(true);
    const rows = [...elementWith(tile, '<tbody>').matchAll(/<tr>.*?<\/tr>/g)].map(([row]) => textOf(row));
    expect(rows).toHaveLength(trend.points.length);
    const last = trend.points.at(-1);
    expect(rows.at(-1)).toBe(`Nov 23 – Nov 26 ${last?.score} ±${last?.marginOfError} ${last?.n}`);
  });

  it('lists the cases waiting, each linked to its page, with the counts waiting and past their SLA', async () => {
    const view = await sampleOverview('30d');

    const page = overviewPage(sampleContext(), view);

    const cases = elementWith(page, 'aria-labelledby="cases-waiting"');
    const rows = tagsWith(cases, 'data-case-id');
    expect(rows.map((row) => row.attributes['data-case-id'])).toEqual(
      sampleWaitingCases().map((c) => c.caseId),
    );
    expect(tagsWith(cases, 'href').map((link) => link.attributes.href)).toEqual([
      ...sampleWaitingCases().map((c) => `/console/cases/${c.caseId}`),
      '/console/cases',
    ]);
    expect(textOf(cases)).toContain('4 waiting 1 past their SLA');
    const escalated = textOf(elementWith(cases, 'data-case-id="inv-0d94ae"'));
    expect(escalated).toContain('CES 3 · Difficult zd-48342');
    expect(escalated).toContain('Past SLA');
    expect(escalated).toContain('Team onboarding Agent — Opened Nov 26, 2026, 12:40 AM');
    const acknowledged = textOf(elementWith(cases, `data-case-id="${view.cases.waiting[3]?.caseId}"`));
    expect(acknowledged).toContain('Status: Acknowledged');
    expect(acknowledged).not.toContain('Past SLA');
  });

  it('shows the opening time on the lead’s clock', async () => {
    const view = await sampleOverview('30d');
    view.cases.waiting = [aCase({ openedAt: '2026-11-26T10:15:03Z' })];

    const newYork = overviewPage(sampleContext({ timeZone: 'America/New_York' }), view);
    const shanghai = overviewPage(sampleContext({ timeZone: 'Asia/Shanghai' }), view);

    expect(textOf(newYork)).toContain('Opened Nov 26, 2026, 5:15 AM');
    expect(textOf(shanghai)).toContain('Opened Nov 26, 2026, 6:15 PM');
    expect(textOf(shanghai)).toContain('Times are in Asia/Shanghai.');
  });

  it('shows markup in a comment or a team name as text', async () => {
    const view = await sampleOverview('30d');
    view.cases.waiting = [
      aCase({ comment: '<script>alert(1)</script> slow', team: '<img src=x onerror=alert(2)>' }),
    ];

    const page = overviewPage(sampleContext(), view);

    expect(page).not.toContain('<script>');
    expect(page).not.toContain('<img');
    expect(textOf(page)).toContain('“<script>alert(1)</script> slow”');
    expect(textOf(page)).toContain('Team <img src=x onerror=alert(2)>');
  });

  it('says so when no case waits, and tells there are more than the page shows', async () => {
    const empty = await sampleOverview('30d');
    empty.cases = { waiting: [], overdueIds: [], more: false };
    const full = await sampleOverview('30d');
    full.cases.more = true;

    expect(textOf(overviewPage(sampleContext(), empty))).toContain('No case is waiting.');
    expect(textOf(overviewPage(sampleContext(), full))).toContain('4+ waiting');
  });

  it('speaks Chinese to a Chinese-speaking lead', async () => {
    const page = overviewPage(sampleContext({ lang: 'zh-CN' }), await sampleOverview('30d'));

    expect(page).toContain('<html lang="zh-CN">');
    const text = textOf(page);
    for (const word of [
      '概览',
      '净推荐值 (NPS)',
      '客户满意度 (CSAT)',
      '客户费力度 (CES)',
      '回答数',
      '较上一周期',
    ]) {
      expect(text).toContain(word);
    }
    expect(text).toContain('创建时间 2026年11月26日 08:52');
    expect(text).toContain('NPS 2 · 贬损者');
    expect(text).toContain('4 个待处理');
    expect(text).not.toContain('Overview');
  });

  it('stays well under 100 KB with a full page of cases', async () => {
    const view = await sampleOverview('30d');
    view.cases.waiting = Array.from({ length: 50 }, (_, i) =>
      aCase({ invitationId: `inv-${i}`, comment: 'The wait was awful and nobody called back. '.repeat(8) }),
    );

    const page = overviewPage(sampleContext(), view);

    expect(Buffer.byteLength(page)).toBeLessThan(70_000);
  });
});
