import { scriptProofOf } from '../../lib/answers/web/answer-signals.js';
import { FUNCTIONS } from '../wiring.js';
import {
  CHANGED_MIND,
  COMMENTS,
  EN_FIRST,
  EN_LAST,
  type Language,
  MIXED,
  NEUTRAL,
  RECOVERY_COMMENTS,
  REOPEN_NOTES,
  RESOLUTION_NOTES,
  type ResolutionReason,
  SMS_AFTERTHOUGHTS,
  THANKS,
  type Topic,
  US_AREA_CODES,
  WORKING_NOTES,
  ZH_FAMILY,
  ZH_GIVEN,
} from './demo-texts.js';
import type { LocalRuntime, LocalRuntimeOptions } from './runtime.js';

/*
 * `npm run demo`'s data: weeks of a support organisation's life fed to a running local runtime through
 * its public routes, as integrators, customers and leads would: interactions posted, invitations read
 * from the outbox and answered on the survey page or by SMS, cases acknowledged, noted and resolved.
 * Everything is drawn from a seeded generator, so that a seed gives the same story every time.
 */

/** The leads of the demo stage: one for every team, and one kept to billing who works from Shanghai. */
export const DEMO_LEADS = [
  'lead@pulse.local',
  { email: 'billing-lead@pulse.local', teams: ['billing'], timeZone: 'Asia/Shanghai' },
];

/**
 * The demo stage's settings: its leads, a rule on the delivery team's NPS (which falls below it in the
 * last month, as a new courier lets customers down), a rule on the overall CSAT (which holds), and the
 * recovery survey after a call back.
 */
export const DEMO_STAGE = {
  leads: DEMO_LEADS,
  metricAlerts: [
    { survey: 'nps', team: 'delivery', window: '30d', below: 10, recoverAt: 20 },
    { survey: 'csat', window: '30d', below: 50, recoverAt: 55 },
  ],
  recoverySurvey: {},
  // As a stage would: a quarter of an hour after the interaction, never at night in the customer's zone.
  contactPolicy: { delaySeconds: 900, quietHours: { start: '21:00', end: '08:00' } },
} satisfies NonNullable<LocalRuntimeOptions['config']>;

export interface DemoOptions {
  /** Days of history, today included. Default 90. */
  days?: number;
  /** Interactions on an ordinary weekday (fewer at weekends). Default 25. */
  perDay?: number;
  /** Default 1. */
  seed?: number;
  /** The last moment of the story; default: the runtime's clock when the feed starts. */
  end?: Date;
  /** Told after each day of the story is fed. */
  onDay?: (day: number, days: number) => void;
}

export interface DemoSummary {
  days: number;
  interactions: number;
  /** Invitations the runtime scheduled, and those it skipped (a customer asked recently, unsubscribed, …). */
  scheduled: number;
  skipped: number;
  /** Emails sent: invitations, recovery surveys included. */
  emails: number;
  /** Texts sent: invitations, and the answers to customers' texts (thanks, re-prompts). */
  sms: number;
  /** Answers given, on the survey page and by SMS, including the recovery surveys'. */
  answers: number;
  smsAnswers: number;
  comments: { en: number; zh: number };
  /** Answers a mail scanner sent, which the runtime holds as suspect. */
  suspect: number;
  changedAnswers: number;
  unsubscribed: number;
  optedOut: number;
  /**
   * What the leads did: cases they learnt of (as an unhappy answer came in, or from its alert), and
   * each move that took (a case reopened and resolved again is resolved twice).
   */
  cases: {
    opened: number;
    acknowledged: number;
    resolved: number;
    reopened: number;
    assigned: number;
    notes: number;
  };
  alerts: number;
  /** Actions the runtime refused (a case moved by someone else, a page no longer open): expected to be 0. */
  refused: number;
  /** The first few of them, with the runtime's answer. */
  refusals: string[];
  ms: number;
}

type Survey = 'nps' | 'csat' | 'ces';
type Region = 'cn' | 'uk' | 'us';

interface Agent {
  id: string;
  names: Record<Language, string>;
  /** How much better or worse customers find this agent than the team. */
  offset: number;
}

interface TouchpointModel {
  name: string;
  idPrefix: string;
  weight: number;
  surveys: [Survey, number][];
  channels: [string, number][];
}

interface TeamModel {
  name: string;
  weight: number;
  /** Share of the team's customers who write in Chinese. */
  zhShare: number;
  agents: Agent[];
  touchpoints: TouchpointModel[];
  /** How satisfied customers are, 0..1, `daysAgo` days before the end. */
  mood: (daysAgo: number) => number;
  complaints: (daysAgo: number) => [Topic, number][];
  praise: [Topic, number][];
}

const agent = (id: string, en: string, zh: string, offset = 0): Agent => ({ id, names: { en, zh }, offset });

