/**
 * The emoji whose meaning in a comment about a service is plain, on VADER's scale (-4 to 4, as its
 * emoticons `:)` 2.0 and `:(` -1.9): the JavaScript port of VADER reads emoticons but no emoji. An emoji
 * not listed here (😂, 🤔, 😅, 🙃: laughter, doubt and irony read either way) counts for nothing.
 */
const EMOJI_VALENCE: ReadonlyMap<string, number> = new Map([
  ['👍', 1.8],
  ['👌', 1.5],
  ['👏', 1.8],
  ['🙌', 1.8],
  ['💪', 1.5],
  ['🙏', 1.2],
  ['❤', 2.5],
  ['♥', 2.5],
  ['💕', 2.5],
  ['💖', 2.5],
  ['💯', 2.2],
  ['😍', 2.8],
  ['🥰', 2.8],
  ['😘', 2.2],
  ['😀', 2.0],
  ['😃', 2.0],
  ['😄', 2.0],
  ['😁', 2.0],
  ['😊', 2.0],
  ['☺', 1.8],
  ['🙂', 1.5],
  ['😎', 1.5],
  ['🤩', 2.5],
  ['🥳', 2.2],
  ['🎉', 2.0],
  ['✨', 1.2],
  ['⭐', 1.5],
  ['🌟', 1.8],
  ['✅', 1.2],
  ['🏆', 1.8],
  ['👎', -1.8],
  ['😡', -2.8],
  ['😠', -2.5],
  ['🤬', -3.0],
  ['😤', -2.0],
  ['😞', -2.0],
  ['😔', -1.8],
  ['😟', -1.5],
  ['🙁', -1.5],
  ['☹', -1.8],
  ['😕', -1.2],
  ['😒', -1.8],
  ['🙄', -1.8],
  ['😢', -2.0],
  ['😭', -2.2],
  ['😩', -2.0],
  ['😫', -2.0],
  ['😖', -2.0],
  ['😣', -1.8],
  ['😰', -1.8],
  ['🤦', -2.0],
  ['💔', -2.2],
  ['🤮', -3.0],
  ['💩', -2.5],
  ['❌', -1.2],
  ['🐌', -1.2],
]);

/** A pictograph with what may follow it: a variation selector, a skin tone, a gender sign joined on. */
const EMOJI =
  /\p{Extended_Pictographic}(?:\ufe0f|\p{Emoji_Modifier})*(?:\u200d\p{Extended_Pictographic}(?:\ufe0f|\p{Emoji_Modifier})*)*|[\u2640\u2642]\ufe0f?/gu;

/** The emoji of a text and their sum on VADER's scale; `rest` is the text without them. */
export const scoreEmoji = (text: string): { score: number; rest: string } => {
  let score = 0;
  const rest = text.replace(EMOJI, (emoji) => {
    const base = String.fromCodePoint(emoji.codePointAt(0) ?? 0);
    score += EMOJI_VALENCE.get(base) ?? 0;
    return ' ';
  });
  return { score, rest };
};
