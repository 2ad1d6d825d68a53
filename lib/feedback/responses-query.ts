import { createHash } from 'node:crypto';
import * as z from 'zod';
import { segmentOfQuery } from '../aggregates/read-metrics.js';
import { ValidationError } from '../platform/errors.js';
import { parseJson } from '../platform/json.js';
import { type Category, categoriesOf, SURVEYS, type Survey, SurveySchema } from '../surveys/scales.js';
import { SENTIMENTS } from '../surveys/sentiments.js';
import { addDays, type Day, dayOf, WindowSchema, windowDays } from '../surveys/window.js';
import type { ListingPosition } from './entry.js';
import type { ListingFilter } from './facets.js';

/** The longest range of days a page may span: the retention of answers (`retention.days`, 400 by default). */
export const MAX_RANGE_DAYS = 400;
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;

const segmentValue = z.string().min(1, 'must not be empty').max(128, 'must be at most 128 characters');
const onlyTrue = z.literal('true', { error: 'must be true, or left out' });
const day = z.iso.date({ error: 'must be a day as YYYY-MM-DD' });
const LIMIT = `must be a whole number from 1 to ${MAX_LIMIT}`;

/** `GET /responses` as it comes: a parameter it does not know is a 400 naming it. */
export const ResponsesQuerySchema = z
  .object({
    survey: SurveySchema.optional(),
    window: WindowSchema.optional(),
    from: day.optional(),
    to: day.optional(),
    team: segmentValue.optional(),
    agent: segmentValue.optional(),
    channel: segmentValue.optional(),
    touchpoint: segmentValue.optional(),
    category: z.string().optional(),
    hasComment: onlyTrue.optional(),
    suspect: onlyTrue.optional(),
    sentiment: z.enum(SENTIMENTS, { error: `must be one of ${SENTIMENTS.join(', ')}` }).optional(),
    topic: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,63}$/, 'must be a topic id (lowercase letters, digits and dashes)')
      .optional(),
    limit: z.coerce.number({ error: LIMIT }).int(LIMIT).min(1, LIMIT).max(MAX_LIMIT, LIMIT).optional(),
    after: z.string().max(1024, 'must be the next of a previous page of this query').optional(),
    format: z.enum(['json', 'csv'], { error: 'must be json or csv' }).optional(),
  })
  .strict();

/** What a page reads, the query checked and its defaults filled in. */
export interface ResponsesReading {
  /** The surveys listed: the one asked for, or all three, merged newest first. */
  surveys: Survey[];
  filter: ListingFilter;
  /** First-answer days, both included. */
  from: Day;
  to: Day;
  limit: number;
  /** Where the previous page ended. */
  after: ListingPosition | undefined;
  format: 'json' | 'csv';
  /** A digest of what the query lists, whatever page: a cursor carries it back. */
  digest: string;
}

const refuse = (field: string, message: string): never => {
  throw new ValidationError([{ field, message }]);
};

/** Whole UTC days from `from` to `to`, both included. */
const daysBetween = (from: Day, to: Day): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/**
 * The days a query lists and what names them in its digest: `window` (default 30d), trailing UTC days
 * today included, named by the window so that a cursor still holds the day after; or `from` and `to`,
 * either defaulting from the other (`to` today, `from` 30 days before `to`).
 */
const rangeOf = (
  query: z.infer<typeof ResponsesQuerySchema>,
  now: Date,
): { from: Day; to: Day; named: string } => {
  if (query.window !== undefined && (query.from !== undefined || query.to !== undefined)) {
    refuse('window', 'give a window or from and to, not both');
  }
  if (query.from === undefined && query.to === undefined) {
    const window = query.window ?? '30d';
    return { ...windowDays(window, now), named: window };
  }
  const to = query.to ?? dayOf(now);
  const from = query.from ?? addDays(to, -29);
  if (from > to) refuse('from', `must not be after to (${to})`);
  if (daysBetween(from, to) > MAX_RANGE_DAYS) {
    refuse('from', `the range from ${from} to ${to} is longer than ${MAX_RANGE_DAYS} days`);
  }
  return { from, to, named: `${from}..${to}` };
};

const categoryOf = (survey: Survey | undefined, category: string | undefined): Category | undefined => {
  if (category === undefined) return undefined;
  if (survey === undefined) return refuse('category', 'needs a survey, whose scale names the categories');
  const named = categoriesOf(survey);
  return named.find((one) => one === category) ?? refuse('category', `must be one of ${named.join(', ')}`);
};

const CursorSchema = z.object({
  q: z.string(),
  at: z.iso.datetime(),
  id: z.string().regex(/^[\w-]{1,64}$/),
});

/**
 * The cursor of the page after `position`, for the query of `digest`: opaque to callers (base64url of
 * a small JSON), not secret (it holds nothing a page does not show), and tied to its query.
 */
export const cursorOf = (digest: string, position: ListingPosition): string =>
  Buffer.from(JSON.stringify({ q: digest, at: position.answeredAt, id: position.invitationId })).toString(
    'base64url',
  );

const positionOf = (after: string | undefined, digest: string): ListingPosition | undefined => {
  if (after === undefined) return undefined;
  const decoded = /^[\w-]+$/.test(after)
    ? parseJson(Buffer.from(after, 'base64url').toString('utf8'))
    : undefined;
  const cursor = CursorSchema.safeParse(decoded);
  if (!cursor.success) return refuse('after', 'must be the next of a previous page of this query');
  if (cursor.data.q !== digest) {
    return refuse('after', 'is the next of a page of another query: ask again without it');
  }
  return { answeredAt: cursor.data.at, invitationId: cursor.data.id };
};

/**
 * `GET /responses`'s query, checked: every wrong parameter is a 400 naming it. A page's filters are
 * at most one segment, a category (which needs a survey), `hasComment=true`, a comment's `sentiment`,
 * one of its `topic`s and `suspect=true`. A topic is checked for its shape only: the listing does not
 * know the stage's taxonomy, so a topic no comment has lists nothing.
 */
export const readingOf = (query: z.infer<typeof ResponsesQuerySchema>, now: Date): ResponsesReading => {
  const segment = segmentOfQuery(query);
  const category = categoryOf(query.survey, query.category);
  const range = rangeOf(query, now);
  const filter: ListingFilter = {
    segment,
    category,
    ...(query.hasComment ? { hasComment: true as const } : {}),
    ...(query.sentiment ? { sentiment: query.sentiment } : {}),
    ...(query.topic ? { topic: query.topic } : {}),
    ...(query.suspect ? { suspect: true as const } : {}),
  };
  const digest = createHash('sha256')
    .update(JSON.stringify([query.survey ?? null, range.named, filter]))
    .digest()
    .subarray(0, 12)
    .toString('base64url');
  return {
    surveys: query.survey ? [query.survey] : [...SURVEYS],
    filter,
    from: range.from,
    to: range.to,
    limit: query.limit ?? DEFAULT_LIMIT,
    after: positionOf(query.after, digest),
    format: query.format ?? 'json',
    digest,
  };
};
