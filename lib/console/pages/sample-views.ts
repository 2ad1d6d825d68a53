import type { AggregateStore, DayCounts } from '../../aggregates/ports.js';
import { readMetrics, readTrend } from '../../aggregates/read-metrics.js';
import { type Case, caseOf, RESOLUTION_REASONS } from '../../cases/case.js';
import type { CaseView } from '../../cases/cases.js';
import type { Response } from '../../invitations/response.js';
import { SCALES, SURVEYS, type Survey } from '../../surveys/scales.js';
import { addDays, dayOf, WINDOW_DAYS, type Window } from '../../surveys/window.js';
import type { CasePageView, OverviewView, PageContext } from '../views.js';

/*
 * Views as the console's routes build them, from a quarter of a support desk's answers: what the
 * pages' tests render and what a preview or a page-size measure can render. Nothing here runs in a
 * function. The scores come from the real reads (readMetrics, readTrend) over day buckets made up
 * here, so the numbers have the API's shapes and rounding.
 */

/** The instant the samples are read at: a Thursday morning in Shanghai. */
export const SAMPLE_NOW = new Date('2026-11-26T01:30:00Z');

/** A lead of the billing and onboarding teams, in Shanghai, on the overview. */
export const sampleContext = (overrides: Partial<PageContext> = {}): PageContext => ({
  lang: 'en',
  lead: { email: 'mei.chen@example.com', teams: ['billing', 'onboarding'] },
  timeZone: 'Asia/Shanghai',
  csrf: 'k3Jd9-csrf-2f1a',
  path: '/console',
  ...overrides,
});

