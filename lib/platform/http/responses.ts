import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

const SECURITY_HEADERS = {
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
 * An HTML page that runs no outside code and cannot be framed; its own inline scripts run only when
 * their SHA-256 hashes are listed.
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
    }form-action 'self'; frame-ancestors 'none'`,
    ...SECURITY_HEADERS,
  },
  body,
});
