/** Checks a lead's sign-in token; answers who they are, or null for a token that is not a lead's. */
export interface LeadTokens {
  verify(token: string): Promise<{ email: string } | null>;
}
