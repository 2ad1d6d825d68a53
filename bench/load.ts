import { type ChildProcess, spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { computeFigures, histogramOf } from '../lib/aggregates/formulas.js';
import { scriptProofOf } from '../lib/answers/web/answer-signals.js';
import type { Survey } from '../lib/surveys/scales.js';

/** A sustained run: answers at a steady rate, web and SMS, with comment changes among them. */
export interface LoadFigures {
  answers: number;
  answersPerSecond: number;
  /** How far an alert trails its answer: from the answer stored to the alert out. */
  alertP50Ms: number;
  alertP99Ms: number;
  /** Answers missing from, or counted twice in, the metrics against a recount; must be 0. */
  lost: number;
  /** First answers whose alert never came, or came more than once; must be 0. */
  alertsAmiss: number;
}

/** A burst: every answer by SMS at once from a few concurrent senders. */
export interface BurstFigures {
  answers: number;
  senders: number;
  /** How far an alert trails its answer: from the answer stored to the alert out. */
  alertP50Ms: number;
  alertP99Ms: number;
  /** From the first answer sent to the last alert in and the metrics equal to the recount. */
  settledMs: number;
  /** Answers stored a second: from the first text sent to the last answer stored, on the runtime's clock. */
  storedPerSecond: number;
  lost: number;
  alertsAmiss: number;
}

const BROWSER =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15';
const TOKEN = 'bench-load-token';
/** Redelivered and failed stream batches, as `PULSE_CHAOS` makes them. */
export const LOAD_CHAOS = 'redeliver=0.1,fail=0.05';
const SURVEYS: Survey[] = ['nps', 'csat', 'ces'];
/** An unhappy score on each scale: every first answer alerts, so each one is timed. */
const UNHAPPY: Record<Survey, number> = { nps: 2, csat: 1, ces: 2 };
const TEAMS = 4;

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `npm start`, as a person runs it, with chaos on and a port of its own; resolves with its URL. */
const startPulse = async (): Promise<{ url: string; stop: () => Promise<void> }> => {
  const child: ChildProcess = spawn('npm', ['start'], {
    env: { ...process.env, PORT: '0', PULSE_API_TOKEN: TOKEN, PULSE_CHAOS: LOAD_CHAOS },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += String(chunk);
      const found = /Pulse is running at (\S+)/.exec(output)?.[1];
      if (found) resolve(found);
    });
    child.on('exit', (code) => reject(new Error(`npm start exited with ${code}: ${output}`)));
  });
  return {
    url,
    stop: async () => {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
      await exited;
    },
  };
};

/** One invitation of the run, and what its customer will answer. */
interface Planned {
  interactionId: string;
  survey: Survey;
  team: string;
  via: 'email' | 'sms';
  email?: string;
  phone?: string;
  /** Set once sent: the survey link of the unhappy score, or the SMS's message id. */
  link?: string;
  smsMessageId?: string;
  changesComment: boolean;
}

const client = (url: string) => {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'user-agent': BROWSER,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: typeof body === 'string' || body === undefined ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, text, json: () => JSON.parse(text) };
  };
  return { call };
};

type Client = ReturnType<typeof client>;

/** Runs `work` over `items` with `workers` at a time, in order of start. */
const inParallel = async <T>(items: T[], workers: number, work: (item: T) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        await work(item);
      }
    }),
  );
};

/** Posts every interaction, waits for every invitation in the outbox and notes its link or SMS. */
const invite = async (api: Client, planned: Planned[]) => {
  await inParallel(planned, 8, async (plan) => {
    const posted = await api.call('POST', '/interactions', {
      interactionId: plan.interactionId,
      occurredAt: new Date().toISOString(),
      survey: plan.survey,
      customer: {
        id: `c-${plan.interactionId}`,
        ...(plan.email ? { email: plan.email } : { phone: plan.phone }),
      },
      inviteVia: plan.via,
      touchpoint: 'support-ticket',
      channel: plan.via === 'email' ? 'chat' : 'phone',
      team: plan.team,
    });
    if (posted.status !== 202)
      throw new Error(`interaction ${plan.interactionId}: ${posted.status} ${posted.text}`);
  });
  const byEmail = new Map(planned.filter((p) => p.email).map((p) => [p.email as string, p]));
  const byPhone = new Map(planned.filter((p) => p.phone).map((p) => [p.phone as string, p]));
  const deadline = performance.now() + 600_000;
  while ([...byEmail.values(), ...byPhone.values()].some((p) => !p.link && !p.smsMessageId)) {
    if (performance.now() > deadline) throw new Error('invitations were not all sent within 10 minutes');
    await api.call('POST', '/_local/clock', { advance: 'PT1S' });
    for (const sent of (await api.call('GET', '/_local/outbox?kind=email')).json()) {
      const plan = byEmail.get(sent.input.Destination.ToAddresses[0]);
      if (!plan || plan.link) continue;
      const score = UNHAPPY[plan.survey];
      const link = new RegExp(`^${score}: (\\S+)$`, 'm').exec(sent.input.Content.Simple.Body.Text.Data)?.[1];
      plan.link = new URL(link as string).pathname;
    }
    for (const sent of (await api.call('GET', '/_local/outbox?kind=sms')).json()) {
      const plan = byPhone.get(sent.input.PhoneNumber);
      if (plan && !plan.smsMessageId) plan.smsMessageId = sent.messageId;
    }
  }
};

