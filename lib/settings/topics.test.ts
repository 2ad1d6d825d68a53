import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TAXONOMY } from '../insight/default-taxonomy.js';
import { parseOrThrow, ValidationError } from '../platform/errors.js';
import { DEFAULT_TOPIC_IDS, InsightSettingsSchema, MAX_TOPICS, TopicSchema } from './topics.js';

const topic = (id: string, overrides: Record<string, unknown> = {}) => ({
  id,
  labels: { en: `Topic ${id}`, zh: `话题${id}` },
  phrases: { en: [`${id} phrase`], zh: [] },
  ...overrides,
});

/** The message of the error parsing the stage's `insights` setting raises, or undefined. */
const problemWith = (insights: unknown): string | undefined => {
  try {
    parseOrThrow(InsightSettingsSchema, insights, 'insights');
    return undefined;
  } catch (error) {
    if (error instanceof ValidationError) return error.message;
    throw error;
  }
};

describe('InsightSettingsSchema', () => {
  it('defaults to the default taxonomy, extended by nothing', () => {
    expect(InsightSettingsSchema.parse({})).toEqual({
      topics: [],
      defaultTopics: 'extend',
      withoutTopics: [],
    });
  });

  it('trims phrases and fills in a missing language with no phrases', () => {
    const parsed = InsightSettingsSchema.parse({
      topics: [topic('returns', { phrases: { en: ['  return label '] } })],
    });

    expect(parsed.topics[0]?.phrases).toEqual({ en: ['return label'], zh: [] });
  });

  it.each([
    [
      'an id with capitals and a space',
      { topics: [topic('Return Label')] },
      'insights.topics.0.id: must be 1 to 32 lower-case letters, digits and dashes, starting with a letter',
    ],
    [
      'an id of 33 characters',
      { topics: [topic(`a${'b'.repeat(32)}`)] },
      'insights.topics.0.id: must be 1 to 32',
    ],
    [
      'an id twice',
      { topics: [topic('returns'), topic('returns')] },
      'insights.topics.1.id: repeats topic 0',
    ],
    [
      'a missing label',
      { topics: [topic('returns', { labels: { en: 'Returns' } })] },
      'insights.topics.0.labels.zh: is required',
    ],
    [
      'a label on two lines',
      { topics: [topic('returns', { labels: { en: 'Re\nturns', zh: '退货' } })] },
      'insights.topics.0.labels.en: must be one line',
    ],
    [
      'no phrase at all',
      { topics: [topic('returns', { phrases: { en: [], zh: [] } })] },
      'insights.topics.0.phrases: must hold at least one phrase',
    ],
    [
      'a blank phrase',
      { topics: [topic('returns', { phrases: { en: ['ok', '   '] } })] },
      'insights.topics.0.phrases.en.1: must not be empty',
    ],
    [
      'a phrase twice, in another case and width',
      { topics: [topic('returns', { phrases: { zh: ['退货'], en: ['Return', 'ＲＥＴＵＲＮ'] } })] },
      'insights.topics.0.phrases.en.1: repeats phrase 0',
    ],
    [
      'a phrase of punctuation only',
      { topics: [topic('returns', { phrases: { en: ['!!!'] } })] },
      'insights.topics.0.phrases.en.0: must hold a letter or a digit',
    ],
    [
      'an unknown field',
      { topics: [topic('returns', { weight: 2 })] },
      'insights.topics.0.weight: is not a known parameter',
    ],
    [
      'leaving out a topic that is not a default one',
      { withoutTopics: ['returns'] },
      'insights.withoutTopics.0: must be a default topic',
    ],
    [
      'leaving out a default topic it also redefines',
      { topics: [topic('price')], withoutTopics: ['price'] },
      'insights.withoutTopics.0: leaves out "price", which topics also defines',
    ],
    [
      'leaving out default topics it does not keep',
      { defaultTopics: 'replace', topics: [topic('returns')], withoutTopics: ['price'] },
      'insights.withoutTopics: must be empty when defaultTopics is replace',
    ],
    [
      `more than ${MAX_TOPICS} topics with the default ones`,
      { topics: Array.from({ length: MAX_TOPICS - DEFAULT_TOPIC_IDS.length + 1 }, (_, i) => topic(`t${i}`)) },
      `insights.topics: makes ${MAX_TOPICS + 1} topics with the default ones kept; at most ${MAX_TOPICS}`,
    ],
  ])('refuses %s, naming the field', (_name, insights, message) => {
    expect(problemWith(insights)).toContain(message);
  });

  it.each([
    [
      'its own topics up to the limit',
      { topics: Array.from({ length: MAX_TOPICS - 8 }, (_, i) => topic(`t${i}`)) },
    ],
    [
      'a replaced taxonomy of the limit',
      { defaultTopics: 'replace', topics: Array.from({ length: MAX_TOPICS }, (_, i) => topic(`t${i}`)) },
    ],
    ['a default topic redefined', { topics: [topic('price')] }],
    [
      'default topics left out and room made',
      {
        withoutTopics: ['price', 'ease'],
        topics: Array.from({ length: MAX_TOPICS - 6 }, (_, i) => topic(`t${i}`)),
      },
    ],
  ])('accepts %s', (_name, insights) => {
    expect(problemWith(insights)).toBeUndefined();
  });
});

describe('the default taxonomy', () => {
  it('has the contract ids, in its order', () => {
    expect(DEFAULT_TAXONOMY.map((each) => each.id)).toEqual([...DEFAULT_TOPIC_IDS]);
  });

  it.each(DEFAULT_TAXONOMY.map((each) => [each.id, each] as const))(
    'holds %s as a valid topic with tens of phrases in each language',
    (_id, each) => {
      expect(TopicSchema.parse(each)).toEqual(each);
      expect(each.phrases.en.length).toBeGreaterThanOrEqual(20);
      expect(each.phrases.zh.length).toBeGreaterThanOrEqual(20);
    },
  );

  it('is never imported by the module the settings import, which imports only zod and the platform', () => {
    const source = readFileSync(new URL('./topics.ts', import.meta.url), 'utf8');
    const imports = [...source.matchAll(/^import[^;]*from '([^']+)'/gm)].map((found) => found[1]);

    expect(imports.every((from) => from === 'zod' || /^\.\.\/(platform|surveys)\//.test(from ?? ''))).toBe(
      true,
    );
  });
});
