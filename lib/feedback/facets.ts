import type { Category } from '../surveys/scales.js';
import { DIMENSIONS, type Segment } from '../surveys/segments.js';
import type { FeedbackEntry } from './entry.js';

/**
 * What a page of the listing may be narrowed to (besides survey and dates): at most one segment, a
 * category, only answers with a comment, only suspect answers.
 */
export interface ListingFilter {
  segment: Segment;
  category?: Category | undefined;
  hasComment?: true | undefined;
  suspect?: true | undefined;
}

/**
 * One way of narrowing the listing: the parts of a facet an entry belongs to (none, one, or several
 * that a page may each ask for alone), and the part a filter asks for.
 */
interface Axis {
  partsOf(entry: FeedbackEntry): string[];
  askedBy(filter: ListingFilter): string | undefined;
}

const part = (name: string, value: string): string => `${name}=${encodeURIComponent(value)}`;

/**
 * The axes of the facets, each multiplying the copies of an answer by one plus the parts it has on it:
 * a segment (one of 4 dimensions) × a category × having a comment gives (1 + 4) × 2 × 2 = 20 copies at
 * most. The later `sentiment` and `topic` filters join here as axes (`sentiment=negative`,
 * `topic=waiting`), and nowhere else.
 */
const AXES: readonly Axis[] = [
  {
    partsOf: (entry) =>
      DIMENSIONS.flatMap((dimension) => {
        const value = entry[dimension];
        return value === undefined ? [] : [part(dimension, value)];
      }),
    askedBy: ({ segment }) => (segment ? part(segment.dimension, segment.value) : undefined),
  },
  {
    partsOf: (entry) => [part('category', entry.category)],
    askedBy: ({ category }) => (category ? part('category', category) : undefined),
  },
  {
    partsOf: (entry) => (entry.comment === null ? [] : ['hasComment=true']),
    askedBy: ({ hasComment }) => (hasComment ? 'hasComment=true' : undefined),
  },
];

/** The facet of every answer (counted ones): no filter but the survey and the dates. */
export const ALL_FACET = 'all';
/**
 * Suspect answers are in no other facet: they count nowhere until released. They are few (a scanner's
 * POST, a script), so a filter beside `suspect=true` is applied to the facet's items as read.
 */
export const SUSPECT_FACET = 'suspect=true';

const facetName = (parts: readonly string[]): string => (parts.length === 0 ? ALL_FACET : parts.join('&'));

/**
 * Every facet an answer is listed under, one copy each: for a counted answer, each combination of at
 * most one part of each axis (`all`, `category=detractor`, `team=billing`,
 * `team=billing&category=detractor&hasComment=true`, …); for a suspect one, `suspect=true` alone.
 */
export const facetsOf = (entry: FeedbackEntry): string[] => {
  if (entry.suspect) return [SUSPECT_FACET];
  let combinations: string[][] = [[]];
  for (const axis of AXES) {
    const parts = axis.partsOf(entry);
    combinations = combinations.concat(
      parts.flatMap((one) => combinations.map((combination) => [...combination, one])),
    );
  }
  return combinations.map(facetName);
};

/**
 * The one facet that answers a filter, and what is left to apply to its items as read: nothing for
 * counted answers (each filter the contract allows is a facet of its own), the other filters for
 * `suspect=true`.
 */
export const facetOf = (filter: ListingFilter): { facet: string; residual: ListingFilter | null } => {
  if (filter.suspect) {
    const { suspect: _suspect, ...rest } = filter;
    const narrowed = rest.segment !== null || rest.category !== undefined || rest.hasComment !== undefined;
    return { facet: SUSPECT_FACET, residual: narrowed ? rest : null };
  }
  return {
    facet: facetName(AXES.flatMap((axis) => axis.askedBy(filter) ?? [])),
    residual: null,
  };
};

/** Whether an entry passes a filter: what a residual filter keeps of a facet's items. */
export const passes = (entry: FeedbackEntry, filter: ListingFilter): boolean =>
  (filter.segment === null || entry[filter.segment.dimension] === filter.segment.value) &&
  (filter.category === undefined || entry.category === filter.category) &&
  (filter.hasComment === undefined || entry.comment !== null) &&
  (filter.suspect === undefined || entry.suspect);
