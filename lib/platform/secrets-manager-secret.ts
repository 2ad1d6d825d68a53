import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecretSource } from './secret.js';

/** A secret string from Secrets Manager, fetched on first use and kept for `ttlMs`. */
export const secretsManagerSecret = (
  client: SecretsManagerClient,
  secretId: string,
  ttlMs = 5 * 60_000,
): SecretSource => {
  let cached: { value: Promise<string>; at: number } | undefined;
  return () => {
    if (!cached || Date.now() - cached.at > ttlMs) {
      const value = client
        .send(new GetSecretValueCommand({ SecretId: secretId }))
        .then(({ SecretString }) => {
          if (!SecretString) throw new Error(`secret ${secretId} has no string value`);
          return SecretString;
        });
      value.catch(() => {
        cached = undefined;
      });
      cached = { value, at: Date.now() };
    }
    return cached.value;
  };
};
