import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aResponse } from '../../test/support/samples.js';
import { categoriesOf, SURVEYS } from '../surveys/scales.js';
import { DIMENSIONS } from '../surveys/segments.js';
import { SENTIMENTS } from '../surveys/sentiments.js';
import { entryOf, type LearnedOfAnswer } from './entry.js';
import { ALL_FACET, facetOf, facetsOf, type ListingFilter, passes, SUSPECT_FACET } from './facets.js';

/** Ana's detractor NPS 3 with a comment, in billing, by phone, about a support ticket, with agent-7. */
const anEntry = (overrides: Parameters<typeof aResponse>[0] = {}, learned: LearnedOfAnswer = {}) =>
  entryOf(aResponse({ agent: 'agent-7', ...overrides }), learned);

/** The comment's parts a facet names. */
const commentPartsOf = (facet: string): string[] =>
  facet.split('&').filter((one) => /^(hasComment|sentiment|topic)=/.test(one));

describe('facetsOf', () => {
  it('lists an answer with a comment and four segments under 20 facets, each filter combination once', () => {
    const facets = facetsOf(anEntry());

    expect(facets).toHaveLength(20);
    expect(new Set(facets).size).toBe(20);
    expect(facets).toEqual(
      expect.arrayContaining([
        'all',
        'category=detractor',
        'team=billing',
        'agent=agent-7',
        'channel=phone',
        'touchpoint=support-ticket',
        'team=billing&category=detractor',
        'hasComment=true',
        'category=detractor&hasComment=true',
        'agent=agent-7&hasComment=true',
        'channel=phone&category=detractor&hasComment=true',
      ]),
    );
  });

  it('lists an answer without a comment or an agent under 8 facets, none of them for comments', () => {
    const facets = facetsOf(anEntry({ comment: '', agent: undefined }));

    expect(facets.sort()).toEqual(
      [
        'all',
        'category=detractor',
        'team=billing',
        'channel=phone',
        'touchpoint=support-ticket',
        'team=billing&category=detractor',
        'channel=phone&category=detractor',
        'touchpoint=support-ticket&category=detractor',
      ].sort(),
    );
  });

  it('lists a labelled comment under its sentiment and each topic, never two of them in one facet', () => {
    const facets = facetsOf(anEntry({}, { sentiment: 'negative', topics: ['waiting', 'staff'] }));

    // (1 + 4 segments) × 2 (category) × (1 + hasComment + sentiment + 2 topics)
    expect(facets).toHaveLength(50);
    expect(new Set(facets).size).toBe(50);
    expect(facets).toEqual(
      expect.arrayContaining([
        'hasComment=true',
        'sentiment=negative',
        'topic=waiting',
        'topic=staff',
        'category=detractor&sentiment=negative',
        'team=billing&category=detractor&topic=staff',
        'agent=agent-7&topic=waiting',
      ]),
    );
    expect(facets.filter((facet) => commentPartsOf(facet).length > 1)).toEqual([]);
  });

  it('lists a comment under each of its topics once, and under a sentiment alone when it has no topic', () => {
    const repeated = facetsOf(anEntry({}, { sentiment: 'mixed', topics: ['price', 'price'] }));
    const noTopic = facetsOf(anEntry({}, { sentiment: 'positive', topics: [] }));

    expect(repeated).toHaveLength(40);
    expect(repeated.filter((facet) => facet === 'topic=price')).toHaveLength(1);
    expect(noTopic).toHaveLength(30);
    expect(noTopic.filter((facet) => facet.includes('topic='))).toEqual([]);
  });

  it('lists an answer without a comment under no label, whatever labels it kept', () => {
    const facets = facetsOf(anEntry({ comment: '' }, { sentiment: 'negative', topics: ['waiting'] }));

    expect(facets).toHaveLength(10);
    expect(facets.flatMap(commentPartsOf)).toEqual([]);
  });

  it('lists a suspect answer under suspect=true alone', () => {
    expect(facetsOf(anEntry({ suspect: true }))).toEqual([SUSPECT_FACET]);
  });

  it('keeps a segment value with &, = or # from running into the next part of a facet', () => {
    const facets = facetsOf(anEntry({ team: 'a&category=promoter#x', comment: '' }));

    expect(facets).toContain('team=a%26category%3Dpromoter%23x&category=detractor');
    expect(facets).not.toContain('category=promoter');
  });

  it('encodes a topic like a segment value', () => {
    const facets = facetsOf(anEntry({}, { sentiment: 'neutral', topics: ['a&sentiment=positive'] }));

    expect(facets).toContain('topic=a%26sentiment%3Dpositive');
    expect(facets).not.toContain('sentiment=positive');
  });
});

