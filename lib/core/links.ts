import { signToken } from '../domain/token.js';
import type { SecretSource } from './ports.js';

/** Builds the signed links that go into messages. */
export interface Links {
  surveyUrl(invitationId: string, score?: number): Promise<string>;
}

export const createLinks = (publicUrl: string, signingKey: SecretSource): Links => ({
  async surveyUrl(invitationId, score) {
    const token = signToken(invitationId, 'survey', await signingKey());
    const base = `${publicUrl.replace(/\/+$/, '')}/s/${token}`;
    return score === undefined ? base : `${base}?score=${score}`;
  },
});
