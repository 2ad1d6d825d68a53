import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import type { AuthorizerContext } from '../platform/http/requests.js';
import { parseJson } from '../platform/json.js';
import { logger } from '../platform/logger.js';
import type { SecretSource } from '../platform/secret.js';
import { INTEGRATOR_SCOPES, type IntegratorScope, type RouteScopes } from '../settings/access.js';
import type { IntegratorCredentials } from './ports.js';

export { INTEGRATOR_SCOPES, type IntegratorScope, type RouteScopes };

/*
 * Integrators call the API with named credentials, each holding some scopes (lib/settings/access.ts says
 * which routes each covers) and up to two tokens, so that a token is rotated without a moment in which
 * the integration fails: add the new one, move the integration, drop the old one. The secret holds
 * only each token's SHA-256, so a leaked secret value gives no working token; a token is 32 random
 * bytes, so an unsalted hash is as good as a slow one.
 */

/**
 * The credential a secret holding one plain token stands for: the single integrator token from before
 * named credentials, which keeps working, with every scope, until the secret is given credentials.
 */
export const LEGACY_CREDENTIAL_NAME = 'default';

/** Tokens a credential holds at once: the current one, and the next while the integration moves to it. */
export const MAX_TOKENS_PER_CREDENTIAL = 2;

const TOKEN_HASH = /^sha256:[0-9a-f]{64}$/;

/** A credential's name, recorded as who acted (`integrator:<name>`). */
export const CredentialNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'must be 1 to 64 lower-case letters, digits, ".", "_" or "-"');

const ScopesSchema = z
  .array(z.enum(INTEGRATOR_SCOPES, { error: `must be one of ${INTEGRATOR_SCOPES.join(', ')}` }))
  .min(1, 'must name at least one scope')
  .refine((scopes) => new Set(scopes).size === scopes.length, 'must not repeat a scope');

const CredentialSchema = z.strictObject({
  name: CredentialNameSchema,
  scopes: ScopesSchema,
  tokens: z
    .array(z.string().regex(TOKEN_HASH, 'must be "sha256:" and 64 hex digits (npm run credential makes it)'))
    .min(1, 'must hold at least one token hash')
    .max(MAX_TOKENS_PER_CREDENTIAL, `must hold at most ${MAX_TOKENS_PER_CREDENTIAL} token hashes`),
});

/** A named credential as the secret holds it: its scopes, and the hashes of its tokens. */
export type IntegratorCredential = z.infer<typeof CredentialSchema>;

/** The secret's value: `{ "credentials": [{ "name", "scopes", "tokens" }] }`. */
export const CredentialsDocumentSchema = z
  .strictObject({ credentials: z.array(CredentialSchema) })
  .superRefine(({ credentials }, context) => {
    const names = new Set<string>();
    const hashes = new Set<string>();
    credentials.forEach((credential, index) => {
      if (names.has(credential.name)) {
        context.addIssue({ code: 'custom', path: ['credentials', index, 'name'], message: 'is used twice' });
      }
      names.add(credential.name);
      for (const hash of credential.tokens) {
        // A token must name one credential, or who acted would depend on the order of the list.
        if (hashes.has(hash)) {
          context.addIssue({
            code: 'custom',
            path: ['credentials', index, 'tokens'],
            message: 'holds a token another credential holds too',
          });
        }
        hashes.add(hash);
      }
    });
  });

/** The integrator credentials cannot be read; the message names the field, never a value of the secret. */
export class CredentialsError extends Error {
  override name = 'CredentialsError';
}

/** A token's hash as the secret holds it: `sha256:` and the hex digest. */
export const hashToken = (token: string): string =>
  `sha256:${createHash('sha256').update(token, 'utf8').digest('hex')}`;

/** A new token: 32 random bytes, with a prefix that says what it is (and lets secret scanners find it). */
export const mintToken = (): string => `pulse_${randomBytes(32).toString('base64url')}`;

/**
 * The credentials a secret's value holds: a JSON document (`{ "credentials": [...] }`), or a plain
 * token, which is one credential named `default` with every scope (the single token of old; a value
 * Secrets Manager generated never starts with `{`). Throws a CredentialsError naming what is wrong.
 */