const TEAMS: TeamModel[] = [
  {
    name: 'billing',
    weight: 0.28,
    zhShare: 0.45,
    agents: [
      agent('chen.jing', 'Jing', '陈静', 0.04),
      agent('sarah.k', 'Sarah', 'Sarah', 0.08),
      agent('li.wei', 'Wei', '李伟', -0.02),
      agent('tom.baker', 'Tom', 'Tom', -0.07),
    ],
    touchpoints: [
      {
        name: 'support-ticket',
        idPrefix: 'zd',
        weight: 0.6,
        surveys: [
          ['nps', 0.5],
          ['csat', 0.5],
        ],
        channels: [
          ['email', 0.5],
          ['chat', 0.3],
          ['phone', 0.2],
        ],
      },
      { name: 'phone-call', idPrefix: 'call', weight: 0.4, surveys: [['nps', 1]], channels: [['phone', 1]] },
    ],
    mood: (daysAgo) => 0.6 + 0.02 * Math.sin(daysAgo / 5),
    complaints: () => [
      ['price', 0.4],
      ['resolution', 0.2],
      ['staff', 0.15],
      ['communication', 0.15],
      ['waiting', 0.1],
    ],
    praise: [
      ['staff', 0.4],
      ['resolution', 0.25],
      ['price', 0.2],
      ['waiting', 0.15],
    ],
  },
  {
    name: 'returns',
    weight: 0.2,
    zhShare: 0.25,
    agents: [
      agent('maria.g', 'Maria', 'Maria', 0.03),
      agent('james.o', 'James', 'James'),
      agent('zhang.min', 'Min', '张敏', 0.02),
    ],
    touchpoints: [
      {
        name: 'return-completed',
        idPrefix: 'ret',
        weight: 0.6,
        surveys: [['ces', 1]],
        channels: [
          ['email', 0.6],
          ['store', 0.4],
        ],
      },
      {
        name: 'support-ticket',
        idPrefix: 'zd',
        weight: 0.4,
        surveys: [
          ['nps', 0.6],
          ['csat', 0.4],
        ],
        channels: [
          ['email', 0.5],
          ['chat', 0.5],
        ],
      },
    ],
    mood: () => 0.64,
    complaints: () => [
      ['ease', 0.3],
      ['waiting', 0.2],
      ['resolution', 0.2],
      ['price', 0.15],
      ['communication', 0.15],
    ],
    praise: [
      ['ease', 0.35],
      ['waiting', 0.25],
      ['staff', 0.25],
      ['communication', 0.15],
    ],
  },
  {
    name: 'onboarding',
    weight: 0.2,
    zhShare: 0.25,
    agents: [
      agent('priya.s', 'Priya', 'Priya', 0.05),
      agent('daniel.r', 'Daniel', 'Daniel'),
      agent('wang.lei', 'Lei', '王磊', -0.03),
    ],
    touchpoints: [
      {
        name: 'account-setup',
        idPrefix: 'onb',
        weight: 0.6,
        surveys: [['ces', 1]],
        channels: [
          ['phone', 0.5],
          ['chat', 0.5],
        ],
      },
      { name: 'chat-ended', idPrefix: 'chat', weight: 0.4, surveys: [['csat', 1]], channels: [['chat', 1]] },
    ],
    // A new setup guide: onboarding gets easier over the quarter.
    mood: (daysAgo) => 0.72 - 0.2 * Math.min(1, daysAgo / 90),
    complaints: () => [
      ['ease', 0.35],
      ['communication', 0.25],
      ['staff', 0.2],
      ['waiting', 0.2],
    ],
    praise: [
      ['ease', 0.4],
      ['staff', 0.35],
      ['communication', 0.25],
    ],
  },
  {
    name: 'delivery',
    weight: 0.32,
    zhShare: 0.3,
    agents: [
      agent('omar.h', 'Omar', 'Omar', 0.03),
      agent('emma.w', 'Emma', 'Emma', 0.04),
      agent('liu.yang', 'Yang', '刘洋'),
      agent('kate.m', 'Kate', 'Kate', -0.06),
    ],
    touchpoints: [
      {
        name: 'order-delivered',
        idPrefix: 'ord',
        weight: 0.65,
        surveys: [['nps', 1]],
        channels: [['store', 1]],
      },
      {
        name: 'support-ticket',
        idPrefix: 'zd',
        weight: 0.35,
        surveys: [
          ['nps', 0.5],
          ['csat', 0.5],
        ],
        channels: [
          ['chat', 0.5],
          ['phone', 0.3],
          ['email', 0.2],
        ],
      },
    ],
    // A new courier from a month ago: late parcels, and the delivery team's scores with them.
    mood: (daysAgo) => (daysAgo >= 30 ? 0.7 : 0.7 - 0.22 * Math.min(1, (30 - daysAgo) / 8)),
    complaints: (daysAgo) => [
      ['delivery', daysAgo < 30 ? 0.65 : 0.4],
      ['product', 0.2],
      ['communication', 0.15],
      ['waiting', 0.15],
    ],
    praise: [
      ['delivery', 0.45],
      ['staff', 0.3],
      ['product', 0.25],
    ],
  },
];

const CHANNEL_MOOD: Record<string, number> = { chat: 0.03, phone: 0, email: -0.03, store: 0 };
/** Hours from UTC, near enough for office hours. */
const REGIONS: Record<Region, { offset: number; timeZone: string; locale: string }> = {
  cn: { offset: 8, timeZone: 'Asia/Shanghai', locale: 'zh-CN' },
  uk: { offset: 0, timeZone: 'Europe/London', locale: 'en-GB' },
  us: { offset: -5, timeZone: 'America/New_York', locale: 'en-US' },
};
const SCALES: Record<Survey, { min: number; max: number; unhappyAtOrBelow: number; happyFrom: number }> = {
  nps: { min: 0, max: 10, unhappyAtOrBelow: 6, happyFrom: 9 },
  csat: { min: 1, max: 5, unhappyAtOrBelow: 2, happyFrom: 4 },
  ces: { min: 1, max: 7, unhappyAtOrBelow: 3, happyFrom: 6 },
};
/** Mail security scanners that fetch every link of a message, and some that post its form too. */
const SCANNERS = [
  'Mozilla/5.0 (compatible; Barracuda Sentinel Link Protection)',
  'Mimecast-URL-Protect/1.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0 Safari/537.36',
];
const BROWSERS = [
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
];
const HAN = /[\u4e00-\u9fff]/;
const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Mulberry32: small, fast and good enough to tell a story with. */
const generator = (seed: number) => {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const gauss = () => {
    const u = 1 - next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  };
  return {
    next,
    gauss,
    chance: (p: number) => next() < p,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    weighted: <T>(entries: readonly (readonly [T, number])[]): T => {
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      let at = next() * total;
      for (const [value, weight] of entries) {
        at -= weight;
        if (at < 0) return value;
      }
      return (entries.at(-1) as readonly [T, number])[0];
    },
    /** A duration whose median is `median`, skewed long as waiting times are. */
    lognormal: (median: number, sigma: number) => median * Math.exp(sigma * gauss()),
  };
};
type Random = ReturnType<typeof generator>;

