import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { isOnScale, SURVEYS, type Survey, scoresOf } from '../../surveys/scales.js';
import {
  MAX_SMS_COMMENT_LENGTH,
  MAX_SMS_REPLY_LENGTH,
  parseSmsReply,
  type SmsReply,
  type SmsReplyOptions,
} from './parse-sms-reply.js';

interface Row {
  text: string;
  survey: Survey;
  options?: SmsReplyOptions;
  expected: SmsReply;
}

const score = (value: number, comment = ''): SmsReply => ({ kind: 'score', score: value, comment });
const unreadable = (text: string): SmsReply => ({ kind: 'unreadable', text });
const optOut = (keyword: string): SmsReply => ({ kind: 'opt-out', keyword });
const optIn = (keyword: string): SmsReply => ({ kind: 'opt-in', keyword });
const comment = (text: string): SmsReply => ({ kind: 'comment', comment: text });
const HAS_SCORE = { hasScore: true };

const CORPUS: Row[] = [
  // Digits, alone or dressed up
  { text: '9', survey: 'nps', expected: score(9) },
  { text: '10!', survey: 'nps', expected: score(10) },
  { text: ' 9 ', survey: 'nps', expected: score(9) },
  { text: '9.', survey: 'nps', expected: score(9) },
  { text: '#9', survey: 'nps', expected: score(9) },
  { text: '(5)', survey: 'ces', expected: score(5) },
  { text: '09', survey: 'nps', expected: score(9) },
  { text: '0', survey: 'nps', expected: score(0) },
  { text: '\t 7 \n ', survey: 'nps', expected: score(7) },
  { text: '9/10', survey: 'nps', expected: score(9) },
  { text: '9 / 10', survey: 'nps', expected: score(9) },
  { text: '9 out of 10', survey: 'nps', expected: score(9) },
  { text: '4/5', survey: 'csat', expected: score(4) },
  { text: '6/7', survey: 'ces', expected: score(6) },
  { text: 'score: 8', survey: 'nps', expected: score(8) },
  { text: 'Rating 4', survey: 'csat', expected: score(4) },
  { text: '９', survey: 'nps', expected: score(9) },
  { text: '１０／１０', survey: 'nps', expected: score(10) },
  { text: '\u200B8\u200B', survey: 'nps', expected: score(8) },
  { text: '9\uFE0F\u20E3', survey: 'nps', expected: score(9) },
  // Digits with a comment
  { text: '8 - great service', survey: 'nps', expected: score(8, 'great service') },
  { text: '3 the wait was awful', survey: 'nps', expected: score(3, 'the wait was awful') },
  { text: '10 👍', survey: 'nps', expected: score(10, '👍') },
  { text: '10 :)', survey: 'nps', expected: score(10, ':)') },
  { text: '2, rude agent', survey: 'csat', expected: score(2, 'rude agent') },
  { text: '10/10 would recommend', survey: 'nps', expected: score(10, 'would recommend') },
  {
    text: '6: the app crashed.\r\n\r\nTwice!  ',
    survey: 'nps',
    expected: score(6, 'the app crashed.\nTwice!'),
  },
  {
    text: '9 the agent fixed it in 5 minutes',
    survey: 'nps',
    expected: score(9, 'the agent fixed it in 5 minutes'),
  },
  // Number words
  { text: 'Nine!', survey: 'nps', expected: score(9) },
  { text: 'TEN', survey: 'nps', expected: score(10) },
  { text: 'zero.', survey: 'nps', expected: score(0) },
  { text: 'four', survey: 'csat', expected: score(4) },
  { text: 'nine, the agent was kind', survey: 'nps', expected: score(9, 'the agent was kind') },
  { text: 'Ten out of ten would recommend', survey: 'nps', expected: score(10, 'would recommend') },
  { text: 'one of the best', survey: 'nps', expected: unreadable('one of the best') },
  { text: 'ninety', survey: 'nps', expected: unreadable('ninety') },
  // Chinese
  { text: '九分', survey: 'nps', expected: score(9) },
  { text: '8分', survey: 'nps', expected: score(8) },
  { text: '十', survey: 'nps', expected: score(10) },
  { text: '9分', survey: 'nps', expected: score(9) },
  { text: '两分。', survey: 'csat', expected: score(2) },
  { text: '九分', survey: 'nps', options: { locale: 'en-GB' }, expected: score(9) },
  { text: '9分，服务很好', survey: 'nps', expected: score(9, '服务很好') },
  { text: '十分', survey: 'nps', expected: unreadable('十分') },
  { text: '十分满意', survey: 'csat', expected: unreadable('十分满意') },
  { text: '九分', survey: 'csat', expected: unreadable('九分') },
  // Off the scale, fractional or ambiguous
  { text: '9/10', survey: 'csat', expected: unreadable('9/10') },
  { text: '6/10', survey: 'ces', expected: unreadable('6/10') },
  { text: '11', survey: 'nps', expected: unreadable('11') },
  { text: '0', survey: 'csat', expected: unreadable('0') },
  { text: '8', survey: 'ces', expected: unreadable('8') },
  { text: '-1', survey: 'nps', expected: unreadable('-1') },
  { text: '7.5', survey: 'nps', expected: unreadable('7.5') },
  { text: '7 or 8', survey: 'nps', expected: unreadable('7 or 8') },
  { text: '7-8', survey: 'nps', expected: unreadable('7-8') },
  { text: '555-1234', survey: 'nps', expected: unreadable('555-1234') },
  { text: '1,000', survey: 'nps', expected: unreadable('1,000') },
  { text: '9:30', survey: 'nps', expected: unreadable('9:30') },
  { text: '9am', survey: 'nps', expected: unreadable('9am') },
  { text: 'I would say 9', survey: 'nps', expected: unreadable('I would say 9') },
  // Nothing to read
  { text: '👍👍', survey: 'nps', expected: unreadable('👍👍') },
  { text: '   ', survey: 'nps', expected: unreadable('') },
  { text: 'maybe', survey: 'nps', expected: unreadable('maybe') },
  { text: 'good', survey: 'csat', expected: unreadable('good') },
  { text: "the wait won't stop", survey: 'nps', expected: unreadable("the wait won't stop") },
  { text: 'start again please', survey: 'nps', expected: unreadable('start again please') },
  // Keywords
  { text: 'STOP', survey: 'nps', expected: optOut('STOP') },
  { text: 'stop.', survey: 'nps', expected: optOut('STOP') },
  { text: '  Stop!  ', survey: 'csat', expected: optOut('STOP') },
  { text: 'S\u200BTOP', survey: 'nps', expected: optOut('STOP') },
  { text: 'please stop sending me these', survey: 'nps', expected: optOut('STOP') },
  { text: 'STOP 9', survey: 'nps', expected: optOut('STOP') },
  { text: 'cancel', survey: 'nps', expected: optOut('CANCEL') },
  { text: 'End', survey: 'ces', expected: optOut('END') },
  { text: 'quit!!', survey: 'nps', expected: optOut('QUIT') },
  { text: 'UNSUBSCRIBE', survey: 'nps', expected: optOut('UNSUBSCRIBE') },
  { text: 'opt-out', survey: 'nps', expected: optOut('OPT-OUT') },
  { text: 'OptOut', survey: 'nps', expected: optOut('OPTOUT') },
  { text: 'Remove me from your list', survey: 'nps', expected: optOut('REMOVE') },
  { text: 'ARRET', survey: 'nps', expected: optOut('ARRET') },
  { text: 'Arrêt', survey: 'nps', expected: optOut('ARRET') },
  { text: 'td', survey: 'nps', expected: optOut('TD') },
  { text: 'START', survey: 'nps', expected: optIn('START') },
  { text: 'unstop', survey: 'nps', expected: optIn('UNSTOP') },
  { text: 'HELP', survey: 'nps', expected: { kind: 'help' } },
  { text: 'info?', survey: 'csat', expected: { kind: 'help' } },
  // The invitation already has a score
  { text: 'good', survey: 'csat', options: HAS_SCORE, expected: comment('good') },
  {
    text: "Also, the wait won't stop",
    survey: 'nps',
    options: HAS_SCORE,
    expected: comment("Also, the wait won't stop"),
  },
  { text: 'line one\nline two', survey: 'nps', options: HAS_SCORE, expected: comment('line one\nline two') },
  { text: '👍', survey: 'nps', options: HAS_SCORE, expected: comment('👍') },
  { text: '7 or 8', survey: 'nps', options: HAS_SCORE, expected: comment('7 or 8') },
  { text: '11', survey: 'nps', options: HAS_SCORE, expected: comment('11') },
  { text: '8', survey: 'nps', options: HAS_SCORE, expected: score(8) },
  { text: '10 actually, sorry', survey: 'nps', options: HAS_SCORE, expected: score(10, 'actually, sorry') },
  { text: 'STOP', survey: 'nps', options: HAS_SCORE, expected: optOut('STOP') },
  { text: ' ', survey: 'nps', options: HAS_SCORE, expected: unreadable('') },
];

