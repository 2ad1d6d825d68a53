import { performance } from 'node:perf_hooks';
import { startLocalRuntime } from '../infra/local/runtime.js';
import { scriptProofOf } from '../lib/answers/web/answer-signals.js';

export interface EndToEndFigures {
  answers: number;
  answerToAlertP50Ms: number;
  answerToAlertP99Ms: number;
  pollIntervalMs: number;
  startMs: number;
}

const BROWSER =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15';

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

/**
 * From the POST of an unhappy score to its alert in the local outbox, one answer at a time, through
 * the local runtime's HTTP server, DynamoDB Local's stream and the alert consumer.
 */
export const measureAnswerToAlert = async (answers = 200, pollIntervalMs = 25): Promise<EndToEndFigures> => {
  const started = performance.now();
  const runtime = await startLocalRuntime({ port: 0, pollIntervalMs });
  const startMs = performance.now() - started;
  try {
    const auth = { authorization: `Bearer ${runtime.apiToken}`, 'content-type': 'application/json' };
    for (let i = 0; i < answers; i += 1) {
      const response = await fetch(`${runtime.url}/interactions`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({
          interactionId: `bench-${i}`,
          occurredAt: new Date().toISOString(),
          survey: 'nps',
          customer: { id: `c-${i}`, email: `bench-${i}@example.com` },
          touchpoint: 'support-ticket',
          channel: 'chat',
          team: `team-${i % 5}`,
          agent: `agent-${i % 20}`,
        }),
      });
      if (response.status !== 202) throw new Error(`interaction ${i}: ${response.status}`);
    }
    await runtime.settled();
    const emails = runtime.outbox.list('email');
    if (emails.length !== answers) throw new Error(`expected ${answers} emails, got ${emails.length}`);
    // As people do: each page loaded first (its stamp read, its script's proof computed), a few
    // seconds of reading on the local clock, then the timed POSTs. Only the POST is measured.
    const pages: { path: string; stamp: string }[] = [];
    for (const email of emails) {
      const text = (email.input as { Content: { Simple: { Body: { Text: { Data: string } } } } }).Content
        .Simple.Body.Text.Data;
      const link = /^2: (\S+)$/m.exec(text)?.[1];
      if (!link) throw new Error('no link for score 2');
      const path = new URL(link).pathname;
      const page = await (
        await fetch(`${runtime.url}${path}`, { headers: { 'user-agent': BROWSER } })
      ).text();
      pages.push({ path, stamp: /name="stamp" value="([^"]*)"/.exec(page)?.[1] ?? '' });
    }
    runtime.clock.advance(3_000);
    const latencies: number[] = [];
    for (const { path, stamp } of pages) {
      const before = runtime.outbox.list('alert').length;
      const t0 = performance.now();
      const posted = await fetch(`${runtime.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': BROWSER },
        body: new URLSearchParams({
          score: '2',
          comment: 'slow',
          stamp,
          proof: scriptProofOf(stamp, 3),
          interactions: '3',
        }).toString(),
      });
      if (posted.status !== 200) throw new Error(`answer: ${posted.status}`);
      while (runtime.outbox.list('alert').length === before) {
        if (performance.now() - t0 > 10_000) throw new Error('no alert within 10 s');
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      latencies.push(performance.now() - t0);
    }
    latencies.sort((a, b) => a - b);
    return {
      answers,
      answerToAlertP50Ms: percentile(latencies, 50),
      answerToAlertP99Ms: percentile(latencies, 99),
      pollIntervalMs,
      startMs,
    };
  } finally {
    await runtime.stop();
  }
};
