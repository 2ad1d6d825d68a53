/*
 * How the pages' tests read a rendered page without a browser: its start tags with their attributes,
 * and its text as a person reads it. The pages write every attribute double-quoted and escaped, so a
 * tag's attributes read back exactly.
 */

export interface StartTag {
  name: string;
  attributes: Record<string, string>;
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

const readEntities = (text: string): string =>
  text.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);

/** Every start tag of a page, in order, with its attributes unescaped (a bare attribute reads as ''). */
export const startTags = (html: string): StartTag[] =>
  [...html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*\/?>/g)].map(
    ([, name, attributes]) => ({
      name: (name ?? '').toLowerCase(),
      attributes: Object.fromEntries(
        [...(attributes ?? '').matchAll(/([\w:-]+)(?:="([^"]*)")?/g)].map(([, attribute, value]) => [
          attribute ?? '',
          readEntities(value ?? ''),
        ]),
      ),
    }),
  );

/** The start tags that carry an attribute (with a value, when given). */
export const tagsWith = (html: string, attribute: string, value?: string): StartTag[] =>
  startTags(html).filter(
    (tag) => attribute in tag.attributes && (value === undefined || tag.attributes[attribute] === value),
  );

/** The markup of the first element that opens with a start tag holding `marker`, up to its matching end. */
export const elementWith = (html: string, marker: string): string => {
  const start = html.lastIndexOf('<', html.indexOf(marker));
  const name = /^<([a-zA-Z][\w-]*)/.exec(html.slice(start))?.[1];
  if (start < 0 || !name) throw new Error(`no element with ${marker}`);
  let depth = 0;
  for (const match of html.slice(start).matchAll(new RegExp(`<(/?)${name}\\b[^>]*>`, 'g'))) {
    depth += match[1] ? -1 : 1;
    if (depth === 0) return html.slice(start, start + (match.index ?? 0) + match[0].length);
  }
  throw new Error(`${name} with ${marker} does not end`);
};

/** The text a person reads (the style sheet left out), its spaces collapsed. */
export const textOf = (html: string): string =>
  readEntities(
    html
      .replace(/<style>[\s\S]*?<\/style>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
