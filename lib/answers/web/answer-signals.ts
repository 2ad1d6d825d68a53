import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AnswerSignals } from '../../invitations/response.js';

export type { AnswerSignals };

export interface AnswerVerdict {
  suspect: boolean;
  /** Why, in words a reviewer reads before releasing it; empty for a person's answer. */
  reasons: string[];
}

/** A person reads the question before answering: less than this between page and POST is a machine. */
export const MIN_DWELL_MS = 2_000;
/** Scanners fetch within seconds of delivery; a POST with no script this soon after the send is held. */
export const SCANNER_WINDOW_MS = 60_000;

/** User agents of mail scanners, link expanders and HTTP libraries, none of them a person's browser. */
const SCANNER_AGENTS = [
  /HeadlessChrome/i,
  /PhantomJS/i,
  /Barracuda/i,
  /Proofpoint/i,
  /Mimecast/i,
  /BingPreview/i,
  /SafeLinks/i,
  /Microsoft Office/i,
  /ms-office/i,
  /python-requests|aiohttp|Go-http-client|okhttp|Java\/|libwww-perl|Wget|node-fetch|undici|axios/i,
  /bot\b|crawler|spider|preview/i,
];

export const isScannerAgent = (userAgent: string): boolean =>
  userAgent.trim() === '' || SCANNER_AGENTS.some((pattern) => pattern.test(userAgent));

/** What is on record already when a POST arrives, as far as judging it goes. */
export interface AnswerContext {
  /**
   * A person's counted answer is on record with the score this POST keeps: only its comment can
   * change. Such a POST is not judged on page dwell (see {@link judgeAnswer}).
   */
  keepsCountedScore: boolean;
}

/**
 * Whether an answer is a person's. Any one sign of a machine makes it suspect: a scanner's user agent,
 * a POST without a page the server rendered for this invitation, or sooner than {@link MIN_DWELL_MS}
 * after it; a page script that ran but saw no tap, click or key. A browser with JavaScript off sends
 * no script signals: its answer counts when it came at least {@link MIN_DWELL_MS} after the page and
 * more than {@link SCANNER_WINDOW_MS} after the send, and is held otherwise.
 *
 * The dwell rule is about reading the question before answering it. A POST that keeps the score of a
 * person's counted answer (`context.keepsCountedScore`) comes from someone who read the question
 * already: the comment the page asks for next may well be short, pasted, dictated or autocompleted
 * within 2 s. It is still judged on everything else, and it still needs a genuine stamp of this
 * invitation's page. No distinct stamp for that comment step is needed: the score, the only thing a
 * metric or an alert reads, cannot move under this exemption, and a scanner never writes a comment (it
 * posts the form as rendered, the recorded comment in it), while a person may come back to comment
 * from the email's link as well as from the thank-you page, both the same page.
 */
export const judgeAnswer = (
  signals: AnswerSignals,
  context: AnswerContext = { keepsCountedScore: false },
): AnswerVerdict => {
  const reasons: string[] = [];
  if (isScannerAgent(signals.userAgent))
    reasons.push(
      `the user agent is a scanner's or a library's: ${signals.userAgent.slice(0, 120) || '(none)'}`,
    );
  if (signals.pageDwellMs === null) reasons.push('posted without loading the survey page');
  else if (signals.pageDwellMs < MIN_DWELL_MS && !context.keepsCountedScore)
    reasons.push(`posted ${signals.pageDwellMs} ms after the page loaded`);
  if (signals.scriptRan && signals.interactions === 0)
    reasons.push('the page script ran, but saw no tap, click or key');
  if (!signals.scriptRan && signals.sinceSentMs !== null && signals.sinceSentMs < SCANNER_WINDOW_MS) {
    reasons.push(`no page script, ${Math.round(signals.sinceSentMs / 1000)} s after the invitation was sent`);
  }
  return { suspect: reasons.length > 0, reasons };
};

/**
 * The stamp a rendered page carries: when it was rendered, bound to the invitation by an HMAC, so
 * that a POST proves it followed a page load and the dwell is measured on the server's clock.
 */
export const signPageStamp = (invitationId: string, renderedAt: Date, key: string): string => {
  const at = renderedAt.getTime().toString(36);
  return `${at}.${stampMac(invitationId, at, key)}`;
};

/** The render time of a genuine stamp for this invitation, or null. */
export const verifyPageStamp = (stamp: string, invitationId: string, key: string): Date | null => {
  const match = /^([0-9a-z]{1,12})\.([\w-]{22})$/.exec(stamp);
  if (!match?.[1] || !match[2]) return null;
  const expected = Buffer.from(stampMac(invitationId, match[1], key));
  const given = Buffer.from(match[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return new Date(Number.parseInt(match[1], 36));
};

/** What the page script answers to a stamp: proof it ran, not a secret (the script is public). */
export const scriptProofOf = (stamp: string): string => [...stamp].reverse().join('');

const stampMac = (invitationId: string, at: string, key: string) =>
  createHmac('sha256', key)
    .update(`page:${invitationId}:${at}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
