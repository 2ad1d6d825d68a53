import * as z from 'zod';

/**
 * The rules for text that comes from outside. A JavaScript string may hold a lone UTF-16 surrogate
 * (`"\ud800"` in a JSON body): stored as it is, it later breaks whatever must encode it (the SNS
 * client throws while serialising an alert). So no such string goes further than the edge that
 * received it: a customer's own words are repaired, one replacement character for each lone half, so
 * that nothing they wrote is lost; anything else is refused, naming the field.
 */

/** A high surrogate with no low one after it, or a low one with no high one before it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const EVERY_LONE_SURROGATE = new RegExp(LONE_SURROGATE.source, 'g');

export const REPLACEMENT_CHARACTER = '\ufffd';

export const isWellFormed = (text: string): boolean => !LONE_SURROGATE.test(text);

/** The text with each lone surrogate replaced by U+FFFD: what a UTF-8 encoder would have written. */
export const wellFormed = (text: string): string => text.replace(EVERY_LONE_SURROGATE, REPLACEMENT_CHARACTER);

/**
 * The path to the first string (value or object key) in a parsed value that is not well-formed
 * Unicode, or null when there is none.
 */
export const illFormedPath = (value: unknown, path: PropertyKey[] = []): PropertyKey[] | null => {
  if (typeof value === 'string') return isWellFormed(value) ? null : path;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = illFormedPath(item, [...path, index]);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (!isWellFormed(key)) return [...path, wellFormed(key)];
      const found = illFormedPath(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
};

/**
 * Every character that ends a line somewhere: LF, CR, VT, FF, NEL, and Unicode's line and paragraph
 * separators. Text quoted into a message is split on all of them, not only on LF.
 */
export const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/;

/** C0 and C1 controls (line breaks among them), line and paragraph separators, bidi embeddings, overrides and isolates. */
const CONTROL_OR_BIDI = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/**
 * A name or label that is shown on one line of an email or an alert (a customer's name, a team, an
 * agent, a touchpoint, an attribute's name): trimmed, at most `max` characters, one line, with no
 * control or bidi-override character that could start a line of its own or reorder the text around it.
 */
export const singleLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine(
      (text) => !CONTROL_OR_BIDI.test(text),
      'must be one line, without control or bidi-override characters',
    );
