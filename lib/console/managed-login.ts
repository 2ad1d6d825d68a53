import { createHash, randomBytes } from 'node:crypto';
import type { LeadTokens } from '../access/ports.js';

/** How long a lead has, from the console's redirect, to come back from the managed login. */
export const LOGIN_MINUTES = 10;

/**
 * The user pool's managed login (an OAuth 2.0 authorization server) as the console calls it: its token
 * endpoint, which exchanges an authorization code for the lead's tokens.
 */
export interface ManagedLogin {
  /**
   * The tokens of an authorization code, proven with the PKCE verifier whose challenge the code was
   * asked with; null when the server refuses the exchange (a code unknown, used, expired or asked for
   * another verifier, client or redirect).
   */
  exchange(grant: {
    code: string;
    codeVerifier: string;
    redirectUri: string;
  }): Promise<{ idToken: string } | null>;
}

/** A sign-in under way: what the console keeps from its redirect to the managed login to the callback. */
export interface PendingLogin {
  /** The PKCE `code_verifier`, which only the console knows. */
  verifier: string;
  /** The console path the lead asked for. */
  returnTo: string;
  /** When it can no longer be finished. */
  expiresAt: string;
}

/** Sign-ins under way, by the `state` their redirect carries. */
export interface PendingLogins {
  /** Keeps a new sign-in under its `state`. */
  keep(state: string, login: PendingLogin): Promise<void>;
  /** Takes the sign-in of `state`, once: null when unknown, taken already or expired at `now`. */
  take(state: string, now: Date): Promise<PendingLogin | null>;
}

/** The stage's managed login as the console signs leads in through it. */
export interface ManagedSignIn {
  kind: 'cognito';
  /** The managed login's base URL (`https://<domain>`): `/oauth2/authorize` and `/logout` are under it. */
  loginUrl: string;
  /** The console's app client. */
  clientId: string;
  /**
   * What starting and finishing a sign-in needs, in the pages' function only: the forms' function
   * signs leads out, never in, and so carries no token verifier.
   */
  flow?: SignInFlow | undefined;
}

/** The parts of a sign-in through the managed login: the code exchange, the ID token's check, the sign-ins under way. */
export interface SignInFlow {
  login: ManagedLogin;
  /** Verifies the ID token the exchange answers: the pool's, for the console's client. */
  tokens: LeadTokens;
  pending: PendingLogins;
}

/** A new `state`: 256 random bits, which the login cookie carries and the managed login hands back. */
export const newLoginState = (): string => randomBytes(32).toString('base64url');

/** A new PKCE `code_verifier` (RFC 7636): 64 characters of base64url, all of them unreserved, 384 bits. */
export const newCodeVerifier = (): string => randomBytes(48).toString('base64url');

/** The S256 `code_challenge` of a verifier: base64url(SHA-256(verifier)). */
export const codeChallengeOf = (verifier: string): string =>
  createHash('sha256').update(verifier, 'ascii').digest('base64url');

/** What the table keys a sign-in by: a digest of its `state`, so that reading the table finishes none. */
export const stateDigestOf = (state: string): string =>
  createHash('sha256').update(state).digest('base64url');