const KINDS = ['score', 'comment', 'opt-out', 'opt-in', 'help', 'unreadable'];

describe('parseSmsReply', () => {
  it.each(CORPUS)('reads $text on $survey as $expected.kind', ({ text, survey, options, expected }) => {
    // Act
    const reply = parseSmsReply(text, survey, options);

    // Assess
    expect(reply).toEqual(expected);
  });

  it('reads every on-scale integer with surrounding whitespace and punctuation as that score', () => {
    const before = fc.array(fc.constantFrom(' ', '\t', '\n', '\u00A0', '#', '(', '"', '*'), { maxLength: 4 });
    const after = fc.array(fc.constantFrom(' ', '\t', '\n', '.', '!', '?', ')', '"', '*'), { maxLength: 4 });
    const surveyAndScore = fc
      .constantFrom(...SURVEYS)
      .chain((survey) => fc.tuple(fc.constant(survey), fc.constantFrom(...scoresOf(survey))));
    fc.assert(
      fc.property(surveyAndScore, before, after, fc.boolean(), ([survey, n], prefix, suffix, fullWidth) => {
        // Prepare
        const digits = fullWidth
          ? String(n).replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))
          : String(n);

        // Act
        const reply = parseSmsReply(prefix.join('') + digits + suffix.join(''), survey);

        // Assess
        expect(reply).toEqual(score(n));
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary text and returns a known kind with any score on the scale', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 3000 }),
      fc.string({ unit: 'binary', maxLength: 3000 }),
      fc.string({ unit: 'grapheme', maxLength: 200 }),
    );
    fc.assert(
      fc.property(text, fc.constantFrom(...SURVEYS), fc.boolean(), (message, survey, hasScore) => {
        // Act
        const reply = parseSmsReply(message, survey, { hasScore });

        // Assess
        expect(KINDS).toContain(reply.kind);
        if (reply.kind === 'score') expect(isOnScale(survey, reply.score)).toBe(true);
        if (reply.kind === 'score' || reply.kind === 'comment') {
          expect(reply.comment.length).toBeLessThanOrEqual(MAX_SMS_COMMENT_LENGTH);
        }
      }),
      { numRuns: 300 },
    );
  });

  /** What NFKC makes of the ligature U+FDFA: one character spelled out in 18. */
  const SALLALLAHU = 'صلى الله عليه وسلم';

  it.each([
    ['5,000 nines', '9'.repeat(5000), comment('9'.repeat(MAX_SMS_REPLY_LENGTH))],
    ['5,000 spaces and a letter', `${' '.repeat(5000)}x`, unreadable('')],
    ['3,000 "1/"', '1/'.repeat(3000), comment('1/'.repeat(MAX_SMS_REPLY_LENGTH / 2))],
    ['3,000 "9 "', '9 '.repeat(3000), comment('9 '.repeat(MAX_SMS_REPLY_LENGTH / 2).trim())],
    ['4,000 zeros', '0'.repeat(4000), score(0)],
    ['5,000 hyphens', '-'.repeat(5000), comment('-'.repeat(MAX_SMS_REPLY_LENGTH))],
    ['5,000 colons', ':'.repeat(5000), comment(':'.repeat(MAX_SMS_REPLY_LENGTH))],
    [
      '1,000 "please " and a stop',
      `${'please '.repeat(1000)}stop`,
      comment('please '.repeat(1000).slice(0, MAX_SMS_REPLY_LENGTH)),
    ],
    ['1,000 "nine "', 'nine '.repeat(1000), comment('nine '.repeat(MAX_SMS_REPLY_LENGTH / 5).trim())],
    [
      '1,000 "score: "',
      'score: '.repeat(1000),
      comment('score: '.repeat(1000).slice(0, MAX_SMS_REPLY_LENGTH)),
    ],
    ['5,000 zero-width joiners', '\u200D'.repeat(5000), unreadable('')],
    // 533 whole emoji fit in the first 1,600 units; the joiner after the last one joins nothing.
    ['3,000 joined emoji', '👍\u200D'.repeat(3000), comment(`${'👍\u200D'.repeat(532)}👍`)],
    [
      '3,000 ligatures that NFKC lengthens',
      '\uFDFA'.repeat(3000),
      comment(SALLALLAHU.repeat(112).slice(0, MAX_SMS_COMMENT_LENGTH)),
    ],
  ])(
    'reads %s from its first MAX_SMS_REPLY_LENGTH characters, normalising no more',
    (_label, message, expected) => {
      // Prepare: every NFKC normalisation the parser asks for, and the length of what it normalises.
      const normalise = vi.spyOn(String.prototype, 'normalize');

      let reply: SmsReply;
      let nfkc: number[];
      try {
        // Act
        reply = parseSmsReply(message, 'nps', { hasScore: true });
        nfkc = normalise.mock.calls.flatMap((call, i) =>
          call[0] === 'NFKC' ? [String(normalise.mock.contexts[i]).length] : [],
        );
      } finally {
        normalise.mockRestore();
      }

      // Assess: the work is bounded by the cut, not by the message (nor by what NFKC makes of it).
      expect(reply).toEqual(expected);
      expect(nfkc.length).toBeGreaterThan(0);
      expect(Math.max(...nfkc)).toBeLessThanOrEqual(MAX_SMS_REPLY_LENGTH);
    },
  );

  it('reads only the first MAX_SMS_REPLY_LENGTH characters of a long message', () => {
    // Prepare
    const message = `9 ${'a'.repeat(3000)}`;

    // Act
    const reply = parseSmsReply(message, 'nps');

    // Assess
    expect(reply).toEqual(score(9, 'a'.repeat(MAX_SMS_REPLY_LENGTH - 2)));
  });

  it('cuts a comment that normalisation lengthened to MAX_SMS_COMMENT_LENGTH characters', () => {
    // Prepare: NFKC spells the one-character ligature U+FDFA out in 18 characters
    const message = `9 ${'\uFDFA'.repeat(200)}`;

    // Act
    const reply = parseSmsReply(message, 'nps');

    // Assess
    expect(reply.kind).toBe('score');
    expect(reply.kind === 'score' && reply.comment.length).toBe(MAX_SMS_COMMENT_LENGTH);
  });
});
