import { insightAttributes, insightLine, quoted, SURVEY_NAMES } from '../alerts/alert-text.js';
import type { RenderedAlert } from '../alerts/detractor-alert.js';
import type { Response } from '../invitations/response.js';
import { categorize, SCALES } from '../surveys/scales.js';
import { type AnswerChange, type Case, changeBetween, insightOfCase } from './case.js';

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
): RenderedAlert =>
  renderAnswerChanges(
    { ...opened, score: after.score, comment: after.comment },
    [changeBetween(before, after)],
    caseUrl,
  );

/**
 * The update that carries `changes` (every change since the last update, oldest first) on a case
 * that shows the answer as it stands (`kept`). One change reads as it always did ("Ana added a
 * comment"); several are listed, each with its time and what it did, the comments quoted, above the
 * answer as it stands, with its comment's labels. It carries the case's routing attributes as opened
 * (its severity too), with `kind` update, so that it reaches the subscribers who received the alert,
 * and the labels' `sentiment` and `topic` as they are now.
 */
export const renderAnswerChanges = (kept: Case, changes: AnswerChange[], caseUrl?: string): RenderedAlert => {
  const who = kept.customerName ?? kept.customerId;
  const max = SCALES[kept.survey].max;
  const survey = SURVEY_NAMES[kept.survey];
  const first = changes[0];
  const what =
    changes.length === 1 && first ? whatChanged(first) : `changed their answer ${changes.length} times`;
  const scoreBefore = first?.scoreBefore ?? kept.score;
  const commentMoved = changes.some((change) => change.comment !== undefined);
  const labelled = insightLine(insightOfCase(kept));
  return {
    subject: `Update: ${who} ${what} (${survey} ${kept.score}/${max}, ${kept.team})`.slice(0, 99),
    message: [
      `Case: ${caseUrl ?? kept.caseId} (${kept.status})`,
      changes.length === 1 ? `${who} ${what}.` : `${who} ${what} since the last update:`,
      ...(changes.length === 1 ? [] : changes.flatMap((change) => listed(change, max))),
      scoreBefore !== kept.score
        ? `Score: ${scoreBefore}/${max} → ${kept.score}/${max} on ${survey} (now ${categorize(kept.survey, kept.score)}).`
        : `Score: ${kept.score}/${max} on ${survey} (${categorize(kept.survey, kept.score)}).`,
      kept.comment
        ? `${changes.length === 1 ? 'Comment' : 'Comment now'}:\n${quoted(kept.comment)}`
        : commentMoved
          ? 'The comment was removed.'
          : 'No comment.',
      ...(labelled ? [labelled] : []),
      '',
      `Team: ${kept.team}`,
      `Agent: ${kept.agent ?? 'none'}`,
      `Interaction: ${kept.interactionId}`,
    ].join('\n'),
    attributes: {
      kind: 'update',
      survey: kept.survey,
      score: kept.score,
      category: categorize(kept.survey, kept.score),
      severity: kept.severity,
      team: kept.team,
      agent: kept.agent ?? 'none',
      touchpoint: kept.touchpoint,
      channel: kept.channel,
      ...insightAttributes(insightOfCase(kept)),
    },
  };
};

/** What one change did, in the words of a subject: "changed their score", "added a comment". */
const whatChanged = (change: AnswerChange): string => {
  const scoreMoved = change.score !== change.scoreBefore;
  if (change.comment === undefined) return scoreMoved ? 'changed their score' : 'sent their answer again';
  if (scoreMoved) return 'changed their score and comment';
  if (change.comment === '') return 'removed their comment';
  return change.hadComment ? 'changed their comment' : 'added a comment';
};

/** One change in the list of a coalesced update: when, what, and the comment it left, quoted. */
const listed = (change: AnswerChange, max: number): string[] => {
  const parts: string[] = [];
  if (change.score !== change.scoreBefore)
    parts.push(`score ${change.scoreBefore}/${max} → ${change.score}/${max}`);
  if (change.comment === '') parts.push('comment removed');
  else if (change.comment !== undefined)
    parts.push(change.hadComment ? 'comment changed:' : 'comment added:');
  const line = `- ${change.at.slice(11, 19)} UTC: ${parts.join(', ') || 'sent again'}`;
  return change.comment ? [line, quoted(change.comment)] : [line];
};