interface Customer {
  id: string;
  name: string;
  email: string;
  phone?: string;
  region: Region;
  language: Language;
}

/** How a customer answers, decided when the interaction is planned. */
interface Answer {
  /** After the invitation arrives. */
  delayMs: number;
  score: number;
  comment: string;
  /** By SMS, the comment sent as a second text this long after the score. */
  afterthoughtMs?: number;
}

export interface PlannedInteraction {
  at: number;
  event: {
    interactionId: string;
    occurredAt: string;
    survey: Survey;
    customer: Record<string, string>;
    inviteVia: 'email' | 'sms';
    touchpoint: string;
    channel: string;
    team: string;
    agent: string;
    attributes?: Record<string, string>;
  };
  customer: Customer;
  agent: Agent;
  answer: Answer | null;
  /** A mail scanner follows the link and posts the page's form this long after the send. */
  scannerMs?: number;
  /** The customer unsubscribes from the email, or texts STOP, instead of answering. */
  optsOut?: boolean;
}

/**
 * The story's interactions, in time order: who, when, about what, and how each customer will answer.
 * A pure function of its options, so that a seed always tells the same story.
 */
export const planDemo = ({
  days = 90,
  perDay = 25,
  seed = 1,
  end,
}: {
  days?: number;
  perDay?: number;
  seed?: number;
  end: Date;
}): PlannedInteraction[] => {
  const random = generator(seed);
  const endMs = end.getTime();
  const firstDay = Math.floor(endMs / DAY) * DAY - (days - 1) * DAY;
  const customers: Customer[] = [];
  const planned: PlannedInteraction[] = [];
  let customerCount = 0;
  let interactionCount = 0;

  const newCustomer = (team: TeamModel, wantsSms: boolean): Customer => {
    customerCount += 1;
    const language: Language = random.chance(team.zhShare) ? 'zh' : 'en';
    const region: Region = language === 'zh' ? 'cn' : wantsSms || random.chance(0.4) ? 'us' : 'uk';
    const tag = customerCount + 100 * seed;
    if (language === 'zh') {
      const [family, familyPinyin] = random.pick(ZH_FAMILY);
      const [given, givenPinyin] = random.pick(ZH_GIVEN);
      return {
        id: `c-${10_000 + tag}`,
        name: `${family}${given}`,
        email: `${givenPinyin}.${familyPinyin}${tag}@example.com`,
        region,
        language,
      };
    }
    const first = random.pick(EN_FIRST);
    const last = random.pick(EN_LAST);
    // A few addresses bounce for good, as SES's mailbox simulator does with these.
    const email = random.chance(0.004)
      ? `bounce+${tag}@simulator.amazonses.com`
      : `${first}.${last}${tag}@example.com`.toLowerCase();
    const customer: Customer = { id: `c-${10_000 + tag}`, name: `${first} ${last}`, email, region, language };
    if (region === 'us' && wantsSms) {
      // One number each: the area code counts the hundreds.
      const area = US_AREA_CODES[Math.floor(tag / 100) % US_AREA_CODES.length] as string;
      customer.phone = `+1${area}55501${String(tag % 100).padStart(2, '0')}`;
    }
    return customer;
  };

  for (let day = 0; day < days; day += 1) {
    const dayStart = firstDay + day * DAY;
    const daysAgo = days - 1 - day;
    const weekday = new Date(dayStart).getUTCDay();
    const busy = weekday === 0 ? 0.45 : weekday === 6 ? 0.55 : weekday === 1 ? 1.15 : 1;
    const count = Math.max(0, Math.round(perDay * busy * (1 + 0.15 * random.gauss())));
    const today: PlannedInteraction[] = [];
    for (let i = 0; i < count; i += 1) {
      const team = random.weighted(TEAMS.map((t) => [t, t.weight] as const));
      const wantsSms = random.chance(0.14);
      const returning = customers.length > 20 && random.chance(0.12);
      const customer = returning ? random.pick(customers) : newCustomer(team, wantsSms);
      if (!returning) customers.push(customer);
      const { offset, timeZone, locale } = REGIONS[customer.region];
      // Office hours in the customer's zone, busiest early afternoon.
      const localHour = 8 + 12 * ((random.next() + random.next()) / 2);
      const at = dayStart + Math.round((localHour - offset) * HOUR) + random.int(0, 59) * 1000;
      if (at < firstDay || at > endMs - 10 * MINUTE) continue;
      const touchpoint = random.weighted(team.touchpoints.map((t) => [t, t.weight] as const));
      const survey = random.weighted(touchpoint.surveys);
      const channel = random.weighted(touchpoint.channels);
      const handler = random.pick(team.agents);
      interactionCount += 1;
      const number = 48_000 + interactionCount + 10_000 * (seed % 90);
      const viaSms = customer.phone !== undefined;
      const mood = team.mood(daysAgo) + handler.offset + (CHANNEL_MOOD[channel] ?? 0) + 0.05 * random.gauss();
      const score = scoreOf(survey, mood, random);
      const answered = !customer.email.includes('@simulator.') && random.chance(viaSms ? 0.5 : 0.62);
      const comment = answered
        ? commentOf(survey, score, customer.language, team, handler, daysAgo, viaSms, random)
        : '';
      const answer: Answer | null = answered
        ? {
            delayMs: answerDelay(random),
            score,
            comment,
            ...(viaSms && comment && random.chance(0.3)
              ? { afterthoughtMs: random.int(2, 25) * MINUTE }
              : {}),
          }
        : null;
      const scanned = !answered && !viaSms && random.chance(0.025);
      const optsOut = !answered && !scanned && random.chance(viaSms ? 0.04 : 0.012);
      today.push({
        at,
        event: {
          interactionId: `${touchpoint.idPrefix}-${number}`,
          occurredAt: new Date(at - random.int(1, 20) * MINUTE).toISOString(),
          survey,
          customer: {
            id: customer.id,
            name: customer.name,
            email: customer.email,
            ...(customer.phone ? { phone: customer.phone } : {}),
            locale,
            timeZone,
          },
          inviteVia: viaSms ? 'sms' : 'email',
          touchpoint: touchpoint.name,
          channel,
          team: team.name,
          agent: handler.id,
          ...(touchpoint.idPrefix === 'zd'
            ? { attributes: { ticketUrl: `https://helpdesk.example.com/t/${number}` } }
            : touchpoint.idPrefix === 'ord'
              ? { attributes: { orderId: `SO-${number}` } }
              : {}),
        },
        customer,
        agent: handler,
        answer,
        ...(scanned ? { scannerMs: random.int(3, 40) * 1000 } : {}),
        ...(optsOut ? { optsOut } : {}),
      });
    }
    planned.push(...today.sort((a, b) => a.at - b.at));
  }
  return planned.sort((a, b) => a.at - b.at);
};

