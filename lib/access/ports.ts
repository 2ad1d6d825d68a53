import type { IntegratorCredential } from './integrator-credentials.js';

/** Checks a lead's sign-in token; answers who they are, or null for a token that is not a lead's. */
export interface LeadTokens {
  verify(token: string): Promise<{ email: string } | null>;
}

/** The integrator credentials as they stand (read from their secret, which a rotation changes). */
export type IntegratorCredentials = () => Promise<readonly IntegratorCredential[]>;
