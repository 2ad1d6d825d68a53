import type { Clock } from '../platform/clock.js';
import { parseOrThrow } from '../platform/errors.js';
import { comesBefore, type FeedbackEntry, type ListedEntry } from './entry.js';
import { facetOf } from './facets.js';
import type { FeedbackStore } from './ports.js';
import { cursorOf, ResponsesQuerySchema, readingOf } from './responses-query.js';

/** What reading the listing needs: the listing, and the clock that says which days a window is. */
export interface ResponsesDeps {
  feedback: FeedbackStore;
  clock: Clock;
}

/** One page of `GET /responses`: the entries, newest first, and the cursor of the next page when there is one. */
export interface ResponsesPage {
  responses: FeedbackEntry[];
  next?: string;
  format: 'json' | 'csv';
}

/**
 * A page of answers, newest first by their first answer, in the facet that answers the query's
 * filters (lib/feedback/facets.ts): each survey's partitions are read month by month from `to` back to
 * `from`, asking each query for what the page still needs, so a page reads about one page of items
 * whatever the number of stored answers: `limit` + 1 (to know whether more follow), and on a later
 * page the previous page's last once more. Without a survey, each survey's newest are read the same
 * way and merged: at most 3 × (`limit` + 2) items. `suspect=true` with another filter reads the
 * suspect answers of the range until the page is full: they are few. A window of up to 400 days is at
 * most 14 months, so at most 14 queries per survey when the page cannot be filled.
 */
export const listResponses = async (input: unknown, deps: ResponsesDeps): Promise<ResponsesPage> => {
  const reading = readingOf(parseOrThrow(ResponsesQuerySchema, input ?? {}), deps.clock.now());
  const { facet, residual } = facetOf(reading.filter);
  const perSurvey = await Promise.all(
    reading.surveys.map((survey) =>
      deps.feedback.newest({
        survey,
        facet,
        residual,
        from: reading.from,
        to: reading.to,
        after: reading.after,
        limit: reading.limit + 1,
      }),
    ),
  );
  const merged = perSurvey
    .flat()
    .sort((a: ListedEntry, b: ListedEntry) =>
      comesBefore(a.position, b.position) ? -1 : comesBefore(b.position, a.position) ? 1 : 0,
    );
  const page = merged.slice(0, reading.limit);
  const last = page.at(-1);
  return {
    responses: page.map(({ entry }) => entry),
    ...(merged.length > reading.limit && last ? { next: cursorOf(reading.digest, last.position) } : {}),
    format: reading.format,
  };
};
