import * as z from 'zod';
import { singleLine } from '../platform/text.js';

/*
 * The shape of a topic and of the stage setting that changes the taxonomy. The stage's settings
 * (lib/settings/) will define their `insights` setting from this schema, and they import only zod,
 * surveys and the platform: so does this file, and the default taxonomy's phrases live in
 * `default-taxonomy.ts`, which it never imports.
 */

/** The ids of the contract's default taxonomy, in its order; their phrases are in `default-taxonomy.ts`. */
export const DEFAULT_TOPIC_IDS = [
  'waiting',
  'staff',
  'resolution',
  'price',
  'product',
  'delivery',
  'communication',
  'ease',
] as const;
export type DefaultTopicId = (typeof DEFAULT_TOPIC_IDS)[number];

/** The most topics a taxonomy holds, the default's included: each is a count kept per day and segment. */
export const MAX_TOPICS = 30;
export const MAX_PHRASES_PER_LANGUAGE = 300;
export const MAX_PHRASE_LENGTH = 60;

export const TopicIdSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{0,31}$/,
    'must be 1 to 32 lower-case letters, digits and dashes, starting with a letter',
  );

/** How two phrases are compared for duplicates: the way the rules read them (NFKC, lower case, one space). */
const phraseKey = (phrase: string): string => phrase.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ');

const PhraseSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_PHRASE_LENGTH, `must be at most ${MAX_PHRASE_LENGTH} characters`)
  .refine((phrase) => /[\p{L}\p{N}]/u.test(phrase), 'must hold a letter or a digit')
  .refine(
    (phrase) => !/[\p{Cc}\p{Cf}]/u.test(phrase),
    'must be plain text, without control or invisible format characters',
  );

const PhraseListSchema = z
  .array(PhraseSchema)
  .max(MAX_PHRASES_PER_LANGUAGE, `must be at most ${MAX_PHRASES_PER_LANGUAGE} phrases`)
  .superRefine((phrases, ctx) => {
    const seen = new Map<string, number>();
    for (const [i, phrase] of phrases.entries()) {
      const key = phraseKey(phrase);
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else ctx.addIssue({ code: 'custom', path: [i], message: `repeats phrase ${first} ("${phrase}")` });
    }
  });

/**
 * A topic of the taxonomy: its id (what `GET /responses?topic=` and the counts use), its name in each
 * language, and the phrases that mention it in each language. A phrase with a Chinese character is
 * found as a substring; any other as whole words (see `topic-rules.ts`).
 */
export const TopicSchema = z
  .strictObject({
    id: TopicIdSchema,
    labels: z.strictObject({
      en: singleLine(40).min(1, 'must not be empty'),
      zh: singleLine(40).min(1, 'must not be empty'),
    }),
    phrases: z.strictObject({
      en: PhraseListSchema.default([]),
      zh: PhraseListSchema.default([]),
    }),
  })
  .refine((topic) => topic.phrases.en.length + topic.phrases.zh.length > 0, {
    path: ['phrases'],
    message: 'must hold at least one phrase, in either language',
  });
export type Topic = z.infer<typeof TopicSchema>;

/** The topics in effect for a stage, in the order answers list them. */
export type Taxonomy = readonly Topic[];

/** The stage's `insights.topics`: topics of the stage's own (see `TOPIC_SETTING_FIELDS`). */
export const TopicsSettingSchema = z
  .array(TopicSchema)
  .max(MAX_TOPICS, `must be at most ${MAX_TOPICS} topics`)
  .default([]);

/**
 * The fields of the stage's `insights` setting that shape the taxonomy, for the settings module to
 * place in its `insights` object (with `refineTopicSettings` over that object):
 * - `topics`: topics of the stage's own. One with a default id replaces that default topic where it
 *   stands; one with a new id is added after the default ones. Default: none.
 * - `defaultTopics`: `extend` (the default) keeps the default taxonomy and applies `topics` to it;
 *   `replace` makes `topics` the whole taxonomy.
 * - `withoutTopics`: ids of default topics to leave out (with `extend`). Default: none.
 */
export const TOPIC_SETTING_FIELDS = {
  topics: TopicsSettingSchema,
  defaultTopics: z.enum(['extend', 'replace']).default('extend'),
  withoutTopics: z
    .array(z.enum(DEFAULT_TOPIC_IDS, { error: `must be a default topic: ${DEFAULT_TOPIC_IDS.join(', ')}` }))
    .default([]),
};

export interface TopicSettings {
  topics: Topic[];
  defaultTopics: 'extend' | 'replace';
  withoutTopics: DefaultTopicId[];
}

/**
 * The rules across the fields: no id twice, no default topic both left out and redefined, nothing
 * left out of a default that is replaced, and at most `MAX_TOPICS` topics in effect.
 */
export const refineTopicSettings = (settings: TopicSettings, ctx: z.RefinementCtx): void => {
  const firstOf = new Map<string, number>();
  for (const [i, topic] of settings.topics.entries()) {
    const first = firstOf.get(topic.id);
    if (first === undefined) firstOf.set(topic.id, i);
    else ctx.addIssue({ code: 'custom', path: ['topics', i, 'id'], message: `repeats topic ${first}` });
  }
  if (settings.defaultTopics === 'replace' && settings.withoutTopics.length > 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['withoutTopics'],
      message: 'must be empty when defaultTopics is replace (no default topic is kept)',
    });
  }
  for (const [i, id] of settings.withoutTopics.entries()) {
    if (firstOf.has(id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['withoutTopics', i],
        message: `leaves out "${id}", which topics also defines`,
      });
    }
  }
  const kept =
    settings.defaultTopics === 'replace'
      ? []
      : DEFAULT_TOPIC_IDS.filter((id) => !settings.withoutTopics.includes(id));
  const total = new Set([...kept, ...firstOf.keys()]).size;
  if (total > MAX_TOPICS) {
    ctx.addIssue({
      code: 'custom',
      path: ['topics'],
      message: `makes ${total} topics with the default ones kept; at most ${MAX_TOPICS}`,
    });
  }
};

/** The stage's `insights` setting as far as topics go; every field has its default. */
export const InsightSettingsSchema = z.strictObject(TOPIC_SETTING_FIELDS).superRefine(refineTopicSettings);
export type InsightSettings = z.infer<typeof InsightSettingsSchema>;
