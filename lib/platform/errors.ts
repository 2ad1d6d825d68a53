import type { z } from 'zod';
import { illFormedPath } from './text.js';

/** One wrong field of a request or event: its dotted path and what is wrong with it. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** Input that breaks a contract. Maps to 400 at the HTTP edge and to a DLQ with its reason elsewhere. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ') || 'invalid input');
  }

  static fromZod(error: z.ZodError, prefix?: string): ValidationError {
    const fieldOf = (path: PropertyKey[]) =>
      [prefix, ...path.map(String)].filter(Boolean).join('.') || '(root)';
    return new ValidationError(
      error.issues.flatMap((issue) =>
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((key) => ({
              field: fieldOf([...issue.path, key]),
              message: 'is not a known parameter',
            }))
          : issue.code === 'invalid_key'
            ? // A record's key broke the key's own rules: say which, not only that the key is invalid.
              issue.issues.map((inner) => ({
                field: fieldOf(issue.path),
                message: `(the name) ${inner.message}`,
              }))
            : [
                {
                  field: fieldOf(issue.path),
                  message: issue.message,
                },
              ],
      ),
    );
  }
}

/** No credentials, or wrong ones. */
export class UnauthorizedError extends Error {
  override readonly name = 'UnauthorizedError';
  constructor(message = 'a valid bearer token is required') {
    super(message);
  }
}

/**
 * The caller is who they say, but may not read or work this: another team's, for a lead kept to some
 * teams. Names the field of the request that asked for it.
 */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The thing asked for does not exist (or a token does not verify, which must look the same). */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/** The survey no longer takes answers; the page says so in the customer's language. */
export class SurveyClosedError extends Error {
  override readonly name = 'SurveyClosedError';
  constructor(readonly locale: string | undefined) {
    super('this survey has closed');
  }
}

/** The request is well-formed but the state does not allow it. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}

/**
 * Parses with a zod schema and throws a ValidationError naming each wrong field. What it returns
 * holds only well-formed text (lib/platform/text.ts): a schema may repair a field (a customer's words),
 * and any other field holding a lone surrogate is refused.
 */
export const parseOrThrow = <T extends z.ZodType>(schema: T, input: unknown, prefix?: string): z.infer<T> => {
  const result = schema.safeParse(input, {
    error: (issue) => (issue.input === undefined && issue.code !== 'custom' ? 'is required' : undefined),
  });
  if (!result.success) throw ValidationError.fromZod(result.error, prefix);
  const illFormed = illFormedPath(result.data);
  if (illFormed) {
    throw new ValidationError([
      {
        field: [prefix, ...illFormed.map(String)].filter(Boolean).join('.') || '(root)',
        message: 'must be well-formed Unicode text (it holds a lone UTF-16 surrogate)',
      },
    ]);
  }
  return result.data;
};

/** A send that will never succeed as it is (a rejected address, an unverified sender): not retried. */
export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
}

/** The provider asked to slow down: the send is put back with a backoff. */
export class ThrottledError extends Error {
  override readonly name = 'ThrottledError';
}

/** A stream batch whose first record cannot be processed: failing the invocation makes Lambda bisect it. */
export class StreamBatchError extends Error {
  override readonly name = 'StreamBatchError';
}

/**
 * Another invocation holds the claim on this work and its lease has not run out: this one must not
 * do it too. Thrown so that the record or message is retried, after the lease, by whoever is left.
 */
export class ClaimHeldError extends Error {
  override readonly name = 'ClaimHeldError';
}

/**
 * A provider's refusal as the send flow reads it: a request that can never succeed becomes a
 * PermanentDeliveryError (the invitation fails with the reason), a request to slow down a
 * ThrottledError (the send backs off); anything else is answered as it is, and retried.
 */
export const deliveryErrorOf = (
  error: unknown,
  refused: string,
  names: { permanent: ReadonlySet<string>; throttled: ReadonlySet<string> },
): unknown => {
  if (!(error instanceof Error)) return error;
  if (names.permanent.has(error.name)) {
    return new PermanentDeliveryError(`${refused}: ${error.name}: ${error.message}`);
  }
  if (names.throttled.has(error.name))
    return new ThrottledError(`${refused}: ${error.name}: ${error.message}`);
  return error;
};
