import { createHash } from 'node:crypto';
import { MAX_COMMENT_LENGTH } from '../../invitations/response.js';
import { escapeHtml } from '../../platform/html.js';
import { layout } from '../../platform/http/page-layout.js';
import { CATALOGS, withBrand } from '../../surveys/catalog.js';
import type { Locale } from '../../surveys/locales.js';
import { type Survey, scoresOf } from '../../surveys/scales.js';

export interface SurveyPageInput {
  survey: Survey;
  locale: Locale;
  brand?: string | undefined;
  /** Where the form posts to: the page's own path. */
  action: string;
  selectedScore?: number | undefined;
  comment?: string | undefined;
  error?: string | undefined;
  /** The signed render time the form posts back (see answer-signals). */
  stamp: string;
}

/**
 * The page's only script: it counts the taps, clicks and keys on the form, which a scanner's headless
 * browser never makes, and binds the count to the page's stamp with the hash `scriptProofOf` computes
 * on the server (answer-signals), which says that a script ran, and nothing more. It submits nothing
 * by itself; with JavaScript off the form still works.
 */
export const SIGNALS_SCRIPT = `(function(){var f=document.getElementById('answer');if(!f)return;var n=0;
var s=f.elements.namedItem('stamp'),p=f.elements.namedItem('proof'),c=f.elements.namedItem('interactions');
function h(t){var x=0x811c9dc5;for(var i=0;i<t.length;i++){x^=t.charCodeAt(i);x=Math.imul(x,0x01000193)>>>0;}return x.toString(36);}
function mark(){c.value=String(n);p.value=h(s.value+':'+n);}
function seen(){n+=1;mark();}
mark();
['pointerdown','keydown','touchstart','input'].forEach(function(t){f.addEventListener(t,seen,{passive:true});});})();`;

/** The script's hash, for the page's Content-Security-Policy: it is the only script allowed to run. */
export const SURVEY_PAGE_SCRIPTS = [createHash('sha256').update(SIGNALS_SCRIPT).digest('base64')];

/**
 * The survey page, in the customer's language. The score from the link comes preselected, but nothing
 * is recorded until the customer presses the submit button: loading the page (as mail scanners do)
 * changes nothing. Every control has a label, the scale is a fieldset with its ends described, and it
 * works with a keyboard alone (arrow keys move the score) and with a screen reader.
 */
export const renderSurveyPage = ({
  survey,
  locale,
  brand,
  action,
  selectedScore,
  comment,
  error,
  stamp,
}: SurveyPageInput): string => {
  const catalog = CATALOGS[locale];
  const text = catalog.page;
  const labels = catalog.scale[survey];
  const scores = scoresOf(survey);
  const options = scores
    .map(
      (score) =>
        `<input type="radio" id="score-${score}" name="score" value="${score}" required${score === selectedScore ? ' checked' : ''}><label for="score-${score}">${score}</label>`,
    )
    .join('');
  const body = `<h1 id="question">${escapeHtml(withBrand(catalog.question[survey], brand ?? catalog.defaultBrand))}</h1>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form id="answer" method="post" action="${escapeHtml(action)}" aria-labelledby="question">
<input type="hidden" name="stamp" value="${escapeHtml(stamp)}"><input type="hidden" name="proof" value=""><input type="hidden" name="interactions" value="0">
<fieldset aria-describedby="ends"><legend>${escapeHtml(text.legend)}</legend><div class="scale">${options}</div>
<div class="ends" id="ends"><span>${scores[0]}: ${escapeHtml(labels.low)}</span><span>${scores.at(-1)}: ${escapeHtml(labels.high)}</span></div></fieldset>
<label class="block" for="comment">${escapeHtml(text.commentLabel)}</label>
<textarea id="comment" name="comment" maxlength="${MAX_COMMENT_LENGTH}">${escapeHtml(comment ?? '')}</textarea>
<button type="submit">${escapeHtml(text.submit)}</button>
</form>
<script>${SIGNALS_SCRIPT}</script>`;
  return layout(text.title, body, catalog.htmlLang);
};

export const renderThankYouPage = (input: {
  locale: Locale;
  score: number;
  comment: string;
  action: string;
}): string => {
  const catalog = CATALOGS[input.locale];
  const text = catalog.page;
  return layout(
    text.thanksTitle,
    `<h1>${escapeHtml(text.thanksTitle)}</h1><p role="status">${escapeHtml(text.recorded(input.score))}</p>${
      input.comment
        ? `<p>${escapeHtml(text.yourComment)}</p><blockquote>${escapeHtml(input.comment)}</blockquote>`
        : ''
    }<p class="note">${escapeHtml(text.changeLead)} <a href="${escapeHtml(input.action)}">${escapeHtml(text.changeLink)}</a></p>`,
    catalog.htmlLang,
  );
};

/**
 * The page of an answer that takes no more changes (see MAX_ANSWER_CHANGES): it says so and shows the
 * answer as it stands, with no form.
 */
export const renderLockedPage = (input: { locale: Locale; score: number; comment: string }): string => {
  const catalog = CATALOGS[input.locale];
  const text = catalog.page;
  return layout(
    text.lockedTitle,
    `<h1>${escapeHtml(text.lockedTitle)}</h1><p role="status">${escapeHtml(text.recorded(input.score))}</p>${
      input.comment
        ? `<p>${escapeHtml(text.yourComment)}</p><blockquote>${escapeHtml(input.comment)}</blockquote>`
        : ''
    }<p>${escapeHtml(text.locked)}</p>`,
    catalog.htmlLang,
  );
};

/** The page of a survey that no longer takes answers. */
export const renderClosedPage = (locale: Locale): string => {
  const text = CATALOGS[locale].page;
  return renderProblemPage(text.closedTitle, text.closed, CATALOGS[locale].htmlLang);
};

export const renderProblemPage = (title: string, detail: string, lang = 'en'): string =>
  layout(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p>`, lang);
