import type { Response } from '../domain/response.js';
import { categorize, SCALES, severityOf } from '../domain/survey.js';

export interface RenderedAlert {
  subject: string;
  message: string;
  attributes: Record<string, string | number>;
}

const SURVEY_NAMES = { nps: 'NPS', csat: 'CSAT', ces: 'CES' } as const;

/**
 * A detractor alert that reads well in an email, an SMS and a chat message: who, what score, what they
 * said, where it happened, and how to reach them. Its message attributes carry what SNS filter
 * policies route on.
 */
export const renderDetractorAlert = (response: Response): RenderedAlert => {
  const { survey, score } = response;
  const who = response.customerName ?? response.customerId;
  const scale = `${score}/${SCALES[survey].max}`;
  const subject = `${SURVEY_NAMES[survey]} ${scale} from ${who} (${response.team})`.slice(0, 99);
  const lines = [
    `${who} answered ${scale} on ${SURVEY_NAMES[survey]} (${categorize(survey, score)}).`,
    response.comment ? `Comment: "${response.comment}"` : 'No comment yet.',
    '',
    `Team: ${response.team}`,
    `Agent: ${response.agent ?? 'none'}`,
    `Touchpoint: ${response.touchpoint}`,
    `Channel: ${response.channel}`,
    `Interaction: ${response.interactionId}`,
    response.customerEmail ? `Email: ${response.customerEmail}` : undefined,
    response.customerPhone ? `Phone: ${response.customerPhone}` : undefined,
    ...Object.entries(response.attributes ?? {}).map(([key, value]) => `${key}: ${value}`),
  ].filter((line) => line !== undefined);
  return {
    subject,
    message: lines.join('\n'),
    attributes: {
      survey,
      score,
      category: categorize(survey, score),
      severity: severityOf(survey, score),
      team: response.team,
      agent: response.agent ?? 'none',
      touchpoint: response.touchpoint,
      channel: response.channel,
    },
  };
};