/** Loads a survey page as a browser does, for its stamp. */
const stampOf = async (api: Client, path: string): Promise<string> => {
  const page = await api.call('GET', path, undefined, { authorization: '' });
  return /name="stamp" value="([^"]*)"/.exec(page.text)?.[1] ?? '';
};

let inbound = 0;
/** One answer: the unhappy score, or a comment added to it; by the form or by text. */
const answer = async (api: Client, plan: Planned, stamp: string, comment: string) => {
  if (plan.via === 'email') {
    const posted = await api.call(
      'POST',
      plan.link as string,
      new URLSearchParams({
        score: String(UNHAPPY[plan.survey]),
        comment,
        stamp,
        proof: scriptProofOf(stamp, 3),
        interactions: '3',
      }).toString(),
      { 'content-type': 'application/x-www-form-urlencoded', authorization: '' },
    );
    if (posted.status !== 200) throw new Error(`answer ${plan.interactionId}: ${posted.status}`);
    return;
  }
  inbound += 1;
  const texted = await api.call('POST', '/_local/sms', {
    originationNumber: plan.phone,
    destinationNumber: '+18005550100',
    messageBody: comment ? comment : String(UNHAPPY[plan.survey]),
    inboundMessageId: `load-in-${inbound}`,
    previousPublishedMessageId: plan.smsMessageId,
  });
  if (texted.status !== 202) throw new Error(`sms ${plan.interactionId}: ${texted.status}`);
};

/**
 * Watches the alerts as they come, from the outbox's new entries only: when each planned
 * interaction's detractor alert went out (on the runtime's clock), and how many it got.
 */
const watchAlerts = (api: Client, planned: Planned[]) => {
  const wanted = new Set(planned.map((p) => p.interactionId));
  const arrived = new Map<string, string[]>();
  let seen = 0;
  let watching = true;
  const done = (async () => {
    while (watching) {
      const fresh = (await api.call('GET', `/_local/outbox?kind=alert&from=${seen}`)).json();
      seen += fresh.length;
      for (const alert of fresh) {
        if (alert.input.MessageAttributes?.kind?.StringValue !== 'detractor') continue;
        const id = /^Interaction: (\S+)$/m.exec(alert.input.Message)?.[1];
        if (id && wanted.has(id)) arrived.set(id, [...(arrived.get(id) ?? []), alert.at]);
      }
      await sleep(10);
    }
  })();
  return {
    arrived,
    stop: async () => {
      watching = false;
      await done;
    },
  };
};

/** Answers lost or counted twice: each segment's figures against a recount of the final scores. */
const lostAgainstRecount = async (api: Client, planned: Planned[]): Promise<number> => {
  let lost = 0;
  for (const survey of SURVEYS) {
    for (const team of new Set(planned.map((p) => p.team))) {
      const scores = planned.filter((p) => p.survey === survey && p.team === team).map(() => UNHAPPY[survey]);
      const expected = computeFigures(survey, histogramOf(survey, scores), 1) as unknown as Record<
        string,
        number
      >;
      const actual = (await api.call('GET', `/metrics?survey=${survey}&window=7d&team=${team}`)).json();
      for (const count of [
        'n',
        'promoters',
        'passives',
        'detractors',
        'satisfied',
        'easy',
        'neutral',
        'difficult',
      ]) {
        if (count in expected) lost += Math.abs((actual[count] ?? 0) - (expected[count] ?? 0));
      }
    }
  }
  return lost;
};

const plan = (run: string, count: number, via: (i: number) => 'email' | 'sms'): Planned[] =>
  Array.from({ length: count }, (_, i) => {
    const channel = via(i);
    return {
      interactionId: `${run}-${i}`,
      survey: SURVEYS[i % SURVEYS.length] as Survey,
      team: `${run}-team-${i % TEAMS}`,
      via: channel,
      ...(channel === 'email' ? { email: `${run}-${i}@example.com` } : { phone: `+1646${2_000_000 + i}` }),
      changesComment: i % 5 === 0,
    };
  });

/**
 * How far each first answer's alert trailed the answer: from the answer stored (its `answeredAt`) to
 * its alert going out, both on the runtime's clock; and how many alerts came other than once.
 */
