import { describe, expect, it } from 'vitest';
import { MAX_READ_LENGTH, normalizeComment } from './comment-text.js';

describe('normalizeComment', () => {
  it.each([
    ['lower case', 'The AGENT', 'the agent'],
    ['full-width letters and digits', 'ＡＰＰ１２３', 'app123'],
    ['full-width punctuation', '不是价格的问题，是质量！', '不是价格的问题,是质量!'],
    ['the ideographic space', '价格\u3000ok', '价格 ok'],
    ['curly apostrophes', 'didn’t ‘help’', "didn't 'help'"],
    ['invisible characters', 'wa\u200bit\u00ad\u200fed', 'waited'],
    ['runs of blanks', 'so \t  slow', 'so slow'],
    ['spaces between Chinese characters', '等 了  半 天 ok', '等了半天 ok'],
    ['a lone surrogate', 'ok\ud800', 'ok\ufffd'],
    ['markup, kept as text', '<B>Rude</B> &AMP;', '<b>rude</b> &amp;'],
  ])('reads %s', (_name, text, normal) => {
    expect(normalizeComment(text)).toBe(normal);
  });

  it('keeps line breaks, where clauses end', () => {
    expect(normalizeComment('slow\nrude')).toBe('slow\nrude');
  });

  it(`keeps at most ${MAX_READ_LENGTH} characters, even when NFKC lengthens the text`, () => {
    expect(normalizeComment('a'.repeat(MAX_READ_LENGTH + 10))).toHaveLength(MAX_READ_LENGTH);
    // U+FDFA is one character that NFKC writes as eighteen.
    expect(normalizeComment('\ufdfa'.repeat(MAX_READ_LENGTH)).length).toBeLessThanOrEqual(MAX_READ_LENGTH);
  });
});
