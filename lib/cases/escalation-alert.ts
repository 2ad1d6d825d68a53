import { insightAttributes, quoted, SURVEY_NAMES } from '../alerts/alert-text.js';
import type { RenderedAlert } from '../alerts/detractor-alert.js';
import { categorize, SCALES } from '../surveys/scales.js';
import { type Case, type CaseSla, insightOfCase, slaMinutesOf } from './case.js';

/**
 * The escalation of a case nobody acknowledged within its SLA: who waits, for how long, and the case
 * link. It carries the detractor alert's routing attributes, with `kind` escalation, so that the
 * subscribers who take escalations for that team receive it.
 */
export const renderEscalationAlert = (opened: Case, sla: CaseSla, caseUrl: string): RenderedAlert => {
  const who = opened.customerName ?? opened.customerId;
  const scale = `${opened.score}/${SCALES[opened.survey].max}`;
  const waited = slaMinutesOf(opened, sla);
  const hours = waited % 60 === 0 ? `${waited / 60} h` : `${waited} min`;
  return {
    subject:
      `Unacknowledged for ${hours}: ${SURVEY_NAMES[opened.survey]} ${scale} from ${who} (${opened.team})`.slice(
        0,
        99,
      ),
    message: [
      `Case: ${caseUrl}`,
      `Nobody has acknowledged this case in ${hours} (the ${opened.severity} severity SLA).`,
      `${who} answered ${scale} on ${SURVEY_NAMES[opened.survey]} (${categorize(opened.survey, opened.score)}).`,
      opened.comment ? `Comment:\n${quoted(opened.comment)}` : 'No comment.',
      '',
      `Team: ${opened.team}`,
      `Agent: ${opened.agent ?? 'none'}`,
      opened.firstOpenedAt
        ? `Reopened: ${opened.openedAt} (first opened ${opened.firstOpenedAt})`
        : `Opened: ${opened.openedAt}`,
      opened.customerPhone ? `Phone: ${opened.customerPhone}` : undefined,
      opened.customerEmail ? `Email: ${opened.customerEmail}` : undefined,
    ]
      .filter((line) => line !== undefined)
      .join('\n'),
    attributes: {
      kind: 'escalation',
      survey: opened.survey,
      score: opened.score,
      category: categorize(opened.survey, opened.score),
      severity: opened.severity,
      team: opened.team,
      agent: opened.agent ?? 'none',
      touchpoint: opened.touchpoint,
      channel: opened.channel,
      ...insightAttributes(insightOfCase(opened)),
    },
  };
};
