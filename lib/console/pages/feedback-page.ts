import { escapeHtml } from '../../platform/html.js';
import { categoriesOf, SURVEYS } from '../../surveys/scales.js';
import { DIMENSIONS } from '../../surveys/segments.js';
import { SENTIMENTS } from '../../surveys/sentiments.js';
import { WINDOW_DAYS, type Window } from '../../surveys/window.js';
import type { FeedbackFilter, FeedbackView, PageContext } from '../views.js';
import { answerItem } from './answer-item.js';
import { consoleLayout, pathWith } from './console-layout.js';
import { formatCount } from './format.js';
import { type Words, wordsIn } from './words.js';

const option = (value: string, text: string, selected: boolean): string =>
  `<option value="${escapeHtml(value)}"${selected ? ' selected' : ''}>${escapeHtml(text)}</option>`;

const select = (name: string, label: string, options: string): string =>
  `<div><label for="f-${name}">${escapeHtml(label)}</label><select id="f-${name}" name="${name}">${options}</select></div>`;

/** The filter as the address of the list (and of its CSV) carries it. */
export const feedbackQueryOf = (filter: FeedbackFilter): Record<string, string | undefined> => ({
  survey: filter.survey,
  window: filter.window,
  ...Object.fromEntries(DIMENSIONS.map((dimension) => [dimension, filter[dimension]])),
  category: filter.category && filter.survey ? `${filter.survey}:${filter.category}` : undefined,
  sentiment: filter.sentiment,
  topic: filter.topic,
  comments: filter.withComment ? undefined : 'all',
});

/** The filters, a GET form: each choice a select or a field with its label, and one button. */
const filterForm = (_ctx: PageContext, view: FeedbackView, words: Words): string => {
  const { filter } = view;
  const surveys = select(
    'survey',
    words.survey,
    option('', words.anySurvey, filter.survey === undefined) +
      SURVEYS.map((survey) => option(survey, words.surveyTitle[survey], filter.survey === survey)).join(''),
  );
  const windows = select(
    'window',
    words.period,
    (Object.keys(WINDOW_DAYS) as Window[])
      .map((window) => option(window, words.windowLong[window], filter.window === window))
      .join(''),
  );
  const categories = select(
    'category',
    words.category,
    option('', words.anyCategory, filter.category === undefined) +
      SURVEYS.map(
        (survey) =>
          `<optgroup label="${escapeHtml(words.surveyShort[survey])}">${categoriesOf(survey)
            .map((category) =>
              option(
                `${survey}:${category}`,
                `${words.surveyShort[survey]} · ${words.categoryName[category]}`,
                filter.survey === survey && filter.category === category,
              ),
            )
            .join('')}</optgroup>`,
      ).join(''),
  );
  const sentiments = select(
    'sentiment',
    words.sentiment,
    option('', words.anySentiment, filter.sentiment === undefined) +
      SENTIMENTS.map((sentiment) =>
        option(sentiment, words.sentimentName[sentiment], filter.sentiment === sentiment),
      ).join(''),
  );
  const topics = select(
    'topic',
    words.topics,
    option('', words.anyTopic, filter.topic === undefined) +
      Object.entries(view.topicNames)
        .map(([id, name]) => option(id, name, filter.topic === id))
        .join(''),
  );
  // A lead kept to some teams picks one of theirs; anyone else types any one segment.
  const segments = view.teams
    ? select('team', words.team, view.teams.map((team) => option(team, team, filter.team === team)).join(''))
    : DIMENSIONS.map(
        (dimension) =>
          `<div><label for="f-${dimension}">${escapeHtml(words.dimensionName[dimension])}</label><input type="text" id="f-${dimension}" name="${dimension}" value="${escapeHtml(
            filter[dimension] ?? '',
          )}" maxlength="128" autocomplete="off" aria-describedby="segment-hint"></div>`,
      ).join('');
  const comments = select(
    'comments',
    words.answersWith,
    option('only', words.withCommentOnly, filter.withComment) +
      option('all', words.everyAnswer, !filter.withComment),
  );
  const hint = view.teams
    ? ''
    : `<p id="segment-hint" class="muted small">${escapeHtml(words.segmentHint)}</p>`;
  return `<section class="card" aria-labelledby="filters"><h2 id="filters">${escapeHtml(
    words.filters,
  )}</h2><form method="get" action="/console/feedback"><div class="filters">${surveys}${windows}${categories}${sentiments}${topics}${comments}${segments}</div>${hint}<div class="form-foot"><button class="btn" type="submit">${escapeHtml(words.applyFilters)}</button><a href="/console/feedback">${escapeHtml(
    words.clearFilters,
  )}</a></div></form></section>`;
};

/**
 * The feedback list: the filters, then the answers newest first, 50 a page with a link to older ones,
 * and the download of the filter's newest answers as CSV.
 */
export const feedbackPage = (ctx: PageContext, view: FeedbackView): string => {
  const words = wordsIn(ctx.lang);
  const query = feedbackQueryOf(view.filter);
  const list =
    view.answers.length === 0
      ? `<p class="muted">${escapeHtml(words.noFeedback)}</p>`
      : `<p class="muted small">${escapeHtml(words.answersShown(formatCount(ctx.lang, view.answers.length)))}</p><ol class="answers">${view.answers
          .map((entry) => answerItem(ctx, entry, words, view.topicNames))
          .join('')}</ol>`;
  const pager = [
    view.paged
      ? `<a href="${escapeHtml(pathWith('/console/feedback', query))}">${escapeHtml(words.newestAnswers)}</a>`
      : '',
    view.next
      ? `<a href="${escapeHtml(pathWith('/console/feedback', { ...query, after: view.next }))}">${escapeHtml(
          words.olderAnswers,
        )}</a>`
      : '',
  ].join('');
  const download = `<p class="form-foot"><a class="btn" href="${escapeHtml(
    pathWith('/console/feedback.csv', query),
  )}" download>${escapeHtml(words.downloadCsv)}</a><span class="muted small">${escapeHtml(
    words.csvHint(formatCount(ctx.lang, view.csvLimit)),
  )}</span></p>`;
  const body = `<div class="head"><h1>${escapeHtml(words.feedback)}</h1></div><div class="stack"><p class="muted">${escapeHtml(
    words.feedbackIntro,
  )}</p>${filterForm(ctx, view, words)}<section class="card" aria-labelledby="answers-heading"><h2 id="answers-heading" class="vh">${escapeHtml(
    words.feedback,
  )}</h2>${list}${pager ? `<nav class="pager" aria-label="${escapeHtml(words.feedback)}">${pager}</nav>` : ''}${download}</section></div>`;
  return consoleLayout({ lang: ctx.lang, title: words.feedback, body, ctx, section: 'feedback' });
};