const alertFigures = async (api: Client, planned: Planned[], arrived: Map<string, string[]>) => {
  const trails: number[] = [];
  let amiss = 0;
  let lastStored = Number.NEGATIVE_INFINITY;
  await inParallel(planned, 8, async (plan) => {
    const times = arrived.get(plan.interactionId) ?? [];
    if (times.length !== 1) amiss += 1;
    const report = (await api.call('GET', `/invitations/${plan.interactionId}`)).json();
    const answeredAt = report.response?.answeredAt;
    if (answeredAt) lastStored = Math.max(lastStored, Date.parse(answeredAt));
    if (times[0] && answeredAt) trails.push(Date.parse(times[0]) - Date.parse(answeredAt));
  });
  trails.sort((a, b) => a - b);
  return { p50: percentile(trails, 50), p99: percentile(trails, 99), amiss, lastStored };
};

/**
 * At least `rate` answers a second for `seconds`, through `npm start` with chaos on: web answers and
 * SMS replies, every survey, one in five followed by a comment added to it. Each first answer is
 * unhappy, and timed from its POST to its alert in the outbox.
 */
export const measureSustainedLoad = async (rate = 20, seconds = 120): Promise<LoadFigures> => {
  const pulse = await startPulse();
  try {
    const api = client(pulse.url);
    const events = rate * seconds;
    // A fifth of the invitations get a second answer, a comment: events = invitations * 1.2.
    const planned = plan('load', Math.ceil(events / 1.2), (i) => (i % 2 === 0 ? 'email' : 'sms'));
    await invite(api, planned);
    const stamps = new Map<string, string>();
    for (const p of planned.filter((q) => q.via === 'email'))
      stamps.set(p.interactionId, await stampOf(api, p.link as string));
    await api.call('POST', '/_local/clock', { advance: 'PT3S' });
    const schedule: { plan: Planned; comment: string }[] = [];
    for (const p of planned) {
      schedule.push({ plan: p, comment: '' });
      if (p.changesComment) schedule.push({ plan: p, comment: 'and nobody called back' });
    }
    // A change comes a few places after its first answer, as a person takes a moment to write it.
    for (let i = schedule.length - 1; i > 0; i -= 1) {
      const entry = schedule[i];
      if (entry?.comment && i + 30 < schedule.length) {
        schedule.splice(i, 1);
        schedule.splice(i + 30, 0, entry);
      }
    }
    const watcher = watchAlerts(api, planned);
    const started = performance.now();
    let index = 0;
    await inParallel(schedule, 16, async ({ plan: p, comment }) => {
      const due = started + (index++ * 1000) / rate;
      if (due > performance.now()) await sleep(due - performance.now());
      const stamp =
        comment && p.via === 'email'
          ? await stampOf(api, p.link as string)
          : (stamps.get(p.interactionId) ?? '');
      await answer(api, p, stamp, comment);
    });
    const elapsed = (performance.now() - started) / 1000;
    const deadline = performance.now() + 120_000;
    while (watcher.arrived.size < planned.length && performance.now() < deadline) await sleep(100);
    await sleep(2_000);
    await watcher.stop();
    const alerts = await alertFigures(api, planned, watcher.arrived);
    return {
      answers: schedule.length,
      answersPerSecond: schedule.length / elapsed,
      alertP50Ms: alerts.p50,
      alertP99Ms: alerts.p99,
      lost: await lostAgainstRecount(api, planned),
      alertsAmiss: alerts.amiss,
    };
  } finally {
    await pulse.stop();
  }
};

/** `answers` SMS answers from `senders` concurrent senders at once, through `npm start` with chaos on. */
export const measureBurst = async (answers = 600, senders = 8): Promise<BurstFigures> => {
  const pulse = await startPulse();
  try {
    const api = client(pulse.url);
    const planned = plan('burst', answers, () => 'sms');
    await invite(api, planned);
    const watcher = watchAlerts(api, planned);
    const firstSent = Date.parse((await api.call('GET', '/_local/clock')).json().now);
    const started = performance.now();
    await inParallel(planned, senders, async (p) => {
      await answer(api, p, '', '');
    });
    const deadline = performance.now() + 120_000;
    let lost = Number.NaN;
    while (performance.now() < deadline) {
      if (watcher.arrived.size === planned.length) {
        lost = await lostAgainstRecount(api, planned);
        if (lost === 0) break;
      }
      await sleep(50);
    }
    const settledMs = performance.now() - started;
    await sleep(2_000);
    await watcher.stop();
    const alerts = await alertFigures(api, planned, watcher.arrived);
    return {
      answers,
      senders,
      alertP50Ms: alerts.p50,
      alertP99Ms: alerts.p99,
      settledMs,
      storedPerSecond: (answers * 1000) / (alerts.lastStored - firstSent),
      lost: await lostAgainstRecount(api, planned),
      alertsAmiss: alerts.amiss,
    };
  } finally {
    await pulse.stop();
  }
};
