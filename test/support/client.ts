import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from '../../infra/local/runtime.js';
import { scriptProofOf } from '../../lib/answers/web/answer-signals.js';
import { CONTRACT_EXAMPLE } from './samples.js';

/**
 * A local runtime for a suite of tests, on a free port, with the token test-token, polling its stream
 * every 10 ms and with the stage settings `config`; and a client for it. The suite stops it when done.
 */
export const startTestRuntime = async (config: LocalRuntimeOptions['config']) => {
  const runtime = await startLocalRuntime({ port: 0, apiToken: 'test-token', pollIntervalMs: 10, config });
  return { runtime, api: clientFor(runtime) };
};

/** A small HTTP client for the local runtime, as an integrator or a customer would call it. */
export const clientFor = (runtime: LocalRuntime) => {
  const call = async (
    method: string,
    path: string,
    init: { body?: unknown; token?: string | null; form?: Record<string, string>; userAgent?: string } = {},
  ) => {
    const headers: Record<string, string> = { 'user-agent': init.userAgent ?? BROWSER };
    if (init.token !== null) headers.authorization = `Bearer ${init.token ?? runtime.apiToken}`;
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    } else if (init.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    }
    const response = await fetch(new URL(path, runtime.url), { method, headers, body });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, text, json: json as any, headers: response.headers };
  };
  return {
    call,
    get: (path: string, token?: string | null) => call('GET', path, { token }),
    post: (path: string, body?: unknown, token?: string | null) => call('POST', path, { body, token }),
    postForm: (path: string, form: Record<string, string>) => call('POST', path, { form, token: null }),
    /**
     * Answers as a person would: loads the page in a browser (its script echoes the stamp and counts
     * a few taps), reads for a few seconds of the local clock, then sends the form.
     */
    answerAsPerson: async (path: string, form: Record<string, string>) => {
      const signals = formSignalsOf((await call('GET', path, { token: null })).text);
      await call('POST', '/_local/clock', { body: { advance: 'PT3S' } });
      return call('POST', path, { form: { ...signals, ...form }, token: null, userAgent: BROWSER });
    },
    outbox: async (kind: 'email' | 'sms' | 'alert' | 'event') =>
      (await call('GET', `/_local/outbox?kind=${kind}`)).json as any[],
  };
};

/** A person's browser, as far as user agents go. */
export const BROWSER =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15';

/** The fields the survey page's script fills in, as a person's browser would send them after three taps. */
export const formSignalsOf = (page: string): Record<string, string> => {
  const stamp = /name="stamp" value="([^"]*)"/.exec(page)?.[1] ?? '';
  return { stamp, proof: scriptProofOf(stamp, 3), interactions: '3' };
};

/** The contract's example interaction under a fresh id, its customer without a phone (so invited by email). */
export const interaction = (overrides: Record<string, unknown> = {}) => {
  const { phone: _phone, ...customer } = structuredClone(CONTRACT_EXAMPLE).customer;
  return {
    ...structuredClone(CONTRACT_EXAMPLE),
    interactionId: `zd-${Math.random().toString(36).slice(2, 10)}`,
    customer,
    ...overrides,
  };
};

/** The survey links of an SESv2 SendEmail input's text part, by score. */
export const surveyLinks = (sendEmailInput: any): Map<number, string> => {
  const text: string = sendEmailInput.Content.Simple.Body.Text.Data;
  return new Map([...text.matchAll(/^(\d+): (\S+)$/gm)].map((m) => [Number(m[1]), m[2] as string]));
};

/**
 * Sends an NPS interaction of `team` through the local runtime and answers it as a person would, with
 * `score` and `comment`; answers its ids once everything that follows has settled.
 */
export const answeredInteraction = async (
  runtime: LocalRuntime,
  {
    team,
    score,
    comment,
    customer = {},
  }: { team: string; score: number; comment: string; customer?: Record<string, unknown> },
) => {
  const api = clientFor(runtime);
  // A customer of their own, whom no earlier survey makes too tired to be asked.
  const who = `${team}-${Math.random().toString(36).slice(2, 8)}`;
  const address = `${who}@example.com`;
  const event = interaction({ team, customer: { id: `c-${who}`, email: address, name: 'Mei', ...customer } });
  await api.post('/interactions', event);
  await runtime.settled();
  const email = (await api.outbox('email')).filter((sent) =>
    sent.input.Destination.ToAddresses.includes(address),
  );
  if (email.length === 0) {
    throw new Error(
      `no invitation went to ${address}: ${(await api.get(`/invitations/${event.interactionId}`)).text}`,
    );
  }
  const link = surveyLinks(email.at(-1).input).get(score) as string;
  await api.answerAsPerson(new URL(link).pathname, { score: String(score), comment });
  await runtime.settled();
  const { invitationId } = (await api.get(`/invitations/${event.interactionId}`)).json;
  return { interactionId: event.interactionId as string, invitationId: invitationId as string, link };
};
