import { QUESTIONS, SCALE_LABELS, type Survey, scoresOf } from '../domain/survey.js';
import { escapeHtml } from './html.js';

export interface InvitationEmailInput {
  survey: Survey;
  customerName?: string | undefined;
  /** The survey page's URL with a score preselected. */
  scoreUrl: (score: number) => string;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const SUBJECTS: Record<Survey, string> = {
  nps: 'One quick question about us',
  csat: 'How did we do?',
  ces: 'Was it easy to get help?',
};

/**
 * The invitation email: the question and the whole scale as one link per score, in HTML and in plain
 * text. A link only opens the survey page with that score preselected; it never records anything.
 */
export const renderInvitationEmail = ({
  survey,
  customerName,
  scoreUrl,
}: InvitationEmailInput): RenderedEmail => {
  const greeting = customerName ? `Hi ${customerName},` : 'Hi,';
  const question = QUESTIONS[survey];
  const labels = SCALE_LABELS[survey];
  const scores = scoresOf(survey);
  const cells = scores
    .map(
      (score) =>
        `<td style="padding:2px"><a href="${escapeHtml(scoreUrl(score))}" style="display:inline-block;min-width:32px;padding:10px 0;text-align:center;border:1px solid #5b6b7f;border-radius:6px;color:#1a2b3c;text-decoration:none;font:600 16px sans-serif">${score}</a></td>`,
    )
    .join('');
  const html = `<!doctype html><html lang="en"><body style="margin:0;padding:24px;font:16px/1.5 sans-serif;color:#1a2b3c">
<p>${escapeHtml(greeting)}</p>
<p style="font-weight:600">${escapeHtml(question)}</p>
<table role="presentation" cellspacing="0" cellpadding="0"><tr>${cells}</tr></table>
<table role="presentation" width="100%" style="max-width:${scores.length * 40}px;font-size:13px;color:#4a5a6a"><tr><td>${escapeHtml(labels.low)}</td><td style="text-align:right">${escapeHtml(labels.high)}</td></tr></table>
<p style="font-size:13px;color:#4a5a6a">Choose a number: a page opens where you confirm it and can add a comment.</p>
</body></html>`;
  const text = [
    greeting,
    '',
    question,
    `(${scores[0]} = ${labels.low}, ${scores.at(-1)} = ${labels.high})`,
    '',
    ...scores.map((score) => `${score}: ${scoreUrl(score)}`),
    '',
    'Choose a number: a page opens where you confirm it and can add a comment.',
  ].join('\n');
  return { subject: SUBJECTS[survey], html, text };
};
