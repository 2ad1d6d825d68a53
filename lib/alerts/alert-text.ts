import { LINE_BREAK } from '../platform/text.js';

/** How alerts name the surveys. */
export const SURVEY_NAMES = { nps: 'NPS', csat: 'CSAT', ces: 'CES' } as const;

/**
 * Text from outside (a customer's comment, an integrator's attribute) quoted line by line, so that it
 * cannot pass for one of the alert's own lines: every line break a mail or chat client honours starts
 * a new quoted line.
 */
export const quoted = (text: string): string =>
  text
    .split(LINE_BREAK)
    .map((line) => `> ${line}`)
    .join('\n');

/** An answer's attributes, each quoted like a comment, under a heading; nothing when there are none. */
export const quotedAttributes = (attributes: Record<string, string> | undefined): string[] => {
  const entries = Object.entries(attributes ?? {});
  return entries.length === 0
    ? []
    : ['Attributes:', ...entries.map(([name, value]) => quoted(`${name}: ${value}`))];
};
