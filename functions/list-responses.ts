import { keptToTeamSegment, scopeOf } from '../lib/access/team-scope.js';
import { onAws, responsesDeps } from '../lib/compose.js';
import { responsesCsv } from '../lib/feedback/csv.js';
import { listResponses, type ResponsesDeps } from '../lib/feedback/list-responses.js';
import { httpHandler } from '../lib/platform/http/http-handler.js';
import { requestUrlWith } from '../lib/platform/http/requests.js';
import { csv, json } from '../lib/platform/http/responses.js';

/**
 * GET /responses?survey=&window=|from=&to=&team=|agent=|channel=|touchpoint=&category=&hasComment=true
 * &suspect=true&limit=&after=&format=: answers newest first, `{ responses, next? }`, or the same rows as
 * CSV with the next page in a `Link` header. A lead kept to some teams lists one of their teams'
 * answers, and is refused (403) another team's and a segment of another dimension.
 */
export const createHandler = (deps: ResponsesDeps) =>
  httpHandler(async (event) => {
    const { responses, next, format } = await listResponses(
      keptToTeamSegment(scopeOf(event), event.queryStringParameters),
      deps,
    );
    if (format === 'json') return json(200, next ? { responses, next } : { responses });
    const link: Record<string, string> = next
      ? { link: `<${requestUrlWith(event, 'after', next)}>; rel="next"` }
      : {};
    return csv(200, responsesCsv(responses), 'responses.csv', link);
  });

export const dependencies = responsesDeps;
export const handler = onAws(dependencies, createHandler);