export const readCredentials = (value: string): IntegratorCredential[] => {
  const text = value.trim();
  if (!text) throw new CredentialsError('integrator credentials: the secret is empty');
  if (!text.startsWith('{')) {
    return [{ name: LEGACY_CREDENTIAL_NAME, scopes: [...INTEGRATOR_SCOPES], tokens: [hashToken(text)] }];
  }
  const parsed = CredentialsDocumentSchema.safeParse(parseJson(text));
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'the secret'}: ${issue.message}`,
    );
    throw new CredentialsError(`integrator credentials: ${problems.join('; ')}`);
  }
  return parsed.data.credentials;
};

/**
 * The credentials of a secret, read again whenever its value changes (a rotation), else parsed once.
 * A value that cannot be read throws on every call: no request gets through on a broken secret.
 */
export const credentialsFrom = (secret: SecretSource): IntegratorCredentials => {
  let last: { value: string; credentials: IntegratorCredential[] } | undefined;
  return async () => {
    const value = await secret();
    if (last?.value !== value) last = { value, credentials: readCredentials(value) };
    return last.credentials;
  };
};

/**
 * The credential one of whose tokens this is. Every stored hash is compared, in constant time and
 * without stopping at a match, so the time taken says nothing about the token or the list.
 */
export const credentialHolding = (
  token: string,
  credentials: readonly IntegratorCredential[],
): IntegratorCredential | undefined => {
  const given = Buffer.from(hashToken(token).slice('sha256:'.length), 'hex');
  let found: IntegratorCredential | undefined;
  for (const credential of credentials) {
    for (const hash of credential.tokens) {
      const held = Buffer.from(hash.slice('sha256:'.length), 'hex');
      if (timingSafeEqual(given, held) && !found) found = credential;
    }
  }
  return found;
};

/**
 * What a bearer token may do on a route: `unknown` when it is no credential's (API Gateway's 401),
 * `denied` when its credential lacks the route's scope, or the route has none (403), `allowed` with
 * the credential's name, which becomes who acted.
 */
export type IntegratorAccess =
  | { outcome: 'unknown' }
  | { outcome: 'denied'; credential: string; scope: IntegratorScope | undefined }
  | { outcome: 'allowed'; credential: string };

export const integratorAccess = (
  token: string | undefined,
  routeKey: string,
  credentials: readonly IntegratorCredential[],
  routeScopes: RouteScopes,
): IntegratorAccess => {
  const credential = token ? credentialHolding(token, credentials) : undefined;
  if (!credential) return { outcome: 'unknown' };
  // A route missing from the table is a wiring error: refused, never let through.
  const scope = Object.hasOwn(routeScopes, routeKey) ? routeScopes[routeKey] : undefined;
  return scope && credential.scopes.includes(scope)
    ? { outcome: 'allowed', credential: credential.name }
    : { outcome: 'denied', credential: credential.name, scope };
};

/** An HTTP API Lambda authorizer's simple answer, with who acts when it allows. */
export type AuthorizerAnswer = { isAuthorized: false } | { isAuthorized: true; context: AuthorizerContext };

/**
 * What an authorizer answers for an integrator's access to a route: allowed with the credential as who
 * acts; refused (403), logged with the scope it lacks; or null for a token of no credential, which the
 * authorizer answers as it must (401, or by trying a lead's token).
 */
export const authorizerAnswerOf = (access: IntegratorAccess, routeKey: string): AuthorizerAnswer | null => {
  if (access.outcome === 'unknown') return null;
  if (access.outcome === 'denied') {
    logger.warn('credential refused: it lacks the route scope', {
      credential: access.credential,
      routeKey,
      scope: access.scope ?? null,
    });
    return { isAuthorized: false };
  }
  return { isAuthorized: true, context: { actor: 'integrator', credential: access.credential } };
};

/**
 * The credentials with a new token for `name`: a new credential needs its scopes; an existing one
 * keeps its own unless `scopes` are given, and takes the token as its newest, dropping its oldest when
 * it holds two already (so run it once to add the next token, and again later to drop the old one).
 */
export const withNewToken = (
  credentials: readonly IntegratorCredential[],
  request: { name: string; scopes?: readonly string[] | undefined },
  tokenHash: string,
): { credentials: IntegratorCredential[]; dropped: number } => {
  const name = CredentialNameSchema.safeParse(request.name);
  if (!name.success) throw new CredentialsError(`name: ${name.error.issues[0]?.message}`);
  const scopes = request.scopes === undefined ? undefined : ScopesSchema.safeParse(request.scopes);
  if (scopes && !scopes.success) throw new CredentialsError(`scopes: ${scopes.error.issues[0]?.message}`);
  const existing = credentials.find((credential) => credential.name === name.data);
  if (!existing) {
    if (!scopes) throw new CredentialsError(`scopes: a new credential (${name.data}) needs its scopes`);
    return {
      credentials: [...credentials, { name: name.data, scopes: scopes.data, tokens: [tokenHash] }],
      dropped: 0,
    };
  }
  const tokens = [...existing.tokens, tokenHash];
  const kept = tokens.slice(-MAX_TOKENS_PER_CREDENTIAL);
  const updated = { ...existing, scopes: scopes?.data ?? existing.scopes, tokens: kept };
  return {
    credentials: credentials.map((credential) => (credential === existing ? updated : credential)),
    dropped: tokens.length - kept.length,
  };
};

/** What deciding an integrator's access needs: the credentials as they stand, and each route's scope. */
export interface IntegratorAccessDeps {
  credentials: IntegratorCredentials;
  routeScopes: RouteScopes;
}

/** {@link integratorAccess} with the credentials as they stand. */
export const checkIntegratorAccess = async (
  token: string | undefined,
  routeKey: string,
  deps: IntegratorAccessDeps,
): Promise<IntegratorAccess> =>
  token
    ? integratorAccess(token, routeKey, await deps.credentials(), deps.routeScopes)
    : { outcome: 'unknown' };

/**
 * The credentials without a token of `name`: its oldest (the end of a rotation, once the integration
 * uses the newer one), or the credential itself (revoked). A credential keeps at least one token.
 */
export const withoutToken = (
  credentials: readonly IntegratorCredential[],
  name: string,
  which: 'oldest' | 'credential',
): IntegratorCredential[] => {
  const existing = credentials.find((credential) => credential.name === name);
  if (!existing) throw new CredentialsError(`name: there is no credential ${name}`);
  if (which === 'credential') return credentials.filter((credential) => credential !== existing);
  if (existing.tokens.length < 2) {
    throw new CredentialsError(`name: ${name} holds one token; remove the credential to revoke it`);
  }
  return credentials.map((credential) =>
    credential === existing ? { ...existing, tokens: existing.tokens.slice(1) } : credential,
  );
};
