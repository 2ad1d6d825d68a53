import { describe, expect, it } from 'vitest';
import {
  type AnswerSignals,
  isScannerAgent,
  judgeAnswer,
  PAGE_STAMP_MAX_AGE_MS,
  scriptProofOf,
  signPageStamp,
  verifyPageStamp,
} from './answer-signals.js';

const PHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

const person = (overrides: Partial<AnswerSignals> = {}): AnswerSignals => ({
  scriptRan: true,
  interactions: 3,
  pageDwellMs: 6_500,
  sinceSentMs: 3_600_000,
  userAgent: PHONE_SAFARI,
  ...overrides,
});

describe('judgeAnswer', () => {
  it("takes a person's answer: script ran, taps seen, seconds on the page", () => {
    expect(judgeAnswer(person())).toEqual({ suspect: false, reasons: [] });
  });

  it.each([
    ['a scanner user agent', { userAgent: 'Mozilla/5.0 (compatible; BingPreview/1.0b)' }, /user agent/],
    ['a headless browser', { userAgent: 'Mozilla/5.0 HeadlessChrome/156.0' }, /user agent/],
    ['no user agent at all', { userAgent: '' }, /user agent/],
    ['a POST without the page', { pageDwellMs: null }, /without loading the survey page/],
    ['a POST 400 ms after the page', { pageDwellMs: 400 }, /400 ms after the page loaded/],
    ['a script that saw nobody', { interactions: 0 }, /saw no tap, click or key/],
    [
      'no script within a minute of the send',
      { scriptRan: false, interactions: 0, sinceSentMs: 20_000 },
      /no page script, 20 s after/,
    ],
    [
      'a POST from a page loaded more than a day before',
      { pageDwellMs: PAGE_STAMP_MAX_AGE_MS + 3_600_000 },
      /posted 25 h after the page loaded; a page takes answers for 24 h/,
    ],
    [
      'a POST from a page that sent another answer already',
      { stampUsedBefore: true },
      /its page had sent a different answer already/,
    ],
  ] as const)('holds %s as suspect, saying why', (_case, overrides, reason) => {
    const verdict = judgeAnswer(person(overrides));

    expect(verdict.suspect).toBe(true);
    expect(verdict.reasons.join('; ')).toMatch(reason);
  });

  it('does not judge on dwell a POST that keeps the score of a counted answer, but on all the rest', () => {
    const keeps = { keepsCountedScore: true };

    expect(judgeAnswer(person({ pageDwellMs: 400 }), keeps)).toEqual({ suspect: false, reasons: [] });
    expect(judgeAnswer(person({ pageDwellMs: 400 })).reasons).toEqual([
      'posted 400 ms after the page loaded',
    ]);
    expect(judgeAnswer(person({ pageDwellMs: null }), keeps).reasons).toEqual([
      'posted without loading the survey page',
    ]);
    expect(judgeAnswer(person({ pageDwellMs: 400, interactions: 0 }), keeps).reasons).toEqual([
      'the page script ran, but saw no tap, click or key',
    ]);
    expect(
      judgeAnswer(person({ pageDwellMs: 400, userAgent: 'python-requests/2.32.3' }), keeps).suspect,
    ).toBe(true);
  });

  it('takes an answer from a browser with JavaScript off when it came like a person', () => {
    expect(
      judgeAnswer(person({ scriptRan: false, interactions: 0, pageDwellMs: 9_000, sinceSentMs: 600_000 }))
        .suspect,
    ).toBe(false);
  });

  it('tells browsers from scanners by user agent', () => {
    expect(isScannerAgent(PHONE_SAFARI)).toBe(false);
    expect(
      isScannerAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0',
      ),
    ).toBe(false);
    expect(isScannerAgent('python-requests/2.32.3')).toBe(true);
    expect(isScannerAgent('Mozilla/4.0 (compatible; ms-office; MSOffice 16)')).toBe(true);
  });
});

describe('page stamps', () => {
  const at = new Date('2026-11-26T11:00:00.000Z');

  it('gives back the render time and id of a genuine stamp, and nothing for another invitation or a changed one', () => {
    const stamp = signPageStamp('inv-1', at, 'key', 'AAAAAAAAAAA');

    expect(verifyPageStamp(stamp, 'inv-1', 'key')).toEqual({ renderedAt: at, id: 'AAAAAAAAAAA' });
    expect(verifyPageStamp(stamp, 'inv-2', 'key')).toBeNull();
    expect(verifyPageStamp(stamp, 'inv-1', 'other-key')).toBeNull();
    expect(verifyPageStamp(stamp.replace(/^./, 'z'), 'inv-1', 'key')).toBeNull();
    expect(verifyPageStamp(stamp.replace('AAAAAAAAAAA', 'AAAAAAAAAAB'), 'inv-1', 'key')).toBeNull();
    expect(verifyPageStamp('', 'inv-1', 'key')).toBeNull();
  });

  it('stamps each rendering of a page apart, even in the same millisecond', () => {
    const stamps = new Set(Array.from({ length: 50 }, () => signPageStamp('inv-1', at, 'key')));

    expect(stamps.size).toBe(50);
    for (const stamp of stamps) expect(verifyPageStamp(stamp, 'inv-1', 'key')?.renderedAt).toEqual(at);
  });

  it('takes as proof a hash of the stamp and the count, which neither the reversed stamp nor another count matches', () => {
    const stamp = signPageStamp('inv-1', at, 'key', 'AAAAAAAAAAA');

    expect(scriptProofOf(stamp, 3)).toMatch(/^[0-9a-z]{1,7}$/);
    expect(scriptProofOf(stamp, 3)).toBe(scriptProofOf(stamp, 3));
    expect(scriptProofOf(stamp, 3)).not.toBe(scriptProofOf(stamp, 4));
    expect(scriptProofOf(stamp, 3)).not.toBe([...stamp].reverse().join(''));
  });
});
