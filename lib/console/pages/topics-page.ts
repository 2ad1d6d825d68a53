import type { TopicRow } from '../../aggregates/read-topics.js';
import { escapeHtml } from '../../platform/html.js';
import { SURVEYS } from '../../surveys/scales.js';
import { SENTIMENTS } from '../../surveys/sentiments.js';
import type { PageContext, TopicsView } from '../views.js';
import { answerItem } from './answer-item.js';
import { consoleLayout, pathWith } from './console-layout.js';
import { switchNav, windowSwitch } from './controls.js';
import { formatChange, formatCount, formatPercent, formatSurveyScore } from './format.js';
import { type Words, wordsIn } from './words.js';

const nameOf = (view: TopicsView, topic: string): string => view.topicNames[topic] ?? topic;

/** A bar as wide as its share of the widest, drawn for the eye only: the number is in the cell beside. */
const meter = (value: number, widest: number, down = false): string =>
  `<span class="meter${down ? ' down' : ''}" aria-hidden="true" style="width:${
    widest > 0 ? Math.max(2, Math.round((Math.abs(value) / widest) * 100)) : 0
  }%"></span>`;

const feedbackLink = (view: TopicsView, topic: string, text: string): string =>
  `<a href="${escapeHtml(
    pathWith('/console/feedback', {
      survey: view.topics.survey,
      window: view.topics.window,
      topic,
      ...(view.topics.segment ? { [view.topics.segment.dimension]: view.topics.segment.value } : {}),
    }),
  )}">${escapeHtml(text)}</a>`;

const byMentions = (ctx: PageContext, view: TopicsView, words: Words): string => {
  const { topics } = view;
  const widest = Math.max(0, ...topics.topics.map((row) => row.mentions));
  const rows = topics.topics
    .map(
      (row) =>
        `<tr data-topic="${escapeHtml(row.topic)}" data-mentions="${row.mentions}"><th scope="row">${feedbackLink(
          view,
          row.topic,
          nameOf(view, row.topic),
        )}</th><td class="bar-cell">${escapeHtml(formatCount(ctx.lang, row.mentions))}${meter(row.mentions, widest)}</td><td>${escapeHtml(
          formatPercent(ctx.lang, topics.comments > 0 ? (row.mentions / topics.comments) * 100 : null),
        )}</td>${SENTIMENTS.map(
          (sentiment) => `<td>${escapeHtml(formatCount(ctx.lang, row[sentiment]))}</td>`,
        ).join('')}<td>${escapeHtml(formatSurveyScore(ctx.lang, topics.survey, row.score))}</td><td>${
          row.impact === null ? words.noValue : escapeHtml(formatChange(ctx.lang, row.impact))
        }</td></tr>`,
    )
    .join('');
  return `<section class="card" aria-labelledby="by-mentions"><h2 id="by-mentions">${escapeHtml(
    words.byMentions,
  )}</h2><div class="scroll"><table class="rows"><thead><tr><th scope="col">${escapeHtml(words.topics)}</th><th scope="col">${escapeHtml(
    words.mentions,
  )}</th><th scope="col">${escapeHtml(words.shareOfComments)}</th>${SENTIMENTS.map(
    (sentiment) => `<th scope="col">${escapeHtml(words.sentimentName[sentiment])}</th>`,
  ).join('')}<th scope="col">${escapeHtml(words.scoreWhenMentioned)}</th><th scope="col">${escapeHtml(
    words.impact,
  )}</th></tr></thead><tbody>${rows}</tbody></table></div><p class="muted small">${escapeHtml(words.impactHint)}</p></section>`;
};