describe('facetOf', () => {
  it('answers every filter a page may ask for with one facet, and what it leaves, keeping exactly its answers', () => {
    const TOPICS = ['waiting', 'staff', 'price'] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...SURVEYS),
        fc.integer({ min: 0, max: 10 }),
        fc.boolean(),
        fc.option(fc.constantFrom(...SENTIMENTS), { nil: undefined }),
        fc.option(fc.uniqueArray(fc.constantFrom(...TOPICS)), { nil: undefined }),
        fc.record({
          dimension: fc.option(fc.constantFrom(...DIMENSIONS), { nil: undefined }),
          byCategory: fc.boolean(),
          byComment: fc.boolean(),
          sentiment: fc.option(fc.constantFrom(...SENTIMENTS), { nil: undefined }),
          topic: fc.option(fc.constantFrom(...TOPICS), { nil: undefined }),
        }),
        (survey, raw, commented, sentiment, topics, asked) => {
          const score = survey === 'nps' ? raw : 1 + (raw % (survey === 'csat' ? 5 : 7));
          const entry = anEntry({ survey, score, comment: commented ? 'words' : '' }, { sentiment, topics });
          const filter: ListingFilter = {
            segment: asked.dimension
              ? { dimension: asked.dimension, value: entry[asked.dimension] as string }
              : null,
            category: asked.byCategory ? entry.category : undefined,
            hasComment: asked.byComment ? true : undefined,
            sentiment: asked.sentiment,
            topic: asked.topic,
          };

          const { facet, residual } = facetOf(filter);

          expect(residual).toEqual(
            asked.topic && asked.sentiment ? { segment: null, sentiment: asked.sentiment } : null,
          );
          expect(facetsOf(entry).includes(facet) && (residual === null || passes(entry, residual))).toBe(
            passes(entry, filter),
          );
        },
      ),
    );
  });

  it('answers no filter with the facet of every counted answer', () => {
    expect(facetOf({ segment: null })).toEqual({ facet: ALL_FACET, residual: null });
  });

  it('answers suspect=true with its facet, and leaves its other filters to apply to what it reads', () => {
    expect(facetOf({ segment: null, suspect: true })).toEqual({ facet: SUSPECT_FACET, residual: null });
    expect(
      facetOf({ segment: { dimension: 'team', value: 'billing' }, category: 'detractor', suspect: true }),
    ).toEqual({
      facet: SUSPECT_FACET,
      residual: { segment: { dimension: 'team', value: 'billing' }, category: 'detractor' },
    });
  });

  it('names the same facet for a sentiment or a topic with or without hasComment=true', () => {
    expect(facetOf({ segment: null, sentiment: 'negative', hasComment: true })).toEqual({
      facet: 'sentiment=negative',
      residual: null,
    });
    expect(facetOf({ segment: null, category: 'detractor', topic: 'waiting', hasComment: true })).toEqual(
      facetOf({ segment: null, category: 'detractor', topic: 'waiting' }),
    );
    expect(facetOf({ segment: null, topic: 'waiting' }).facet).toBe('topic=waiting');
  });

  it("answers a topic with a sentiment from the topic's facet, leaving the sentiment to apply as read", () => {
    expect(
      facetOf({
        segment: { dimension: 'team', value: 'billing' },
        hasComment: true,
        sentiment: 'negative',
        topic: 'waiting',
      }),
    ).toEqual({ facet: 'team=billing&topic=waiting', residual: { segment: null, sentiment: 'negative' } });
  });

  it('leaves a sentiment and a topic beside suspect=true to apply to what it reads', () => {
    expect(facetOf({ segment: null, suspect: true, sentiment: 'mixed', topic: 'price' })).toEqual({
      facet: SUSPECT_FACET,
      residual: { segment: null, sentiment: 'mixed', topic: 'price' },
    });
  });

  it('keeps only the answers whose comment has the sentiment and topic asked for', () => {
    const labelled = anEntry({}, { sentiment: 'negative', topics: ['waiting'] });
    const uncommented = anEntry({ comment: '' }, { sentiment: 'negative', topics: ['waiting'] });

    expect(passes(labelled, { segment: null, sentiment: 'negative', topic: 'waiting' })).toBe(true);
    expect(passes(labelled, { segment: null, sentiment: 'mixed' })).toBe(false);
    expect(passes(labelled, { segment: null, topic: 'price' })).toBe(false);
    expect(passes(anEntry(), { segment: null, sentiment: 'negative' })).toBe(false);
    expect(passes(uncommented, { segment: null, sentiment: 'negative' })).toBe(false);
    expect(passes(uncommented, { segment: null, topic: 'waiting' })).toBe(false);
  });

  it.each(SURVEYS.map((survey) => [survey]))('names a facet for each category of %s', (survey) => {
    const facets = categoriesOf(survey).map((category) => facetOf({ segment: null, category }).facet);

    expect(new Set(facets).size).toBe(3);
  });
});
