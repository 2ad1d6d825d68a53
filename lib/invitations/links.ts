import type { SecretSource } from '../platform/secret.js';
import { signToken } from './link-tokens.js';

/** Builds the signed links that go into messages. */
export interface Links {
  surveyUrl(invitationId: string, score?: number): Promise<string>;
  /** The RFC 8058 one-click unsubscribe address: a GET shows a confirmation, a POST unsubscribes. */
  unsubscribeUrl(invitationId: string): Promise<string>;
}

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
