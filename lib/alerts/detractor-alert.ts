import type { Response } from '../invitations/response.js';
import {
  categorize,
  DEFAULT_UNHAPPY_AT_OR_BELOW,
  SCALES,
  severityOf,
  type UnhappyThresholds,
} from '../surveys/scales.js';
import {
  type AlertInsight,
  insightAttributes,
  insightLine,
  quoted,
  quotedAttributes,
  SURVEY_NAMES,
} from './alert-text.js';
import type { AlertAttributes } from './ports.js';

export interface RenderedAlert {
  subject: string;
  message: string;
  attributes: AlertAttributes;
}

/**
 * A detractor alert that reads well in an email, an SMS and a chat message: who, what score, what they
 * said, where it happened, and how to reach them. Its message attributes carry what SNS filter
 * policies route on (infra/alert-routing.ts), every one of them on every alert: an answer without an
 * agent carries `agent: none`, because a filter policy never matches an attribute a message lacks, and
 * a subscriber may route on `none` to take the answers no agent handled. The comment's labels, when
 * the reactor analysed it before publishing, are a line under it and the `sentiment` and `topic`
 * attributes (see `insightAttributes`).
 */
export const renderDetractorAlert = (
  response: Response,
  thresholds: UnhappyThresholds = DEFAULT_UNHAPPY_AT_OR_BELOW,
  caseUrl?: string,
  insight?: AlertInsight | null,
): RenderedAlert => {
  const { survey, score } = response;
  const who = response.customerName ?? response.customerId;
  const scale = `${score}/${SCALES[survey].max}`;
  const subject = `${SURVEY_NAMES[survey]} ${scale} from ${who} (${response.team})`.slice(0, 99);
  const lines = [
    // The real link first: nothing an integrator or a customer wrote comes above it.
    caseUrl ? `Case: ${caseUrl}` : undefined,
    `${who} answered ${scale} on ${SURVEY_NAMES[survey]} (${categorize(survey, score)}).`,
    // Quoted line by line, so that a comment cannot pass for one of the lines below it.
    response.comment ? `Comment:\n${quoted(response.comment)}` : 'No comment yet.',
    response.comment ? insightLine(insight) : undefined,
    '',
    `Team: ${response.team}`,
    `Agent: ${response.agent ?? 'none'}`,
    `Touchpoint: ${response.touchpoint}`,
    `Channel: ${response.channel}`,
    `Interaction: ${response.interactionId}`,
    response.customerEmail ? `Email: ${response.customerEmail}` : undefined,
    response.customerPhone ? `Phone: ${response.customerPhone}` : undefined,
    ...quotedAttributes(response.attributes),
  ].filter((line) => line !== undefined);
  return {
    subject,
    message: lines.join('\n'),
    attributes: {
      kind: 'detractor',
      survey,
      score,
      category: categorize(survey, score),
      severity: severityOf(survey, score, thresholds),
      team: response.team,
      agent: response.agent ?? 'none',
      touchpoint: response.touchpoint,
      channel: response.channel,
      ...insightAttributes(response.comment ? insight : null),
    },
  };
};
