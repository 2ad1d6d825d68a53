/** The token of an `Authorization: Bearer <token>` header, whatever the header name's case. */
export const bearerTokenOf = (
  headers: Record<string, string | undefined> | undefined,
): string | undefined => {
  const header = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  return /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
};
