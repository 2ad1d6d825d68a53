import * as z from 'zod';
import { segmentOfQuery } from '../../aggregates/read-metrics.js';
import { responsesCsv } from '../../feedback/csv.js';
import type { FeedbackEntry } from '../../feedback/entry.js';
import { listResponses } from '../../feedback/list-responses.js';
import { parseOrThrow, ValidationError } from '../../platform/errors.js';
import { csv } from '../../platform/http/responses.js';
import { categoriesOf, SURVEYS, SurveySchema } from '../../surveys/scales.js';
import { DIMENSIONS } from '../../surveys/segments.js';
import { SENTIMENTS } from '../../surveys/sentiments.js';
import { WindowSchema } from '../../surveys/window.js';
import { feedbackPage } from '../pages/feedback-page.js';
import { page, type Reply } from '../replies.js';
import type { Asked, ConsoleRoute } from '../route.js';
import type { FeedbackFilter } from '../views.js';
import { topicNamesIn } from './cases.js';
import { scopeOfSession, segmentInScope } from './scope.js';

/** Answers a page of the feedback list shows. */
const PAGE_SIZE = 50;
/** Answers a CSV download holds at most: the newest of the filter, read a listing page (100) at a time. */
export const CSV_LIMIT = 5_000;

/** A form's field left empty is a filter left out. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const text = z.string().trim().min(1).max(128);

/**
 * The feedback list's address, as its form and links make it. `category` names its survey
 * (`nps:detractor`), since a category means something on one survey's scale only; a survey left
 * out is the category's.
 */
const FeedbackQuerySchema = z.object({
  survey: optional(SurveySchema),
  window: optional(WindowSchema),
  team: optional(text),
  agent: optional(text),
  channel: optional(text),
  touchpoint: optional(text),
  category: optional(
    z.string().regex(/^[a-z]+:[a-z]+$/, 'must be a survey and its category, as nps:detractor'),
  ),
  sentiment: optional(z.enum(SENTIMENTS)),
  topic: optional(z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'must be a topic id')),
  comments: optional(z.enum(['only', 'all'])),
  after: optional(z.string().max(1024)),
});

/** The filter the address asks for, held to the lead's teams. */
const filterOf = ({ request, session }: Asked): { filter: FeedbackFilter; after?: string | undefined } => {
  const query = parseOrThrow(FeedbackQuerySchema, request.query);
  let survey = query.survey;
  let category: FeedbackFilter['category'];
  if (query.category) {
    const [named, one] = query.category.split(':') as [string, string];
    const ofSurvey = SURVEYS.find((known) => known === named);
    const known = ofSurvey && categoriesOf(ofSurvey).find((candidate) => candidate === one);
    if (!ofSurvey || !known || (survey !== undefined && survey !== ofSurvey)) {
      throw new ValidationError([{ field: 'category', message: 'must be a category of the survey chosen' }]);
    }
    survey = ofSurvey;
    category = known;
  }
  const segment = segmentInScope(
    scopeOfSession(session),
    segmentOfQuery(Object.fromEntries(DIMENSIONS.map((dimension) => [dimension, query[dimension]]))),
  );
  return {
    filter: {
      survey,
      window: query.window ?? '30d',
      ...(segment ? { [segment.dimension]: segment.value } : {}),
      category,
      sentiment: query.sentiment,
      topic: query.topic,
      withComment: query.comments !== 'all',
    },
    after: query.after,
  };
};

/** The listing's query for a filter: a sentiment or a topic is of a comment already, so it says no more. */
const listingQueryOf = (filter: FeedbackFilter, limit: number, after: string | undefined) => ({
  ...(filter.survey ? { survey: filter.survey } : {}),
  window: filter.window,
  ...Object.fromEntries(
    DIMENSIONS.flatMap((dimension) => (filter[dimension] ? [[dimension, filter[dimension]]] : [])),
  ),
  ...(filter.category ? { category: filter.category } : {}),
  ...(filter.sentiment ? { sentiment: filter.sentiment } : {}),
  ...(filter.topic ? { topic: filter.topic } : {}),
  ...(filter.withComment && !filter.sentiment && !filter.topic ? { hasComment: 'true' } : {}),
  limit: String(limit),
  ...(after ? { after } : {}),
});

/**
 * `/console/feedback`: every answer with its comment, newest first, filtered by survey, period,
 * segment, category, sentiment and topic, 50 a page; a lead kept to some teams reads their teams'.
 */
export const feedbackRoute: ConsoleRoute = {
  path: /^\/console\/feedback$/,
  read: async (asked) => {
    const { filter, after } = filterOf(asked);
    const { session, ctx, deps, request } = asked;
    const listed = await listResponses(listingQueryOf(filter, PAGE_SIZE, after), deps.feedback);
    const { teams } = scopeOfSession(session);
    return page(
      200,
      feedbackPage(ctx, {
        filter,
        answers: listed.responses,
        next: listed.next,
        paged: after !== undefined,
        teams,
        topicNames: topicNamesIn(deps.taxonomy, request.lang),
        csvLimit: CSV_LIMIT,
      }),
    );
  },
};

/**
 * `/console/feedback.csv`: the same filter's newest answers as a spreadsheet, every column of
 * `GET /responses?format=csv`, up to {@link CSV_LIMIT} of them.
 */
export const feedbackCsvRoute: ConsoleRoute = {
  path: /^\/console\/feedback\.csv$/,
  read: async (asked): Promise<Reply> => {
    const { filter } = filterOf(asked);
    const rows: FeedbackEntry[] = [];
    let after: string | undefined;
    do {
      const listed = await listResponses(listingQueryOf(filter, 100, after), asked.deps.feedback);
      rows.push(...listed.responses);
      after = listed.next;
    } while (after !== undefined && rows.length < CSV_LIMIT);
    const day = asked.deps.clock.now().toISOString().slice(0, 10);
    return csv(200, responsesCsv(rows.slice(0, CSV_LIMIT)), `pulse-feedback-${day}.csv`);
  },
};
