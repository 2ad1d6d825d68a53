import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
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
/**
 * How long a rendered page takes answers: a day. A stamp posted later is held (the words kept for a
 * lead to release), not counted: a stamp is not a key to the answer for the 30 days the survey is open.
 */
export const PAGE_STAMP_MAX_AGE_MS = 24 * 60 * 60_000;

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
 * a POST without a page the server rendered for this invitation, sooner than {@link MIN_DWELL_MS}
 * after it, later than {@link PAGE_STAMP_MAX_AGE_MS} after it, or from a page whose stamp sent another
 * answer already (see {@link AnswerSignals.stampUsedBefore}); a page script that ran but saw no tap,
 * click or key. A browser with JavaScript off sends no script signals: its answer counts when it came
 * at least {@link MIN_DWELL_MS} after the page and more than {@link SCANNER_WINDOW_MS} after the send,
 * and is held otherwise.
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
  else if (signals.pageDwellMs > PAGE_STAMP_MAX_AGE_MS)
    reasons.push(
      `posted ${Math.floor(signals.pageDwellMs / 3_600_000)} h after the page loaded; a page takes answers for ${PAGE_STAMP_MAX_AGE_MS / 3_600_000} h`,
    );
  if (signals.stampUsedBefore)
    reasons.push(
      'its page had sent a different answer already (sent again from a page kept open, or copied)',
    );
  if (signals.scriptRan && signals.interactions === 0)
    reasons.push('the page script ran, but saw no tap, click or key');
  if (!signals.scriptRan && signals.sinceSentMs !== null && signals.sinceSentMs < SCANNER_WINDOW_MS) {
    reasons.push(`no page script, ${Math.round(signals.sinceSentMs / 1000)} s after the invitation was sent`);
  }
  return { suspect: reasons.length > 0, reasons };
};

/** What a genuine page stamp says: when the page was rendered, and which rendering it was. */
export interface PageStamp {
  renderedAt: Date;
  /** Random per rendering, so that each page's stamp is its own and can be used once. */
  id: string;
}

/**
 * The stamp a rendered page carries: when it was rendered and a random id, bound to the invitation by
 * an HMAC, so that a POST proves it followed a page load, the dwell is measured on the server's clock,
 * and each rendering can be told apart from every other (one POST each: see record-answer).
 */
export const signPageStamp = (
  invitationId: string,
  renderedAt: Date,
  key: string,
  id: string = randomBytes(8).toString('base64url'),
): string => {
  const at = renderedAt.getTime().toString(36);
  return `${at}.${id}.${stampMac(invitationId, at, id, key)}`;
};

/** The render time and id of a genuine stamp for this invitation, or null. */
export const verifyPageStamp = (stamp: string, invitationId: string, key: string): PageStamp | null => {
  const match = /^([0-9a-z]{1,12})\.([\w-]{11})\.([\w-]{22})$/.exec(stamp);
  if (!match?.[1] || !match[2] || !match[3]) return null;
  const expected = Buffer.from(stampMac(invitationId, match[1], match[2], key));
  const given = Buffer.from(match[3]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { renderedAt: new Date(Number.parseInt(match[1], 36)), id: match[2] };
};

/**
 * The page script's hash of its stamp and the count of taps, clicks and keys it reports (32-bit
 * FNV-1a, base 36), written the same way in the script (see survey-page). It proves only that code
 * like the page's script ran on this page's stamp and bound the count it reports to it: the script is
 * public and so is this function, so anyone who reads the page can compute it. It is no secret and
 * keeps no determined script out; it tells a form sent with a hand-set count, or by something that
 * never ran the page, from one a browser's script filled in. What bounds a script are the dwell on
 * the server's clock, one POST per stamp, the cap on changes and the coalesced case updates.
 */
export const scriptProofOf = (stamp: string, interactions: number): string => {
  const text = `${stamp}:${interactions}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
};

const stampMac = (invitationId: string, at: string, id: string, key: string) =>
  createHmac('sha256', key)
    .update(`page:${invitationId}:${at}:${id}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