const byImpact = (ctx: PageContext, view: TopicsView, words: Words): string => {
  const down = view.topics.topics
    .filter((row): row is TopicRow & { impact: number } => row.impact !== null && row.impact < 0)
    .sort((a, b) => a.impact - b.impact || b.mentions - a.mentions);
  const widest = Math.max(0, ...down.map((row) => -row.impact));
  const list =
    down.length === 0
      ? `<p class="muted">${escapeHtml(words.noneDown)}</p>`
      : `<table class="rows"><thead><tr><th scope="col">${escapeHtml(words.topics)}</th><th scope="col">${escapeHtml(
          words.impact,
        )}</th><th scope="col">${escapeHtml(words.mentions)}</th></tr></thead><tbody>${down
          .map(
            (row) =>
              `<tr data-topic="${escapeHtml(row.topic)}" data-impact="${row.impact}"><th scope="row">${escapeHtml(
                nameOf(view, row.topic),
              )}</th><td class="down bar-cell">${escapeHtml(formatChange(ctx.lang, row.impact))}${meter(row.impact, widest, true)}</td><td>${escapeHtml(formatCount(ctx.lang, row.mentions))}</td></tr>`,
          )
          .join('')}</tbody></table>`;
  return `<section class="card" aria-labelledby="by-impact"><h2 id="by-impact">${escapeHtml(words.byImpact)}</h2>${list}</section>`;
};

const examples = (ctx: PageContext, view: TopicsView, words: Words): string => {
  const shown = view.topics.topics.filter((row) => (view.examples[row.topic] ?? []).length > 0);
  if (shown.length === 0) return '';
  return `<section class="card" aria-labelledby="examples"><h2 id="examples">${escapeHtml(words.examples)}</h2>${shown
    .map(
      (row) =>
        `<div class="topic-examples"><h3>${escapeHtml(nameOf(view, row.topic))}</h3><ol class="answers">${(
          view.examples[row.topic] ?? []
        )
          .map((entry) => answerItem(ctx, entry, words, view.topicNames))
          .join(
            '',
          )}</ol><p class="small">${feedbackLink(view, row.topic, words.readAll(nameOf(view, row.topic)))}</p></div>`,
    )
    .join('')}</section>`;
};

/**
 * The topics page: how many comments and their sentiment, the topics ranked by mentions (with their
 * sentiment, the score of the answers that mention them and their impact), those that pull the score
 * down ranked by how much, and the newest comments about each topic.
 */
export const topicsPage = (ctx: PageContext, view: TopicsView): string => {
  const words = wordsIn(ctx.lang);
  const { topics } = view;
  const surveys = switchNav(
    words.survey,
    SURVEYS.map((one) => ({
      href: pathWith(ctx.path, { survey: one }),
      text: words.surveyShort[one],
      current: one === topics.survey,
    })),
  );
  const summary = `<p class="counts"><span><b>${escapeHtml(formatCount(ctx.lang, topics.comments))}</b> ${escapeHtml(
    words.comments,
  )}</span>${SENTIMENTS.map(
    (sentiment) =>
      `<span>${escapeHtml(words.sentimentName[sentiment])}${escapeHtml(words.colon)}${escapeHtml(
        formatCount(ctx.lang, topics.sentiment[sentiment]),
      )}</span>`,
  ).join('')}</p>`;
  const segment = topics.segment
    ? ` · ${words.segmentOf(words.dimensionName[topics.segment.dimension], topics.segment.value)}`
    : '';
  const content =
    topics.topics.length === 0
      ? `<section class="card"><p class="muted">${escapeHtml(words.noTopics)}</p></section>`
      : `${byImpact(ctx, view, words)}${byMentions(ctx, view, words)}${examples(ctx, view, words)}`;
  const body = `<div class="head"><h1>${escapeHtml(words.topicsNav)} <span class="muted small">${escapeHtml(
    `${words.surveyShort[topics.survey]} · ${words.windowLong[topics.window]}${segment}`,
  )}</span></h1>${windowSwitch(ctx, topics.window, words)}</div><div class="controls">${surveys}</div><div class="stack"><p class="muted">${escapeHtml(
    words.topicsIntro,
  )}</p><section class="card" aria-label="${escapeHtml(words.sentimentSplit)}">${summary}</section>${content}</div>`;
  return consoleLayout({ lang: ctx.lang, title: words.topicsNav, body, ctx, section: 'topics' });
};
