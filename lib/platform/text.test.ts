import { describe, expect, it } from 'vitest';
import { illFormedPath, isWellFormed, singleLine, wellFormed } from './text.js';

describe('well-formed text', () => {
  it.each([
    ['a lone high surrogate', 'ok \ud800 ok', 'ok \ufffd ok'],
    ['a lone low surrogate', '\udc00end', '\ufffdend'],
    ['a high surrogate at the end', 'end\ud83d', 'end\ufffd'],
    ['two high surrogates, then a pair', '\ud83d\ud83d\ude00', '\ufffd\ud83d\ude00'],
  ])('repairs %s with one replacement character each', (_name, text, repaired) => {
    expect(isWellFormed(text)).toBe(false);
    expect(wellFormed(text)).toBe(repaired);
    expect(isWellFormed(wellFormed(text))).toBe(true);
  });

  it('leaves well-formed text as it is, emoji and Chinese included', () => {
    const text = 'great 😀 服务很好';
    expect(isWellFormed(text)).toBe(true);
    expect(wellFormed(text)).toBe(text);
  });

  it('finds the first ill-formed value or key in a parsed body, by its path', () => {
    expect(illFormedPath({ customer: { name: 'Ana' }, tags: ['a', 'b'] })).toBeNull();
    expect(illFormedPath({ customer: { name: 'A\ud800' } })).toEqual(['customer', 'name']);
    expect(illFormedPath({ tags: ['a', '\udc00'] })).toEqual(['tags', 1]);
    expect(illFormedPath({ attributes: { 'k\ud800': 'v' } })).toEqual(['attributes', 'k\ufffd']);
  });
});

describe('singleLine', () => {
  const label = singleLine(20);

  it.each([
    ['LF', 'a\nb'],
    ['CR', 'a\rb'],
    ['VT', 'a\vb'],
    ['FF', 'a\fb'],
    ['NEL', 'a\u0085b'],
    ['LINE SEPARATOR', 'a\u2028b'],
    ['PARAGRAPH SEPARATOR', 'a\u2029b'],
    ['a NUL', 'a\u0000b'],
    ['a right-to-left override', 'a\u202eb'],
    ['a first-strong isolate', 'a\u2068b'],
  ])('refuses a label holding %s', (_name, text) => {
    const result = label.safeParse(text);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      'must be one line, without control or bidi-override characters',
    );
  });

  it('takes names in any script, trimmed, and counts their length', () => {
    expect(label.parse('  José Núñez ')).toBe('José Núñez');
    expect(label.parse('王小明')).toBe('王小明');
    expect(label.parse('\u05d3\u05e0\u05d4 \u200f')).toBe('\u05d3\u05e0\u05d4 \u200f');
    expect(label.safeParse('x'.repeat(21)).success).toBe(false);
  });
});
