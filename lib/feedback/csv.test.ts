import { describe, expect, it } from 'vitest';
import { aResponse } from '../../test/support/samples.js';
import { csvCell, responsesCsv } from './csv.js';
import { entryOf } from './entry.js';

const HEADER =
  'interactionId,survey,score,category,comment,answeredAt,updatedAt,team,agent,channel,touchpoint,locale,suspect,sentiment,topics,caseId';

/**
 * The cells of a CSV text as RFC 4180 reads them: quoted cells may hold commas, CRLF and doubled
 * quotes. Enough of a reader to show what a spreadsheet would see.
 */
const readCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += c;
  }
  return rows;
};

describe('responsesCsv', () => {
  it('starts with a byte-order mark and a header row, and ends every row with CRLF', () => {
    const text = responsesCsv([entryOf(aResponse({ comment: '' }), { caseId: 'case-1' })]);

    expect(text.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.slice(1).split('\r\n')).toHaveLength(3);
    expect(readCsv(text.slice(1))[1]).toEqual([
      'zd-48213',
      'nps',
      '3',
      'detractor',
      '',
      '2026-11-26T10:15:02.113Z',
      '2026-11-26T10:15:02.113Z',
      'billing',
      '',
      'phone',
      'support-ticket',
      '',
      'false',
      '',
      '',
      'case-1',
    ]);
  });

  it('keeps a Chinese comment as it is, in UTF-8', () => {
    const comment = '等了很久，客服态度很好。';
    const text = responsesCsv([entryOf(aResponse({ comment, locale: 'zh-CN' }))]);

    const bytes = Buffer.from(text, 'utf8');
    const read = readCsv(bytes.subarray(3).toString('utf8'));

    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(read[1]?.[4]).toBe(comment);
    expect(read[1]?.[11]).toBe('zh-CN');
  });

  it('quotes a comment with commas, quotes and line breaks, and reads back the same words', () => {
    const comment = 'She said "call me", then\nnobody did, twice';
    const text = responsesCsv([entryOf(aResponse({ comment }))]);

    expect(text).toContain('"She said ""call me"", then\nnobody did, twice"');
    expect(readCsv(text.slice(1))[1]?.[4]).toBe(comment);
  });

  it('joins topics with a semicolon', () => {
    const text = responsesCsv([
      entryOf(aResponse(), { topics: ['waiting', 'staff'], sentiment: 'negative' }),
    ]);

    expect(readCsv(text.slice(1))[1]?.slice(13, 15)).toEqual(['negative', 'waiting;staff']);
  });
});

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://evil.example")', `"'=HYPERLINK(""http://evil.example"")"`],
    ['+1 555 0100', "'+1 555 0100"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tindented', "'\tindented"],
    ['\rcarriage', `"'\rcarriage"`],
    ['plain words', 'plain words'],
    ['a, b', '"a, b"'],
  ])('escapes %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('writes numbers and booleans as they are, and nothing for what is absent', () => {
    expect([csvCell(0), csvCell(false), csvCell(undefined), csvCell(null)]).toEqual(['0', 'false', '', '']);
  });
});
