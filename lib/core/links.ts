import { signToken } from '../domain/token.js';
import type { SecretSource } from './ports.js';

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