/** A small deterministic generator (mulberry32), so that every rendering shows the same numbers. */
const randomFrom = (seed: number) => {
  let state = seed >>> 0;
  return (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

/** Each survey's answers a day and the chance of each score, lowest first; the last 30 days improve. */
const SHAPES: Record<Survey, { perDay: number; weights: number[]; better: number[] }> = {
  nps: {
    perDay: 14,
    weights: [3, 1, 2, 2, 3, 4, 6, 9, 12, 20, 26],
    better: [2, 1, 1, 1, 2, 3, 5, 9, 13, 22, 30],
  },
  csat: { perDay: 9, weights: [6, 5, 9, 30, 50], better: [4, 4, 8, 30, 54] },
  // Few CES answers: a week of them is a low sample.
  ces: { perDay: 3, weights: [3, 4, 6, 8, 14, 22, 20], better: [2, 3, 5, 8, 14, 24, 24] },
};

const draw = (random: () => number, weights: number[]): number => {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let pick = random() * total;
  for (const [index, weight] of weights.entries()) {
    pick -= weight;
    if (pick < 0) return index;
  }
  return weights.length - 1;
};

/** 180 days of one survey's day buckets, overall: a day's histogram and invitations sent. */
const daysOf = (survey: Survey): DayCounts[] => {
  const random = randomFrom(SURVEYS.indexOf(survey) + 7);
  const shape = SHAPES[survey];
  const today = dayOf(SAMPLE_NOW);
  return Array.from({ length: 180 }, (_, index) => {
    const day = addDays(today, index - 179);
    const weekend = [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
    const answers = Math.max(0, Math.round(shape.perDay * (weekend ? 0.4 : 1) * (0.6 + random() * 0.8)));
    const histogram = new Array<number>(SCALES[survey].max - SCALES[survey].min + 1).fill(0);
    for (let answer = 0; answer < answers; answer += 1) {
      const score = draw(random, index >= 150 ? shape.better : shape.weights);
      histogram[score] = (histogram[score] ?? 0) + 1;
    }
    return { day, histogram, counts: { sent: Math.round(answers / (0.22 + random() * 0.08)) } };
  });
};

const storeOf = (survey: Survey): AggregateStore => {
  const days = daysOf(survey);
  return {
    range: async (_survey, _segment, from, to) => days.filter(({ day }) => day >= from && day <= to),
    read: async () => new Map(),
    write: async () => false,
    register: async () => undefined,
    values: async () => [],
  };
};

/** Ana's answer, the sample every case below varies. */
const answer = (overrides: Partial<Response>): Response => ({
  invitationId: 'inv-8c1d2e',
  interactionId: 'zd-48213',
  survey: 'nps',
  score: 3,
  comment: 'The wait was awful: 40 minutes on hold, and then the line dropped.',
  suspect: false,
  day: '2026-11-25',
  answeredAt: '2026-11-25T08:15:02.113Z',
  updatedAt: '2026-11-25T08:15:02.113Z',
  team: 'billing',
  agent: 'agent-7',
  channel: 'phone',
  touchpoint: 'support-ticket',
  customerId: 'c-981',
  customerName: 'Ana Souza',
  customerEmail: 'ana@example.com',
  customerPhone: '+1 415 555 0100',
  ...overrides,
});

const aCaseOf = (overrides: Partial<Response>, openedAt: string, moved: Partial<Case> = {}): Case => ({
  ...caseOf(answer(overrides), new Date(openedAt)),
  ...moved,
});

/** The cases waiting on the overview: open and acknowledged, newest first, one escalated past its SLA. */
export const sampleWaitingCases = (): Case[] => [
  aCaseOf(
    {
      invitationId: 'inv-f3a901',
      interactionId: 'zd-48377',
      score: 2,
      comment: '客服态度很好，但是问题到现在还没有解决，已经打了三次电话。',
      agent: 'agent-12',
      channel: 'chat',
      customerName: '王芳',
    },
    '2026-11-26T00:52:10Z',
  ),
  aCaseOf(
    { invitationId: 'inv-77b2c0', interactionId: 'zd-48351', survey: 'csat', score: 1, comment: '' },
    '2026-11-25T22:05:41Z',
  ),
  aCaseOf(
    {
      invitationId: 'inv-0d94ae',
      interactionId: 'zd-48342',
      survey: 'ces',
      score: 3,
      team: 'onboarding',
      agent: undefined,
      touchpoint: 'onboarding-call',
      comment: 'Setting up the account took three calls and two forms that asked the same things.',
    },
    '2026-11-25T16:40:00Z',
    { escalatedAt: '2026-11-25T20:40:00Z' },
  ),
  aCaseOf({}, '2026-11-25T08:15:03Z', {
    status: 'acknowledged',
    acknowledgedAt: '2026-11-25T08:31:00Z',
    acknowledgedBy: 'mei.chen@example.com',
  }),
];

/** The overview of `window` as the route builds it: every survey's tile and trend, and the cases waiting. */
export const sampleOverview = async (window: Window = '30d'): Promise<OverviewView> => ({
  window,
  segment: null,
  tiles: await Promise.all(
    SURVEYS.map(async (survey) => {
      const deps = { aggregates: storeOf(survey), clock: { now: () => SAMPLE_NOW }, minSample: 30 };
      const [metrics, trend] = await Promise.all([
        readMetrics({ survey, window, compare: 'previous' }, deps),
        readTrend({ survey, days: WINDOW_DAYS[window], bucket: window === '90d' ? 'week' : 'day' }, deps),
      ]);
      return { survey, metrics, trend };
    }),
  ),
  cases: { waiting: sampleWaitingCases(), overdueIds: ['inv-0d94ae'], more: false },
});

/**
 * Ana's case as a lead reads it: opened by her NPS 3, changed twice since (a comment, then a score),
 * a change held as suspect, labelled, and still open.
 */
export const sampleCaseView = (overrides: Partial<CaseView> = {}): CaseView => {
  const {
    insight: _insight,
    sentiment: _sentiment,
    topics: _topics,
    ...opened
  } = aCaseOf({ score: 4, comment: 'Waited 40 minutes.' }, '2026-11-25T08:15:03Z');
  return {
    ...opened,
    // Written before cases kept a timeline: the page tells its history from its fields.
    timeline: undefined,
    score: 3,
    comment: 'The wait was awful: 40 minutes on hold, and then the line dropped.\nNobody called back.',
    attributes: { ticketUrl: 'https://helpdesk.example.com/t/48213', plan: 'business' },
    answerChanges: 2,
    answerLog: [
      {
        at: '2026-11-25T08:20:40.000Z',
        score: 4,
        scoreBefore: 4,
        comment: 'The wait was awful: 40 minutes on hold, and then the line dropped.',
        hadComment: true,
        sentIn: '2026-11-25T08:20:40.000Z',
      },
      {
        at: '2026-11-25T09:02:11.000Z',
        score: 3,
        scoreBefore: 4,
        comment: 'The wait was awful: 40 minutes on hold, and then the line dropped.\nNobody called back.',
        hadComment: true,
      },
    ],
    heldChange: {
      score: 0,
      comment: 'worst company ever!!!',
      reasons: ['posted 900 ms after the page loaded'],
      receivedAt: '2026-11-25T09:30:00.000Z',
    },
    insight: 'done',
    sentiment: 'negative',
    topics: ['waiting', 'communication'],
    ...overrides,
  };
};

/** The case page's view of `sampleCaseView`, by a lead of its team. */
export const sampleCasePage = (overrides: Partial<CasePageView> = {}): CasePageView => ({
  case: sampleCaseView(),
  assignees: ['mei.chen@example.com', 'lee.wong@example.com'],
  showContacts: true,
  reasons: RESOLUTION_REASONS,
  ...overrides,
});
