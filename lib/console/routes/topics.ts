import * as z from 'zod';
import { segmentOfQuery } from '../../aggregates/read-metrics.js';
import { readTopics } from '../../aggregates/read-topics.js';
import { listResponses } from '../../feedback/list-responses.js';
import { parseOrThrow } from '../../platform/errors.js';
import { SurveySchema } from '../../surveys/scales.js';
import { DIMENSIONS } from '../../surveys/segments.js';
import { WindowSchema } from '../../surveys/window.js';
import { topicsPage } from '../pages/topics-page.js';
import { page } from '../replies.js';
import type { Asked, ConsoleRoute } from '../route.js';
import { topicNamesIn } from './cases.js';
import { scopeOfSession, segmentInScope } from './scope.js';

/** Topics whose example comments the page shows, the most mentioned first. */
const TOPICS_WITH_EXAMPLES = 8;
const EXAMPLES_PER_TOPIC = 3;

const segmentValue = z.string().trim().min(1).max(128).optional();

const TopicsQuerySchema = z.object({
  survey: SurveySchema.default('nps'),
  window: WindowSchema.default('30d'),
  team: segmentValue,
  agent: segmentValue,
  channel: segmentValue,
  touchpoint: segmentValue,
});

/**
 * `/console/topics?survey=&window=[&team=…]`: what one survey's comments are about over the window,
 * topics ranked by mentions and by how much they pull the score down, each with its sentiment and a
 * few of the newest comments that mention it. One read of the day buckets, and one listing query per
 * topic shown with examples.
 */
export const topicsRoute: ConsoleRoute = {
  path: /^\/console\/topics$/,
  read: async ({ request, session, ctx, deps }: Asked) => {
    const query = parseOrThrow(TopicsQuerySchema, request.query);
    const segment = segmentInScope(
      scopeOfSession(session),
      segmentOfQuery(Object.fromEntries(DIMENSIONS.map((dimension) => [dimension, query[dimension]]))),
    );
    const filter = segment ? { [segment.dimension]: segment.value } : {};
    const topics = await readTopics({ survey: query.survey, window: query.window, ...filter }, deps.metrics);
    const shown = topics.topics.slice(0, TOPICS_WITH_EXAMPLES);
    const examples = await Promise.all(
      shown.map(async ({ topic }) => {
        const listed = await listResponses(
          {
            survey: query.survey,
            window: query.window,
            ...filter,
            topic,
            limit: String(EXAMPLES_PER_TOPIC),
          },
          deps.feedback,
        );
        return [topic, listed.responses] as const;
      }),
    );
    return page(
      200,
      topicsPage(ctx, {
        topics,
        topicNames: topicNamesIn(deps.taxonomy, request.lang),
        examples: Object.fromEntries(examples),
      }),
    );
  },
};
