import { SURVEY_NAMES } from './alert-text.js';
import type { RenderedAlert } from './detractor-alert.js';
import { type MetricAlertRule, type MetricAlertState, segmentOfRule } from './metric-alert.js';

/** How a window reads in a sentence. */
const WINDOW_NAMES = { '7d': '7 days', '30d': '30 days', '90d': '90 days' } as const;

const UNITS = { nps: '', csat: '%', ces: ' of 7' } as const;

/**
 * A rolling score (or response rate) that fell below its rule's line, or came back: which score,
 * where, how far, on how many answers (invitations sent), and since when. Its attributes carry `kind`
 * metric, the survey, the watched `metric`, the window, the
 * watched segment's dimension (so that a team's lead who takes metric alerts gets their team's), and
 * severity high, so that a subscriber who takes only high-severity alerts still gets them.
 */
export const renderMetricAlert = (
  rule: MetricAlertRule,
  state: MetricAlertState,
  trendUrl?: string,
): RenderedAlert => {
  const segment = segmentOfRule(rule);
  const rate = rule.metric === 'responseRate';
  const where = segment ? `${segment.dimension} ${segment.value}` : rate ? 'all invitations' : 'all answers';
  const name = `${rate ? `Response rate of ${SURVEY_NAMES[rule.survey]} surveys` : SURVEY_NAMES[rule.survey]} over ${WINDOW_NAMES[rule.window]}`;
  const unit = rate ? '%' : UNITS[rule.survey];
  const sample = rate ? 'invitations sent' : 'answers';
  const fell = state.status === 'below';
  const recoversAt = rule.recoverAt ?? rule.below;
  return {
    subject: (fell
      ? `${name} fell to ${state.score}${unit} for ${where} (below ${rule.below})`
      : `${name} recovered to ${state.score}${unit} for ${where}`
    ).slice(0, 99),
    message: [
      fell
        ? `${name} for ${where} is ${state.score}${unit} on ${state.n} ${sample}, below the alert line of ${rule.below}${unit}.`
        : `${name} for ${where} is back at ${state.score}${unit} on ${state.n} ${sample}, at or above ${recoversAt}${unit}.`,
      fell && rate
        ? 'A collapse of the response rate usually means the invitations do not reach people: mail landing in spam, a sending number blocked, broken links.'
        : undefined,
      fell
        ? `You will hear once more when it is back at or above ${recoversAt}${unit}, not before.`
        : `It had been below ${rule.below}${unit} since ${state.fellAt ?? 'an earlier alert'}.`,
      '',
      `Survey: ${SURVEY_NAMES[rule.survey]}`,
      rate ? 'Watching: the response rate (answers per invitation sent)' : undefined,
      `Window: ${WINDOW_NAMES[rule.window]}, trailing UTC days`,
      `Segment: ${where}`,
      `Measured: ${state.changedAt}`,
      trendUrl ? `${rate ? 'Funnel' : 'Trend'}: ${trendUrl}` : undefined,
    ]
      .filter((text) => text !== undefined)
      .join('\n'),
    attributes: {
      kind: 'metric',
      survey: rule.survey,
      metric: rule.metric,
      window: rule.window,
      state: fell ? 'below' : 'recovered',
      score: state.score,
      severity: 'high',
      ...(segment ? { [segment.dimension]: segment.value } : {}),
    },
  };
};
