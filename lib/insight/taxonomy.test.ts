import { describe, expect, it } from 'vitest';
import { DEFAULT_TOPIC_IDS, InsightSettingsSchema, type Topic } from '../settings/topics.js';
import { DEFAULT_TAXONOMY } from './default-taxonomy.js';
import { taxonomyOf } from './taxonomy.js';
import { topicsOf } from './topic-rules.js';

const returns: Topic = {
  id: 'returns',
  labels: { en: 'Returns', zh: '退货' },
  phrases: { en: ['return label'], zh: ['退货'] },
};
const price: Topic = {
  id: 'price',
  labels: { en: 'Tariff', zh: '资费' },
  phrases: { en: ['tariff'], zh: ['资费'] },
};
const settings = (value: unknown) => InsightSettingsSchema.parse(value);
const idsOf = (taxonomy: readonly Topic[]) => taxonomy.map((topic) => topic.id);

describe('taxonomyOf', () => {
  it('is the default taxonomy itself when the stage changes nothing', () => {
    expect(taxonomyOf(undefined)).toBe(DEFAULT_TAXONOMY);
    expect(taxonomyOf(settings({}))).toBe(DEFAULT_TAXONOMY);
  });

  it('adds a new topic after the default ones', () => {
    const taxonomy = taxonomyOf(settings({ topics: [returns] }));

    expect(idsOf(taxonomy)).toEqual([...DEFAULT_TOPIC_IDS, 'returns']);
    expect(taxonomy.slice(0, DEFAULT_TOPIC_IDS.length)).toEqual(DEFAULT_TAXONOMY);
  });

  it('replaces a default topic where it stands', () => {
    const taxonomy = taxonomyOf(settings({ topics: [returns, price] }));

    expect(idsOf(taxonomy)).toEqual([...DEFAULT_TOPIC_IDS, 'returns']);
    expect(taxonomy.find((topic) => topic.id === 'price')).toEqual(price);
    expect(topicsOf('The tariff went up', taxonomy)).toEqual(['price']);
    expect(topicsOf('Too expensive', taxonomy)).toEqual([]);
  });

  it('leaves out the default topics the stage does not want', () => {
    const taxonomy = taxonomyOf(settings({ withoutTopics: ['price', 'ease'], topics: [returns] }));

    expect(idsOf(taxonomy)).toEqual([
      'waiting',
      'staff',
      'resolution',
      'product',
      'delivery',
      'communication',
      'returns',
    ]);
    expect(topicsOf('Too expensive, 退货也麻烦', taxonomy)).toEqual(['returns']);
  });

  it('replaces the whole default taxonomy', () => {
    const taxonomy = taxonomyOf(settings({ defaultTopics: 'replace', topics: [returns, price] }));

    expect(idsOf(taxonomy)).toEqual(['returns', 'price']);
    expect(topicsOf('Slow and rude, print a return label', taxonomy)).toEqual(['returns']);
  });

  it('may replace it with nothing', () => {
    expect(taxonomyOf(settings({ defaultTopics: 'replace' }))).toEqual([]);
  });
});
