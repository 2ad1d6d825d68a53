import { MAX_COMMENT_LENGTH } from '../domain/response.js';
import { type Survey, scoresOf } from '../domain/survey.js';
import { CATALOGS, withBrand } from '../messages/catalog.js';
import { escapeHtml } from '../messages/html.js';
import { layout } from './layout.js';

export interface SurveyPageInput {
  survey: Survey;
  /** Where the form posts to: the page's own path. */
  action: string;
  selectedScore?: number | undefined;
  comment?: string | undefined;
  error?: string | undefined;
}

/**
 * The survey page. The score from the link comes preselected, but nothing is recorded until the
 * customer presses the submit button: loading the page (as mail scanners do) changes nothing.
 */
export const renderSurveyPage = ({
  survey,
  action,
  selectedScore,
  comment,
  error,
}: SurveyPageInput): string => {
  const catalog = CATALOGS.en;
  const labels = catalog.scale[survey];
  const options = scoresOf(survey)
    .map(
      (score) =>
        `<input type="radio" id="score-${score}" name="score" value="${score}" required${score === selectedScore ? ' checked' : ''}><label for="score-${score}">${score}</label>`,
    )
    .join('');
  const body = `<h1 id="question">${escapeHtml(withBrand(catalog.question[survey], catalog.defaultBrand))}</h1>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}">
<fieldset aria-describedby="ends"><legend>Your score</legend><div class="scale">${options}</div>
<div class="ends" id="ends"><span>${scoresOf(survey)[0]}: ${escapeHtml(labels.low)}</span><span>${scoresOf(survey).at(-1)}: ${escapeHtml(labels.high)}</span></div></fieldset>
<label class="block" for="comment">Anything you would like to add? (optional)</label>
<textarea id="comment" name="comment" maxlength="${MAX_COMMENT_LENGTH}">${escapeHtml(comment ?? '')}</textarea>
<button type="submit">Send my answer</button>
</form>`;
  return layout('Your feedback', body);
};

export const renderThankYouPage = (input: { score: number; comment: string; action: string }): string =>
  layout(
    'Thank you',
    `<h1>Thank you for your answer</h1><p>We recorded a score of <strong>${input.score}</strong>.</p>${
      input.comment ? `<p>Your comment:</p><blockquote>${escapeHtml(input.comment)}</blockquote>` : ''
    }<p class="note">Changed your mind? <a href="${escapeHtml(input.action)}">Change your answer</a>.</p>`,
  );

export const renderProblemPage = (title: string, detail: string): string =>
  layout(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p>`);
