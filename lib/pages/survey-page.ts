import { createHash } from 'node:crypto';
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
  /** The signed render time the form posts back (see answer-signals). */
  stamp: string;
}

/**
 * The page's only script: it proves it ran (the stamp, reversed) and counts the taps, clicks and keys
 * on the form, which a scanner's headless browser never makes. It submits nothing by itself; with
 * JavaScript off the form still works.
 */
const SIGNALS_SCRIPT = `(function(){var f=document.getElementById('answer');if(!f)return;var n=0;
var s=f.elements.namedItem('stamp'),p=f.elements.namedItem('proof'),c=f.elements.namedItem('interactions');
p.value=s.value.split('').reverse().join('');
function seen(){n+=1;c.value=String(n);}
['pointerdown','keydown','touchstart','input'].forEach(function(t){f.addEventListener(t,seen,{passive:true});});})();`;

/** The script's hash, for the page's Content-Security-Policy: it is the only script allowed to run. */
export const SURVEY_PAGE_SCRIPTS = [createHash('sha256').update(SIGNALS_SCRIPT).digest('base64')];

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
  stamp,
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
<form id="answer" method="post" action="${escapeHtml(action)}">
<input type="hidden" name="stamp" value="${escapeHtml(stamp)}"><input type="hidden" name="proof" value=""><input type="hidden" name="interactions" value="0">
<fieldset aria-describedby="ends"><legend>Your score</legend><div class="scale">${options}</div>
<div class="ends" id="ends"><span>${scoresOf(survey)[0]}: ${escapeHtml(labels.low)}</span><span>${scoresOf(survey).at(-1)}: ${escapeHtml(labels.high)}</span></div></fieldset>
<label class="block" for="comment">Anything you would like to add? (optional)</label>
<textarea id="comment" name="comment" maxlength="${MAX_COMMENT_LENGTH}">${escapeHtml(comment ?? '')}</textarea>
<button type="submit">Send my answer</button>
</form>
<script>${SIGNALS_SCRIPT}</script>`;
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
