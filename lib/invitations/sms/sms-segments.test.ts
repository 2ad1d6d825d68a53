import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitsOneSegment, smsSizeOf } from './sms-segments.js';

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[]~|€';

const gsmBasicText = fc.string({ unit: fc.constantFrom(...GSM_BASIC), maxLength: 1000 });
const gsmText = fc.string({ unit: fc.constantFrom(...GSM_BASIC, ...GSM_EXTENSION), maxLength: 1000 });

describe('smsSizeOf', () => {
  describe.each([
    {
      encoding: 'GSM-7',
      char: 'a',
      lengthsAndSegments: [
        [0, 1],
        [1, 1],
        [160, 1],
        [161, 2],
        [306, 2],
        [307, 3],
        [459, 3],
        [460, 4],
      ],
    },
    {
      encoding: 'UCS-2',
      char: '谢',
      lengthsAndSegments: [
        [70, 1],
        [71, 2],
        [134, 2],
        [135, 3],
      ],
    },
  ])('in $encoding', ({ encoding, char, lengthsAndSegments }) => {
    it.each(lengthsAndSegments)(`bills %i of ${char} as %i segments`, (length, segments) => {
      // Prepare
      const text = char.repeat(length);

      // Act
      const size = smsSizeOf(text);

      // Assess
      expect(size).toEqual({ encoding, units: length, segments });
    });
  });

  it('keeps every character of the basic table in GSM-7 at one septet each', () => {
    // Act
    const size = smsSizeOf(GSM_BASIC);

    // Assess
    expect(size).toEqual({ encoding: 'GSM-7', units: [...GSM_BASIC].length, segments: 1 });
  });

  it.each([...GSM_EXTENSION])('counts the extension character %j as two septets', (char) => {
    // Prepare
    const text = `Price ${char}`;

    // Act
    const size = smsSizeOf(text);

    // Assess
    expect(size).toEqual({ encoding: 'GSM-7', units: 8, segments: 1 });
  });

  it('moves past one segment when extension characters fill it', () => {
    // Prepare
    const fits = `${'a'.repeat(158)}€`;
    const overflows = `${'a'.repeat(159)}€`;

    // Act
    const fitting = smsSizeOf(fits);
    const overflowing = smsSizeOf(overflows);

    // Assess
    expect(fitting).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(overflowing).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
  });

  it('does not split an escape sequence across parts', () => {
    // Prepare
    const text = `${'a'.repeat(152)}[${'a'.repeat(152)}`;

    // Act
    const size = smsSizeOf(text);

    // Assess
    expect(size).toEqual({ encoding: 'GSM-7', units: 306, segments: 3 });
  });

  it.each([
    ['a lower-case c-cedilla', 'ç'],
    ['a curly apostrophe', 'We’re'],
    ['curly quotes', '“Thanks”'],
    ['Chinese', '谢谢'],
    ['an acute a', 'á'],
    ['a tab', '\t'],
  ])('sends a text with %s as UCS-2', (_, text) => {
    // Act
    const size = smsSizeOf(`How did we do? ${text}`);

    // Assess
    expect(size.encoding).toBe('UCS-2');
  });

  it('keeps the capital C-cedilla in GSM-7', () => {
    // Act
    const size = smsSizeOf('Ç');

    // Assess
    expect(size).toEqual({ encoding: 'GSM-7', units: 1, segments: 1 });
  });

  it('bills a GSM-7 text made UCS-2 by one curly apostrophe at the UCS-2 rate', () => {
    // Prepare
    const text = `We’re sorry${'.'.repeat(60)}`;

    // Act
    const size = smsSizeOf(text);

    // Assess
    expect(size).toEqual({ encoding: 'UCS-2', units: 71, segments: 2 });
  });

  it('counts an emoji as two units', () => {
    // Act
    const size = smsSizeOf('Thanks 👍');

    // Assess
    expect(size).toEqual({ encoding: 'UCS-2', units: 9, segments: 1 });
  });

  it('fits 35 emoji in one segment and not 36', () => {
    // Act
    const fitting = smsSizeOf('👍'.repeat(35));
    const overflowing = smsSizeOf('👍'.repeat(36));

    // Assess
    expect(fitting).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(overflowing).toEqual({ encoding: 'UCS-2', units: 72, segments: 2 });
  });

  it('does not split a surrogate pair across parts', () => {
    // Prepare
    const text = `${'谢'.repeat(66)}👍${'谢'.repeat(66)}`;

    // Act
    const size = smsSizeOf(text);

    // Assess
    expect(size).toEqual({ encoding: 'UCS-2', units: 134, segments: 3 });
  });

  it('bills every text at least one segment', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (text) => {
        expect(smsSizeOf(text).segments).toBeGreaterThanOrEqual(1);
      }),
    );
  });

  it('bills a long basic-table text one segment per 153 septets', () => {
    fc.assert(
      fc.property(gsmBasicText, (text) => {
        const size = smsSizeOf(text);
        expect(size.encoding).toBe('GSM-7');
        expect(size.units).toBe([...text].length);
        if (size.units > 160) expect(size.segments).toBe(Math.ceil(size.units / 153));
      }),
    );
  });

  it('bills a long GSM-7 text with escapes 152 to 153 septets a segment', () => {
    fc.assert(
      fc.property(gsmText, (text) => {
        const size = smsSizeOf(text);
        expect(size.encoding).toBe('GSM-7');
        if (size.units > 160) {
          // An escape sequence pushed to the next part leaves at most one septet of a part unused.
          expect(size.segments).toBeGreaterThanOrEqual(Math.ceil(size.units / 153));
          expect(size.segments).toBeLessThanOrEqual(Math.ceil(size.units / 152));
        }
      }),
    );
  });

  it('bills a long UCS-2 text 66 to 67 units a segment', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }), (text) => {
        // The apostrophe makes it UCS-2 whatever fast-check draws.
        const size = smsSizeOf(`’${text}`);
        expect(size.encoding).toBe('UCS-2');
        expect(size.units).toBe(text.length + 1);
        if (size.units > 70) {
          expect(size.segments).toBeGreaterThanOrEqual(Math.ceil(size.units / 67));
          expect(size.segments).toBeLessThanOrEqual(Math.ceil(size.units / 66));
        }
      }),
    );
  });
});

describe('fitsOneSegment', () => {
  it.each([
    ['nothing', '', true],
    ['160 letters', 'a'.repeat(160), true],
    ['161 letters', 'a'.repeat(161), false],
    ['80 euro signs', '€'.repeat(80), true],
    ['81 euro signs', '€'.repeat(81), false],
    ['70 curly apostrophes', '’'.repeat(70), true],
    ['71 curly apostrophes', '’'.repeat(71), false],
  ])('says whether %s fit one segment', (_, text, expected) => {
    // Act
    const fits = fitsOneSegment(text);

    // Assess
    expect(fits).toBe(expected);
  });
});
