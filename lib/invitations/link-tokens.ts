import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Bytes kept of the id hash and of the MAC; 16 of each make a 44-character base64url token. */
const ID_BYTES = 16;
const MAC_BYTES = 16;
export const TOKEN_LENGTH = 44;
const ID_LENGTH = 22;

/**
 * The invitation id of an interaction: a hash, so the same interaction always maps to the same
 * invitation (deduplication needs no extra item) and an id reveals nothing about the interaction.
 */
export const invitationIdOf = (interactionId: string): string =>
  createHash('sha256')
    .update(`pulse-invitation:${interactionId}`)
    .digest()
    .subarray(0, ID_BYTES)
    .toString('base64url');

const macOf = (invitationId: string, purpose: TokenPurpose, key: string): string =>
  createHmac('sha256', key)
    .update(`${purpose}:${invitationId}`)
    .digest()
    .subarray(0, MAC_BYTES)
    .toString('base64url');

/** What a token lets its holder do: answer the survey, or unsubscribe. */
export type TokenPurpose = 'survey' | 'unsubscribe';

/** A link token: the invitation id followed by its HMAC, fixed length, URL-safe, unguessable. */
export const signToken = (invitationId: string, purpose: TokenPurpose, key: string): string =>
  `${invitationId}${macOf(invitationId, purpose, key)}`;

/** The invitation id of a genuine token, or null for anything else (wrong length, tampered, other purpose). */
export const verifyToken = (token: string, purpose: TokenPurpose, key: string): string | null => {
  if (token.length !== TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
  const invitationId = token.slice(0, ID_LENGTH);
  const expected = Buffer.from(macOf(invitationId, purpose, key));
  const given = Buffer.from(token.slice(ID_LENGTH));
  return expected.length === given.length && timingSafeEqual(expected, given) ? invitationId : null;
};
