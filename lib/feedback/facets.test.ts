import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aResponse } from '../../test/support/samples.js';
import { categoriesOf, SURVEYS } from '../surveys/scales.js';
import { DIMENSIONS } from '../surveys/segments.js';
import { entryOf } from './entry.js';
import { ALL_FACET, facetOf, facetsOf, type ListingFilter, passes, SUSPECT_FACET } from './facets.js';

/** Ana's detractor NPS 3 with a comment, in billing, by phone, about a support ticket, with agent-7. */
const anEntry = (overrides: Parameters<typeof aResponse>[0] = {}) =>
  entryOf(aResponse({ agent: 'agent-7', ...overrides }));

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

  it('lists a suspect answer under suspect=true alone', () => {
    expect(facetsOf(anEntry({ suspect: true }))).toEqual([SUSPECT_FACET]);
  });

  it('keeps a segment value with &, = or # from running into the next part of a facet', () => {
    const facets = facetsOf(anEntry({ team: 'a&category=promoter#x', comment: '' }));

    expect(facets).toContain('team=a%26category%3Dpromoter%23x&category=detractor');
    expect(facets).not.toContain('category=promoter');
  });
});

describe('facetOf', () => {
  it('answers every filter a page may ask for with one facet its answers are listed under', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SURVEYS),
        fc.integer({ min: 0, max: 10 }),
        fc.boolean(),
        fc.option(fc.constantFrom(...DIMENSIONS), { nil: undefined }),
        fc.boolean(),
        fc.boolean(),
        (survey, raw, commented, dimension, byCategory, byComment) => {
          const score = survey === 'nps' ? raw : 1 + (raw % (survey === 'csat' ? 5 : 7));
          const entry = anEntry({ survey, score, comment: commented ? 'words' : '' });
          const filter: ListingFilter = {
            segment: dimension ? { dimension, value: entry[dimension] as string } : null,
            category: byCategory ? entry.category : undefined,
            hasComment: byComment ? true : undefined,
          };

          const { facet, residual } = facetOf(filter);

          expect(residual).toBeNull();
          expect(facetsOf(entry).includes(facet)).toBe(passes(entry, filter));
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

  it.each(SURVEYS.map((survey) => [survey]))('names a facet for each category of %s', (survey) => {
    const facets = categoriesOf(survey).map((category) => facetOf({ segment: null, category }).facet);

    expect(new Set(facets).size).toBe(3);
  });
});
