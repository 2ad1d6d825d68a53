import type { Category } from '../surveys/scales.js';
import { DIMENSIONS, type Segment } from '../surveys/segments.js';
import type { Sentiment } from '../surveys/sentiments.js';
import type { FeedbackEntry } from './entry.js';

/**
 * What a page of the listing may be narrowed to (besides survey and dates): at most one segment, a
 * category, only answers with a comment, a comment's sentiment, one of its topics, only suspect answers.
 */
export interface ListingFilter {
  segment: Segment;
  category?: Category | undefined;
  hasComment?: true | undefined;
  sentiment?: Sentiment | undefined;
  topic?: string | undefined;
  suspect?: true | undefined;
}

/**
 * One way of narrowing the listing: the parts of a facet an entry belongs to (none, one, or several
 * that a page may each ask for alone), and the one part a filter asks for, with what of the filter
 * that part leaves to apply to the facet's items as read.
 */
interface Axis {
  partsOf(entry: FeedbackEntry): string[];
  askedBy(filter: ListingFilter): { part: string; leaves?: Partial<ListingFilter> } | undefined;
}

const part = (name: string, value: string): string => `${name}=${encodeURIComponent(value)}`;

const HAS_COMMENT = 'hasComment=true';

/**
 * The axes of the facets, each multiplying the copies of an answer by one plus the parts it has on it:
 * a segment (one of 4 dimensions) × a category × what its comment says (having one; its sentiment;
 * each of its topics) gives (1 + 4) × 2 × (1 + [comment ? 1 + (sentiment ? 1 : 0) + topics : 0])
 * copies at most: 10 without a comment, 20 with one not analysed yet, 40 with a sentiment and one
 * topic, 10 more for each further topic (110 for a comment naming all 8 of the default taxonomy's).
 * The comment's parts are one axis, so that a facet never names two of them: its topics add to the
 * copies rather than multiplying each other.
 */
const AXES: readonly Axis[] = [
  {
    partsOf: (entry) =>
      DIMENSIONS.flatMap((dimension) => {
        const value = entry[dimension];
        return value === undefined ? [] : [part(dimension, value)];
      }),
    askedBy: ({ segment }) => (segment ? { part: part(segment.dimension, segment.value) } : undefined),
  },
  {
    partsOf: (entry) => [part('category', entry.category)],
    askedBy: ({ category }) => (category ? { part: part('category', category) } : undefined),
  },
  {
    // Labels are of a comment: an answer whose comment went is under none of them, whatever it kept.
    partsOf: (entry) =>
      entry.comment === null
        ? []
        : [
            HAS_COMMENT,
            ...(entry.sentiment === undefined ? [] : [part('sentiment', entry.sentiment)]),
            ...[...new Set(entry.topics ?? [])].map((topic) => part('topic', topic)),
          ],
    // A sentiment or a topic implies a comment, so `hasComment=true` beside them names nothing more.
    askedBy: ({ hasComment, sentiment, topic }) => {
      if (topic !== undefined) {
        return sentiment === undefined
          ? { part: part('topic', topic) }
          : { part: part('topic', topic), leaves: { sentiment } };
      }
      if (sentiment !== undefined) return { part: part('sentiment', sentiment) };
      return hasComment ? { part: HAS_COMMENT } : undefined;
    },
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
 * `team=billing&category=detractor&topic=waiting`, …); for a suspect one, `suspect=true` alone.
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

/** Whether a filter narrows the listing at all, survey and dates aside. */
const narrows = (filter: ListingFilter): boolean =>
  filter.segment !== null ||
  filter.category !== undefined ||
  filter.hasComment !== undefined ||
  filter.sentiment !== undefined ||
  filter.topic !== undefined ||
  filter.suspect !== undefined;

/**
 * The one facet that answers a filter, and what is left to apply to its items as read (null when
 * nothing is): the other filters for `suspect=true`; the sentiment for a topic asked with one (an
 * answer is listed under each, never under both together, which would multiply its topics by the
 * sentiments); nothing for any other filter, each a facet of its own.
 */
export const facetOf = (filter: ListingFilter): { facet: string; residual: ListingFilter | null } => {
  if (filter.suspect) {
    const { suspect: _suspect, ...rest } = filter;
    return { facet: SUSPECT_FACET, residual: narrows(rest) ? rest : null };
  }
  const asked = AXES.flatMap((axis) => axis.askedBy(filter) ?? []);
  const residual: ListingFilter = Object.assign({ segment: null }, ...asked.map((one) => one.leaves));
  return {
    facet: facetName(asked.map((one) => one.part)),
    residual: narrows(residual) ? residual : null,
  };
};

/** Whether an entry passes a filter: what a residual filter keeps of a facet's items. */
export const passes = (entry: FeedbackEntry, filter: ListingFilter): boolean =>
  (filter.segment === null || entry[filter.segment.dimension] === filter.segment.value) &&
  (filter.category === undefined || entry.category === filter.category) &&
  (filter.hasComment === undefined || entry.comment !== null) &&
  (filter.sentiment === undefined || (entry.comment !== null && entry.sentiment === filter.sentiment)) &&
  (filter.topic === undefined || (entry.comment !== null && (entry.topics ?? []).includes(filter.topic))) &&
  (filter.suspect === undefined || entry.suspect);
