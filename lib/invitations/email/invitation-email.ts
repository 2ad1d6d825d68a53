import { escapeHtml } from '../../platform/html.js';
import { CATALOGS, withBrand } from '../../surveys/catalog.js';
import type { Locale } from '../../surveys/locales.js';
import { type Survey, scoresOf } from '../../surveys/scales.js';

export interface InvitationEmailInput {
  survey: Survey;
  locale: Locale;
  brand?: string | undefined;
  customerName?: string | undefined;
  /** The survey page's URL with a score preselected. */
  scoreUrl: (score: number) => string;
  /** The one-click unsubscribe page, also named in the List-Unsubscribe header. */
  unsubscribeUrl: string;
  reminder?: boolean;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/**
 * The invitation email in the customer's language: the question and the whole scale as one link per
 * score, in HTML and in plain text, and a visible unsubscribe link. A link only opens the survey page
 * with that score preselected; it never records anything.
 */
export const renderInvitationEmail = (input: InvitationEmailInput): RenderedEmail => {
  const catalog = CATALOGS[input.locale];
  const brand = input.brand ?? catalog.defaultBrand;
  const greeting = catalog.email.greeting(input.customerName);
  const question = withBrand(catalog.question[input.survey], brand);
  const labels = catalog.scale[input.survey];
  const scores = scoresOf(input.survey);
  const subject = catalog.email.subject[input.survey];
  const note = input.reminder ? [catalog.email.reminderNote] : [];
  const cells = scores
    .map(
      (score) =>
        `<td style="padding:2px"><a href="${escapeHtml(input.scoreUrl(score))}" style="display:inline-block;min-width:32px;padding:10px 0;text-align:center;border:1px solid #5b6b7f;border-radius:6px;color:#1a2b3c;text-decoration:none;font:600 16px sans-serif">${score}</a></td>`,
    )
    .join('');
  const html = `<!doctype html><html lang="${catalog.htmlLang}"><body style="margin:0;padding:24px;font:16px/1.5 sans-serif;color:#1a2b3c">
<p>${escapeHtml(greeting)}</p>
${note.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}
<p style="font-weight:600">${escapeHtml(question)}</p>
<table role="presentation" cellspacing="0" cellpadding="0"><tr>${cells}</tr></table>
<table role="presentation" width="100%" style="max-width:${scores.length * 40}px;font-size:13px;color:#4a5a6a"><tr><td>${escapeHtml(labels.low)}</td><td style="text-align:right">${escapeHtml(labels.high)}</td></tr></table>
<p style="font-size:13px;color:#4a5a6a">${escapeHtml(catalog.email.hint)}</p>
<p style="font-size:12px;color:#4a5a6a">${escapeHtml(catalog.email.unsubscribeLine)} <a href="${escapeHtml(input.unsubscribeUrl)}" style="color:#1a4b8c">${escapeHtml(catalog.email.unsubscribeLink)}</a></p>
</body></html>`;
  const text = [
    greeting,
    '',
    ...note,
    ...(note.length > 0 ? [''] : []),
    question,
    `(${scores[0]} = ${labels.low}, ${scores.at(-1)} = ${labels.high})`,
    '',
    ...scores.map((score) => `${score}: ${input.scoreUrl(score)}`),
    '',
    catalog.email.hint,
    '',
    `${catalog.email.unsubscribeLine} ${catalog.email.unsubscribeLink}: ${input.unsubscribeUrl}`,
  ].join('\n');
  return { subject: input.reminder ? catalog.email.reminderSubject(subject) : subject, html, text };
};