/** A score on the survey's scale for a customer this satisfied (0..1), spread as real answers are. */
const scoreOf = (survey: Survey, mood: number, random: Random): number => {
  const felt = mood + 0.24 * random.gauss();
  const { min, max } = SCALES[survey];
  const raw = survey === 'nps' ? felt * 10 + 1.8 : survey === 'csat' ? 1 + 4.6 * felt : 1 + 6.4 * felt;
  return Math.min(max, Math.max(min, Math.round(raw)));
};

/** Most answer within the hour, some in the evening, a few a day or two later. */
const answerDelay = (random: Random): number => {
  const kind = random.weighted([
    ['soon', 0.55],
    ['later', 0.3],
    ['days', 0.15],
  ] as const);
  if (kind === 'soon') return Math.min(2 * HOUR, random.lognormal(25 * MINUTE, 0.8));
  if (kind === 'later') return random.int(2 * 60, 10 * 60) * MINUTE;
  return random.int(14 * 60, 44 * 60) * MINUTE;
};

const withAgent = (text: string, handler: Agent, language: Language) =>
  text.replaceAll('{agent}', handler.names[language]);

/** What a customer writes with their score, if anything, in their language. */
const commentOf = (
  survey: Survey,
  score: number,
  language: Language,
  team: TeamModel,
  handler: Agent,
  daysAgo: number,
  bySms: boolean,
  random: Random,
): string => {
  const { unhappyAtOrBelow, happyFrom } = SCALES[survey];
  const unhappy = score <= unhappyAtOrBelow;
  const happy = score >= happyFrom;
  if (!random.chance(unhappy ? 0.78 : happy ? 0.5 : 0.45)) return '';
  const say = (topic: Topic, tone: 'negative' | 'positive') =>
    withAgent(random.pick(COMMENTS[topic][tone][language]), handler, language);
  let text: string;
  if (unhappy) {
    const first = random.weighted(team.complaints(daysAgo));
    text = say(first, 'negative');
    if (random.chance(0.25)) {
      const second = random.weighted(team.complaints(daysAgo).filter(([topic]) => topic !== first));
      text += language === 'zh' ? say(second, 'negative') : ` ${say(second, 'negative')}`;
    }
  } else if (happy) {
    text = random.chance(0.35)
      ? random.pick(THANKS[language])
      : say(random.weighted(team.praise), 'positive');
  } else {
    const kind = random.weighted([
      ['mixed', 0.5],
      ['neutral', 0.3],
      ['negative', 0.2],
    ] as const);
    text =
      kind === 'mixed'
        ? withAgent(random.pick(MIXED[language]), handler, language)
        : kind === 'neutral'
          ? random.pick(NEUTRAL[language])
          : say(random.weighted(team.complaints(daysAgo)), 'negative');
  }
  // Texts are short and often lower case.
  return bySms && random.chance(0.5) ? text.toLowerCase().replace(/\.$/, '') : text;
};

/** A case's lead: the billing lead for billing (their hours in Shanghai), else the lead of every team. */
interface LeadModel {
  email: string;
  /** Hours in UTC someone is on watch, weekdays; a shorter watch at weekends. */
  hours: [number, number];
  weekendHours: [number, number];
  /** The language of their notes, for a customer writing in `language`. */
  writes: (language: Language) => Language;
}
/** The leads of every team, from London: an early and a late shift between them. */
const LEAD_ALL: LeadModel = {
  email: 'lead@pulse.local',
  hours: [6, 22],
  weekendHours: [8, 18],
  writes: () => 'en',
};
const LEAD_BILLING: LeadModel = {
  email: 'billing-lead@pulse.local',
  hours: [0, 11],
  weekendHours: [1, 5],
  writes: (language) => language,
};

/** The first moment at or after `at` when the lead is at work. */
const atWork = (lead: LeadModel, at: number): number => {
  for (let day = Math.floor(at / DAY) * DAY; ; day += DAY) {
    const weekday = new Date(day).getUTCDay();
    const [from, to] = weekday === 0 || weekday === 6 ? lead.weekendHours : lead.hours;
    const start = day + from * HOUR;
    const stop = day + to * HOUR;
    if (at < stop) return Math.max(at, start);
  }
};

const RESOLUTION_REASONS: [ResolutionReason, number][] = [
  ['called-back', 0.45],
  ['issue-fixed', 0.3],
  ['customer-unreachable', 0.12],
  ['no-action-needed', 0.09],
  ['duplicate', 0.04],
];

const hasRoute = (method: string, path: string) =>
  FUNCTIONS.some(
    ({ trigger }) => trigger.kind === 'http' && trigger.method === method && trigger.path === path,
  );

/** A min-heap of timed steps, ties in the order they were added. */
class Agenda {
  private items: { at: number; seq: number; run: () => Promise<void> }[] = [];
  private seq = 0;

  get size() {
    return this.items.length;
  }

