import { timingSafeEqual } from 'node:crypto';

/** The token of an `Authorization: Bearer <token>` header, whatever the header name's case. */
export const bearerTokenOf = (
  headers: Record<string, string | undefined> | undefined,
): string | undefined => {
  const header = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  return /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
};

/** Compares a given token with the expected one in constant time. */
export const sameToken = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};
