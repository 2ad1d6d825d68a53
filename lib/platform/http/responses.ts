import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** Two years, as the HSTS preload list recommends: browsers keep to HTTPS that long after an answer. */
export const HSTS_MAX_AGE_SECONDS = 63_072_000;

/** What every answer carries, page or JSON, error or not. */
const SECURITY_HEADERS = {
  'strict-transport-security': `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export const json = (statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...SECURITY_HEADERS,
  },
  body: JSON.stringify(body),
});

/**
 * A CSV file for a spreadsheet (`text/csv`, UTF-8), saved under `filename`, with `headers` beside
 * (a `Link` to the next page).
 */
export const csv = (
  statusCode: number,
  body: string,
  filename: string,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename}"`,
    'cache-control': 'no-store',
    ...headers,
    ...SECURITY_HEADERS,
  },
  body,
});

/**
 * An HTML page that runs no outside code, cannot be framed and cannot have its links and form
 * re-based by an injected `<base>`; its own inline scripts run only when their SHA-256 hashes are
 * listed.
 */
export const html = (
  statusCode: number,
  body: string,
  options: { scriptHashes?: readonly string[] } = {},
): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; ${
      options.scriptHashes?.length
        ? `script-src ${options.scriptHashes.map((h) => `'sha256-${h}'`).join(' ')}; `
        : ''
    }base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
    ...SECURITY_HEADERS,
  },
  body,
});
