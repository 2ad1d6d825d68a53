import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Lead } from '../settings/access.js';

/** How long a console session lasts from sign-in: a working day. */
export const SESSION_HOURS = 12;

/** A signed-in lead's session: who, until when, and the token its forms carry. */
export interface Session {
  lead: Lead;
  /** The token every state-changing form of this session carries; it dies with the session. */
  csrf: string;
  signedInAt: string;
  /** When it ends, whatever happens. */
  endsAt: string;
}

/** Sessions by the id their cookie carries. */
export interface SessionStore {
  /** The session of a cookie's id, or null when unknown, signed out or expired. */
  find(sessionId: string, now: Date): Promise<Session | null>;
  /** Keeps a new session under its id. */
  keep(sessionId: string, session: Session): Promise<void>;
  /** Ends a session: its cookie and its forms' tokens stop working at once. */
  end(sessionId: string): Promise<void>;
}

/** A new session id: 256 random bits, the cookie's whole value. */
export const newSessionId = (): string => randomBytes(32).toString('base64url');

/** What the table keys a session by: a digest of its id, so that reading the table gives no session away. */
export const sessionDigestOf = (sessionId: string): string =>
  createHash('sha256').update(sessionId).digest('base64url');

/** A new session for `lead`, from `now`. */
export const sessionFor = (lead: Lead, now: Date): Session => ({
  lead,
  csrf: randomBytes(24).toString('base64url'),
  signedInAt: now.toISOString(),
  endsAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
});

/** Whether a form's token is its session's, compared in constant time. */
export const isSessionToken = (session: Session, token: string | undefined): boolean => {
  if (token === undefined) return false;
  const given = Buffer.from(token);
  const expected = Buffer.from(session.csrf);
  return given.length === expected.length && timingSafeEqual(given, expected);
};