  add(at: number, run: () => Promise<void>) {
    const item = { at, seq: this.seq++, run };
    const items = this.items;
    items.push(item);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(item, items[parent] as typeof item)) break;
      items[i] = items[parent] as typeof item;
      i = parent;
    }
    items[i] = item;
  }

  peek() {
    return this.items[0];
  }

  pop() {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let least = i;
        const candidate = (j: number) => (j === i ? last : (items[j] as typeof last));
        if (left < items.length && this.before(candidate(left), candidate(least))) least = left;
        if (right < items.length && this.before(candidate(right), candidate(least))) least = right;
        if (least === i) break;
        items[i] = items[least] as typeof last;
        i = least;
      }
      items[i] = last;
    }
    return top;
  }

  private before(a: { at: number; seq: number }, b: { at: number; seq: number }) {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }
}

interface Delivered {
  kind: 'email' | 'sms' | 'alert';
  at: string;
  messageId: string;
  input: Record<string, unknown>;
}

/**
 * Feeds `days` of a support organisation's life to a running local runtime through its public routes,
 * from `days` ago up to now on its clock: about `perDay` interactions a weekday across four teams, their
 * invitations answered (or not) on the survey page or by SMS with comments in English and Chinese, a
 * few answers posted by mail scanners, and the cases of unhappy answers worked by the leads as their
 * office hours allow. The clock ends a few minutes past the end, so that the periodic jobs (escalation,
 * metric rules) have run on it. Answers what was done.
 */
