/** How alerts name the surveys. */
export const SURVEY_NAMES = { nps: 'NPS', csat: 'CSAT', ces: 'CES' } as const;

/** A customer's text quoted line by line, so that it cannot pass for one of the alert's own lines. */
export const quoted = (text: string): string =>
  text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
