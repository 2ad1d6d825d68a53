import { wellFormed } from '../platform/text.js';

/**
 * The most characters of a comment that analysis reads. Comments hold at most 2,000 characters; the
 * bound keeps the work per comment small whatever reaches it (NFKC may also lengthen a text).
 */
export const MAX_READ_LENGTH = 10_000;

const APOSTROPHES = /[\u2018\u2019\u02bc\u0060\u00b4]/g;
/** Zero-width and other invisible format characters (soft hyphen, joiners, bidi marks) split no word. */
const FORMAT_CHARACTERS = /\p{Cf}/gu;
const SPACES = /[^\S\n]+/g;
/** Chinese is written without spaces; one typed between two characters joins them again. */
const SPACE_BETWEEN_HAN = /(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu;

/**
 * A comment as the rules read it: well-formed, NFKC (full-width letters, digits and punctuation become
 * their half-width forms, compatibility characters their plain ones), lower case, one kind of
 * apostrophe, no invisible characters, one space between words and none between Chinese characters.
 * Markup is text: `<b>` and `&amp;` are read as the characters they are, never interpreted, so the
 * words around them still count and nothing in them does anything.
 */
export const normalizeComment = (text: string): string =>
  wellFormed(text.slice(0, MAX_READ_LENGTH))
    .normalize('NFKC')
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(FORMAT_CHARACTERS, '')
    .replace(SPACES, ' ')
    .replace(SPACE_BETWEEN_HAN, '')
    .slice(0, MAX_READ_LENGTH)
    .trim();