export const feedDemo = async (
  runtime: Pick<LocalRuntime, 'url' | 'apiToken' | 'settled'>,
  { days = 90, perDay = 25, seed = 1, end, onDay }: DemoOptions = {},
): Promise<DemoSummary> => {
  const started = performance.now();
  const summary: DemoSummary = {
    days,
    interactions: 0,
    scheduled: 0,
    skipped: 0,
    emails: 0,
    sms: 0,
    answers: 0,
    smsAnswers: 0,
    comments: { en: 0, zh: 0 },
    suspect: 0,
    changedAnswers: 0,
    unsubscribed: 0,
    optedOut: 0,
    cases: { opened: 0, acknowledged: 0, resolved: 0, reopened: 0, assigned: 0, notes: 0 },
    alerts: 0,
    refused: 0,
    refusals: [],
    ms: 0,
  };
  const routes = {
    assign: hasRoute('POST', '/cases/{caseId}/assign'),
    notes: hasRoute('POST', '/cases/{caseId}/notes'),
    reopen: hasRoute('POST', '/cases/{caseId}/reopen'),
  };

  const call = async (
    method: string,
    path: string,
    init: { json?: unknown; form?: Record<string, string>; token?: string | null; userAgent?: string } = {},
  ) => {
    const headers: Record<string, string> = { 'user-agent': init.userAgent ?? (BROWSERS[0] as string) };
    if (init.token !== null) headers.authorization = `Bearer ${init.token ?? runtime.apiToken}`;
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    } else if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    const response = await fetch(new URL(path, runtime.url), { method, headers, body });
    const text = await response.text();
    return { status: response.status, text };
  };
  const refuse = (what: string, status: number, text: string) => {
    summary.refused += 1;
    if (summary.refusals.length < 10) summary.refusals.push(`${what}: ${status} ${text.slice(0, 200)}`);
  };
  const callJson = async (...args: Parameters<typeof call>) => {
    const { status, text } = await call(...args);
    return { status, json: status < 300 ? JSON.parse(text) : undefined, text };
  };

  // The runtime's clock is real time plus an offset; moving it answers the new time.
  let offset = 0;
  const clockNow = () => Date.now() + offset;
  const setClock = async (body: { set: string } | { advance: string }) => {
    const { status, json, text } = await callJson('POST', '/_local/clock', { json: body });
    if (status !== 200) throw new Error(`the clock would not move: ${status} ${text}`);
    offset = Date.parse((json as { now: string }).now) - Date.now();
  };
  const moveTo = async (at: number) => {
    const ahead = at - clockNow();
    // Within a minute is the same moment, as far as the story goes: one move fewer.
    if (ahead >= MINUTE) await setClock({ advance: `PT${Math.floor(ahead / 1000)}S` });
  };

  const endAt = (end ?? new Date((await callJson('GET', '/_local/clock')).json.now)).getTime();
  const plan = planDemo({ days, perDay, seed, end: new Date(endAt) });
  // Decisions made as the story unfolds (recovery surveys, leads' moves), from a generator of their own.
  const random = generator(seed * 7919 + 17);
  const agenda = new Agenda();
  const firstDay = Math.floor(endAt / DAY) * DAY - (days - 1) * DAY;
  await setClock({ set: new Date(firstDay).toISOString() });

  // Until the stream has caught up, a case opened by an answer is not there to act on, and a case
  // opened after the clock moved on would carry the later time: settle before either.
  let unsettled = false;
  const settle = async () => {
    await runtime.settled();
    unsettled = false;
  };

  const tokens = new Map<string, { idToken: string; at: number }>();
  const tokenOf = async (lead: string) => {
    const held = tokens.get(lead);
    if (held && Date.now() - held.at < 10 * MINUTE) return held.idToken;
    const { status, json, text } = await callJson('POST', '/_local/leads/sign-in', { json: { email: lead } });
    if (status !== 200) throw new Error(`${lead} could not sign in: ${status} ${text}`);
    tokens.set(lead, { idToken: json.idToken, at: Date.now() });
    return json.idToken as string;
  };

  /** Who waits for which message: an invitation planned, by its address or number. */
  const awaited = new Map<string, { planned: PlannedInteraction; dueAt: number }>();
  /** When the first of them is due: the outbox is read once the clock gets there. */
  let nextDue = Number.POSITIVE_INFINITY;
  /** The invitation id of each planned interaction the runtime scheduled. */
  const invitationIds = new Map<PlannedInteraction, string>();
  let outboxSeen = 0;
  /** Until when a recovery survey may be on its way, after a case was resolved. */
  let recoveryUntil = 0;
  /** A recovery survey was answered: if unhappy, it opens a case the leads hear of by its alert. */
  let alerting = false;
  const expectAlert = () => {
    alerting = true;
    unsettled = true;
  };
  let smsCount = 0;

  const readOutbox = async () => {
    const { json } = await callJson('GET', `/_local/outbox?from=${outboxSeen}`);
    const delivered = json as Delivered[];
    outboxSeen += delivered.length;
    for (const message of delivered) {
      if (message.kind === 'alert') {
        summary.alerts += 1;
        await onAlert(message);
        continue;
      }
      const sentAt = Date.parse(message.at);
      if (message.kind === 'email') {
        summary.emails += 1;
        const to = (message.input.Destination as { ToAddresses: string[] }).ToAddresses[0] ?? '';
        const planned = awaited.get(to)?.planned;
        awaited.delete(to);
        await onEmail(message, sentAt, planned);
      } else if (message.kind === 'sms') {
        summary.sms += 1;
        // A survey asks for a range ("Reply 0-10"); the rest answers a reply (thanks, re-prompts).
        const range = /(\d+)\s*-\s*(\d+)/.exec(String(message.input.Message));
        if (!range) continue;
        const to = String(message.input.PhoneNumber);
        const planned = awaited.get(to)?.planned;
        awaited.delete(to);
        onSms(message, sentAt, to, { min: Number(range[1]), max: Number(range[2]) }, planned);
      }
    }
    // An invitation that never went out (suppressed or failed at send time) is waited for no longer.
    nextDue = Number.POSITIVE_INFINITY;
    for (const [to, { dueAt }] of awaited) {
      if (dueAt < clockNow() - DAY) awaited.delete(to);
      else nextDue = Math.min(nextDue, dueAt);
    }
  };

  const linksOf = (message: Delivered) => {
    const content = message.input.Content as { Simple: { Body: { Text: { Data: string } } } };
    return new Map(
      [...content.Simple.Body.Text.Data.matchAll(/^(\d+): (\S+)$/gm)].map((m) => [
        Number(m[1]),
        m[2] as string,
      ]),
    );
  };

  /** A recovery survey after a resolved case: about half answer, mostly won back. */
  const recoveryAnswer = (scale: { min: number; max: number }): Answer | null => {
    if (!random.chance(0.55)) return null;
    const wonBack = random.chance(0.72);
    const score = wonBack ? scale.max - random.int(0, 1) : scale.min + random.int(0, 2);
    return { delayMs: answerDelay(random), score, comment: '' };
  };

  const onEmail = async (message: Delivered, sentAt: number, planned: PlannedInteraction | undefined) => {
    const links = linksOf(message);
    const scores = [...links.keys()];
    if (scores.length === 0) return;
    const scale = { min: Math.min(...scores), max: Math.max(...scores) };
    const answer = planned ? planned.answer : recoveryAnswer(scale);
    const language: Language =
      planned?.customer.language ?? (HAN.test(JSON.stringify(message.input.Content)) ? 'zh' : 'en');
    if (answer) {
      const link = new URL(links.get(answer.score) as string);
      const comment =
        answer.comment ||
        (planned ? '' : random.chance(0.4) ? recoveryComment(answer.score >= scale.max - 1, language) : '');
      // Opened from the email at once, answered when the customer gets round to it (a page takes
      // answers for a day): the page is read now, which saves the clock a move later.
      const opened = answer.delayMs < 20 * HOUR ? await openPage(link, answer.score) : undefined;
      agenda.add(sentAt + answer.delayMs, () =>
        answerOnPage(link, answer.score, comment, planned, language, { opened }),
      );
      return;
    }
    if (planned?.scannerMs !== undefined) {
      const link = new URL(links.get(scale.max) as string);
      agenda.add(sentAt + planned.scannerMs, () => scan(link));
    } else if (planned?.optsOut) {
      const headers = (message.input.Content as { Simple: { Headers?: { Name: string; Value: string }[] } })
        .Simple.Headers;
      const unsubscribe = headers
        ?.find((header) => header.Name === 'List-Unsubscribe')
        ?.Value.replace(/[<>]/g, '');
      if (unsubscribe)
        agenda.add(sentAt + random.int(1, 48) * HOUR, () => unsubscribeFrom(new URL(unsubscribe)));
    }
  };

  const recoveryComment = (happy: boolean, language: Language) =>
    random.pick(RECOVERY_COMMENTS[happy ? 'positive' : 'negative'][language]);

  const onSms = (
    message: Delivered,
    sentAt: number,
    phone: string,
    scale: { min: number; max: number },
    planned: PlannedInteraction | undefined,
  ) => {
    const attributes = message.input.MessageAttributes as
      | Record<string, { StringValue?: string }>
      | undefined;
    const ourNumber = attributes?.['AWS.MM.SMS.OriginationNumber']?.StringValue ?? '+18005550199';
    const answer = planned ? planned.answer : recoveryAnswer(scale);
    const text = (body: string) => {
      smsCount += 1;
      return {
        originationNumber: phone,
        destinationNumber: ourNumber,
        messageBody: body,
        inboundMessageId: `demo-${seed}-${smsCount}`,
        previousPublishedMessageId: message.messageId,
      };
    };
    if (answer) {
      const { score, comment, afterthoughtMs } = answer;
      // A number alone, sometimes spelt out or with a flourish; a comment after the digits.
      const scoreText =
        !comment && random.chance(0.1)
          ? (NUMBER_WORDS[score] ?? String(score))
          : !comment && random.chance(0.15)
            ? `${score}!`
            : String(score);
      const first = comment && afterthoughtMs === undefined ? `${scoreText} ${comment}` : scoreText;
      agenda.add(sentAt + answer.delayMs, async () => {
        const sent = await call('POST', '/_local/sms', { json: text(first) });
        if (sent.status !== 202) refuse('POST /_local/sms', sent.status, sent.text);
        summary.answers += 1;
        summary.smsAnswers += 1;
        if (first !== scoreText) summary.comments.en += 1;
        if (!planned) expectAlert();
        else if (score <= SCALES[planned.event.survey].unhappyAtOrBelow) openingAnswer(planned);
      });
      if (comment && afterthoughtMs !== undefined) {
        agenda.add(sentAt + answer.delayMs + afterthoughtMs, async () => {
          const sent = await call('POST', '/_local/sms', {
            json: text(random.chance(0.5) ? comment : random.pick(SMS_AFTERTHOUGHTS)),
          });
          if (sent.status !== 202) refuse('POST /_local/sms', sent.status, sent.text);
          summary.comments.en += 1;
        });
      }
    } else if (planned?.optsOut) {
      agenda.add(sentAt + random.int(1, 90) * MINUTE, async () => {
        await call('POST', '/_local/sms', { json: text('STOP') });
        summary.optedOut += 1;
      });
    }
  };

  /** The survey page in a person's browser, its score preselected: when it was read, and its stamp. */
  const openPage = async (link: URL, score: number) => {
    const userAgent = random.pick(BROWSERS);
    const page = await call('GET', `${link.pathname}?score=${score}`, { token: null, userAgent });
    const stamp = /name="stamp" value="([^"]*)"/.exec(page.text)?.[1];
    if (page.status === 200 && stamp) return { at: clockNow(), stamp, userAgent };
    refuse('GET /s/{token}', page.status, page.text);
    return undefined;
  };

  /**
   * A person: the page (read now, or `opened` earlier), a moment to read and type, then the form, with
   * what the page's script adds.
   */
  const answerOnPage = async (
    link: URL,
    score: number,
    comment: string,
    planned: PlannedInteraction | undefined,
    language: Language,
    {
      opened,
      change = false,
    }: {
      opened?: Awaited<ReturnType<typeof openPage>>;
      /** A second answer to the invitation; `first` was the comment of the first. */
      change?: { first: string } | false;
    } = {},
  ) => {
    const fresh = opened && clockNow() - opened.at < 20 * HOUR ? opened : await openPage(link, score);
    if (!fresh) return;
    const { stamp, userAgent } = fresh;
    const taps = random.int(1, comment ? 12 : 3);
    if (clockNow() - fresh.at < 5000) await setClock({ advance: `PT${random.int(6, comment ? 90 : 25)}S` });
    const posted = await call('POST', link.pathname, {
      token: null,
      userAgent,
      form: {
        stamp,
        proof: scriptProofOf(stamp, taps),
        interactions: String(taps),
        score: String(score),
        comment,
      },
    });
    if (posted.status !== 200) {
      refuse('POST /s/{token}', posted.status, posted.text);
      return;
    }
    if (change) {
      summary.changedAnswers += 1;
      if (comment && !change.first) summary.comments[language] += 1;
      return;
    }
    summary.answers += 1;
    if (comment) summary.comments[language] += 1;
    if (!planned) expectAlert();
    else if (score <= SCALES[planned.event.survey].unhappyAtOrBelow) openingAnswer(planned, link);
  };

  /** A mail scanner: the link, then the page's form as it came, at once and without running its script. */
  const scan = async (link: URL) => {
    const userAgent = random.pick(SCANNERS);
    const page = await call('GET', `${link.pathname}${link.search}`, { token: null, userAgent });
    const stamp = /name="stamp" value="([^"]*)"/.exec(page.text)?.[1] ?? '';
    const score = link.searchParams.get('score') ?? '';
    const posted = await call('POST', link.pathname, {
      token: null,
      userAgent,
      form: { stamp, proof: '', interactions: '0', score, comment: '' },
    });
    if (posted.status === 200) summary.suspect += 1;
  };

  const unsubscribeFrom = async (url: URL) => {
    const { status } = await call('POST', url.pathname, {
      token: null,
      form: { 'List-Unsubscribe': 'One-Click' },
      userAgent: 'Mozilla/5.0 (compatible; MailClient)',
    });
    if (status === 200) summary.unsubscribed += 1;
  };

  /** Every case a lead knows of, so that an alert about it is not worked twice. */
  const known = new Set<string>();

  /**
   * An unhappy answer opens a case: its lead acknowledges it (soon in office hours, else when back at
   * work), perhaps notes a call, and resolves it; some wait, a few are never picked up.
   */
  const workCase = (
    opened: { caseId: string; team: string; customerName: string; language: Language; high: boolean },
    answered?: { link: URL; planned: PlannedInteraction },
  ) => {
    const { caseId } = opened;
    known.add(caseId);
    summary.cases.opened += 1;
    const owner = opened.team === 'billing' ? LEAD_BILLING : LEAD_ALL;
    const openedAt = clockNow();
    const act =
      (path: string, body: Record<string, unknown>, by: LeadModel, what: keyof DemoSummary['cases']) =>
      async () => {
        if (unsettled) await settle();
        const { status, text } = await call('POST', `/cases/${caseId}/${path}`, {
          json: body,
          token: await tokenOf(by.email),
        });
        if (status === 200) summary.cases[what] += 1;
        else refuse(`POST /cases/{caseId}/${path} of case ${caseId} as ${by.email}`, status, text);
        if (path === 'resolve') recoveryUntil = clockNow() + HOUR;
      };
    const note = (lead: LeadModel, notes: Record<Language, readonly string[]>) =>
      random
        .pick(notes[lead.writes(opened.language)])
        .replaceAll('{customer}', opened.customerName.split(' ')[0] as string);
    const resolve = (at: number, lead: LeadModel, reason: ResolutionReason) =>
      agenda.add(
        at,
        act('resolve', { reason, note: note(lead, RESOLUTION_NOTES[reason]) }, lead, 'resolved'),
      );

    if (!random.chance(0.88)) {
      // Never picked up; some closed days later without a word with the customer.
      if (random.chance(0.3)) {
        resolve(
          atWork(owner, openedAt + random.int(20, 60) * HOUR),
          owner,
          random.pick(['duplicate', 'no-action-needed'] as const),
        );
      }
      return;
    }
    // Whoever is at work first picks it up: the lead of every team covers billing out of Shanghai hours.
    const noticed = openedAt + random.lognormal(opened.high ? 12 * MINUTE : 35 * MINUTE, 0.7);
    const billingAt = atWork(LEAD_BILLING, noticed);
    const coverAt = atWork(LEAD_ALL, noticed);
    const [acker, ackAt] =
      owner === LEAD_ALL || coverAt < billingAt ? [LEAD_ALL, coverAt] : [LEAD_BILLING, billingAt];
    agenda.add(ackAt, act('acknowledge', {}, acker, 'acknowledged'));
    let worker = acker;
    if (owner === LEAD_BILLING && acker === LEAD_ALL && routes.assign && random.chance(0.7)) {
      // Acknowledged for the SLA, then handed to the billing lead for the morning.
      agenda.add(
        ackAt + random.int(2, 10) * MINUTE,
        act('assign', { assignee: LEAD_BILLING.email }, LEAD_ALL, 'assigned'),
      );
      worker = LEAD_BILLING;
    }
    let resolveAfter = atWork(worker, ackAt + random.lognormal(3 * HOUR, 1));
    if (routes.notes && random.chance(0.3)) {
      const noteAt = atWork(worker, ackAt + random.int(30, 180) * MINUTE);
      agenda.add(noteAt, act('notes', { note: note(worker, WORKING_NOTES) }, worker, 'notes'));
      resolveAfter = atWork(worker, Math.max(resolveAfter, noteAt + random.int(2, 20) * HOUR));
    }
    if (!random.chance(0.85)) return;
    const reason = random.weighted(RESOLUTION_REASONS);
    resolve(resolveAfter, worker, reason);
    const calledBack = reason === 'called-back' || reason === 'issue-fixed';
    if (routes.reopen && calledBack && random.chance(0.05)) {
      const reopenAt = atWork(worker, resolveAfter + random.int(20, 70) * HOUR);
      agenda.add(reopenAt, act('reopen', { note: note(worker, REOPEN_NOTES) }, worker, 'reopened'));
      resolve(atWork(worker, reopenAt + random.lognormal(5 * HOUR, 0.6)), worker, 'issue-fixed');
    } else if (answered?.planned.answer && calledBack && random.chance(0.12)) {
      // Back on the survey's link after the call, with a kinder score.
      const { planned, link } = answered;
      const { happyFrom, max } = SCALES[planned.event.survey];
      const kinder = random.int(happyFrom - 1, max);
      const comment = planned.answer?.comment ?? '';
      const words = `${comment}${comment ? '\n' : ''}${random.pick(CHANGED_MIND[planned.customer.language])}`;
      agenda.add(resolveAfter + random.int(2, 30) * HOUR, () =>
        answerOnPage(link, kinder, words, undefined, planned.customer.language, {
          change: { first: comment },
        }),
      );
    }
  };

  /** The case a planned customer's unhappy answer opens, worked as it opens. */
  const openingAnswer = (planned: PlannedInteraction, link?: URL) => {
    unsettled = true;
    const caseId = invitationIds.get(planned);
    if (!caseId) return;
    // As the runtime grades it: the lower half of the unhappy scores is high severity.
    const { min, unhappyAtOrBelow } = SCALES[planned.event.survey];
    const high = (planned.answer?.score ?? min) <= min + Math.floor((unhappyAtOrBelow - min) / 2);
    workCase(
      {
        caseId,
        team: planned.event.team,
        customerName: planned.customer.name,
        language: planned.customer.language,
        high,
      },
      link ? { link, planned } : undefined,
    );
  };

  /** A case the story did not plan (an unhappy recovery survey), learnt of from its alert. */
  const onAlert = async (message: Delivered) => {
    const caseId = /\/console\/cases\/([\w-]+)/.exec(String(message.input.Message))?.[1];
    const subject = String(message.input.Subject ?? '');
    if (!caseId || known.has(caseId) || subject.startsWith('Unacknowledged')) return;
    const { status, json } = await callJson('GET', `/cases/${caseId}`);
    if (status !== 200 || json.status !== 'open') return;
    const name = String(json.customerName ?? '');
    workCase({
      caseId,
      team: String(json.team),
      customerName: name || 'the customer',
      language: HAN.test(`${name}${json.comment ?? ''}`) ? 'zh' : 'en',
      high: json.severity === 'high',
    });
  };

  const postInteraction = (planned: PlannedInteraction) => async () => {
    const { status, json, text } = await callJson('POST', '/interactions', { json: planned.event });
    if (status !== 202)
      throw new Error(`interaction ${planned.event.interactionId} refused: ${status} ${text}`);
    summary.interactions += 1;
    if (json.status === 'scheduled') {
      summary.scheduled += 1;
      invitationIds.set(planned, json.invitationId);
      const dueAt = Date.parse(json.dueAt);
      awaited.set(
        planned.event.inviteVia === 'sms' ? (planned.customer.phone as string) : planned.customer.email,
        { planned, dueAt },
      );
      nextDue = Math.min(nextDue, dueAt);
    } else {
      summary.skipped += 1;
    }
  };

  for (const planned of plan) agenda.add(planned.at, postInteraction(planned));

  let day = 0;
  const reportDays = (upTo: number) => {
    while (day < days && firstDay + (day + 1) * DAY <= upTo) {
      day += 1;
      onDay?.(day, days);
    }
  };
  for (let step = agenda.pop(); step && step.at <= endAt; step = agenda.pop()) {
    reportDays(step.at);
    if (unsettled && (alerting || step.at - clockNow() > 2 * MINUTE)) await settle();
    await moveTo(step.at);
    // Moving the clock sent what came due: an invitation, or the recovery survey of a resolved case.
    if (clockNow() >= nextDue || clockNow() <= recoveryUntil || alerting) {
      alerting = false;
      await readOutbox();
    }
    await step.run();
  }
  await moveTo(endAt);
  await settle();
  // Past the periodic jobs' next turn, so that late cases escalate and the rules are judged.
  await setClock({ advance: 'PT6M' });
  await settle();
  await readOutbox();
  reportDays(Number.POSITIVE_INFINITY);
  summary.ms = Math.round(performance.now() - started);
  return summary;
};
