import { type MetricAlertRule, segmentOfRule } from '../alerts/metric-alert.js';
import type { SecretSource } from '../platform/secret.js';
import { signToken } from './link-tokens.js';

/** Builds the signed links that go into messages. */
export interface Links {
  surveyUrl(invitationId: string, score?: number): Promise<string>;
  /** The RFC 8058 one-click unsubscribe address: a GET shows a confirmation, a POST unsubscribes. */
  unsubscribeUrl(invitationId: string): Promise<string>;
}

/** Where a lead reads a case (`GET /cases/{caseId}`, with the integrator token). */
export const caseUrlFor =
  (publicUrl: string) =>
  (caseId: string): string =>
    `${publicUrl.replace(/\/+$/, '')}/cases/${caseId}`;

export const createLinks = (publicUrl: string, signingKey: SecretSource): Links => {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    async surveyUrl(invitationId, score) {
      const url = `${base}/s/${signToken(invitationId, 'survey', await signingKey())}`;
      return score === undefined ? url : `${url}?score=${score}`;
    },
    async unsubscribeUrl(invitationId) {
      return `${base}/u/${signToken(invitationId, 'unsubscribe', await signingKey())}`;
    },
  };
};

/** Where a metric rule's score is followed day by day (`GET /metrics/trend`, with a lead's or the integrator's token). */
export const trendUrlFor =
  (publicUrl: string) =>
  (rule: MetricAlertRule): string => {
    const segment = segmentOfRule(rule);
    const query = new URLSearchParams({
      survey: rule.survey,
      ...(segment ? { [segment.dimension]: segment.value } : {}),
    });
    return `${publicUrl.replace(/\/+$/, '')}/metrics/trend?${query}`;
  };
