import { ENTRY_FIELDS, type FeedbackEntry } from './entry.js';

/** Spreadsheets read UTF-8 (Chinese comments included) only when the file starts with a byte-order mark. */
const BYTE_ORDER_MARK = '\uFEFF';

/**
 * One cell: a text a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
 * return) gets a leading `'`, which makes it text; then a cell holding a comma, a quote or a line
 * break is quoted, its quotes doubled (RFC 4180).
 */
export const csvCell = (value: unknown): string => {
  const text =
    value === undefined || value === null ? '' : Array.isArray(value) ? value.join(';') : String(value);
  const textual = typeof value !== 'number' && typeof value !== 'boolean';
  const safe = textual && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/**
 * A page of entries as CSV for a spreadsheet: a byte-order mark, a header row (the entry's fields),
 * one row per entry, every row ending in CRLF; topics are joined with `;`.
 */
export const responsesCsv = (entries: readonly FeedbackEntry[]): string =>
  BYTE_ORDER_MARK +
  [
    ENTRY_FIELDS.join(','),
    ...entries.map((entry) => ENTRY_FIELDS.map((field) => csvCell(entry[field])).join(',')),
  ]
    .map((row) => `${row}\r\n`)
    .join('');
