import { quoted, SURVEY_NAMES } from '../alerts/alert-text.js';
import type { RenderedAlert } from '../alerts/detractor-alert.js';
import type { Response } from '../invitations/response.js';
import { categorize, SCALES } from '../surveys/scales.js';
import type { Case } from './case.js';

/**
 * One update on a case whose customer changed their answer: the comment they added or changed, the
 * score they moved. It carries the case's routing attributes as opened (its severity too), with
 * `kind` update, so that it reaches the subscribers who received the alert.
 */
export const renderCaseUpdate = (
  opened: Case,
  before: Response,
  after: Response,
  caseUrl?: string,
): RenderedAlert => {
  const who = opened.customerName ?? opened.customerId;
  const max = SCALES[after.survey].max;
  const survey = SURVEY_NAMES[after.survey];
  const scoreMoved = before.score !== after.score;
  const what =
    scoreMoved && before.comment !== after.comment
      ? 'changed their score and comment'
      : scoreMoved
        ? 'changed their score'
        : before.comment
          ? 'changed their comment'
          : 'added a comment';
  return {
    subject: `Update: ${who} ${what} (${survey} ${after.score}/${max}, ${opened.team})`.slice(0, 99),
    message: [
      `Case: ${caseUrl ?? opened.caseId} (${opened.status})`,
      `${who} ${what}.`,
      scoreMoved
        ? `Score: ${before.score}/${max} → ${after.score}/${max} on ${survey} (now ${categorize(after.survey, after.score)}).`
        : `Score: ${after.score}/${max} on ${survey} (${categorize(after.survey, after.score)}).`,
      after.comment ? `Comment:\n${quoted(after.comment)}` : 'The comment was removed.',
      '',
      `Team: ${opened.team}`,
      `Agent: ${opened.agent ?? 'none'}`,
      `Interaction: ${opened.interactionId}`,
    ].join('\n'),
    attributes: {
      kind: 'update',
      survey: after.survey,
      score: after.score,
      category: categorize(after.survey, after.score),
      severity: opened.severity,
      team: opened.team,
      agent: opened.agent ?? 'none',
      touchpoint: opened.touchpoint,
      channel: opened.channel,
    },
  };
};
