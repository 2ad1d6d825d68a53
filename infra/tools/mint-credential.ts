import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  CredentialsError,
  hashToken,
  INTEGRATOR_SCOPES,
  LEGACY_CREDENTIAL_NAME,
  mintToken,
  readCredentials,
  withNewToken,
  withoutToken,
} from '../../lib/access/integrator-credentials.js';

/*
 * The operator's tool for the integrator credentials' secret: it reads the secret's value from a file
 * and writes the next one to a file, and makes no AWS call (the operator reads and writes the secret
 * with the AWS CLI, see the README's "Integrator credentials").
 */

/**
 * A new token for a named integrator credential, and the secret's next value: the credentials of
 * `current` (the secret's value as it stands, if any) with the token's hash added. A new credential
 * needs its scopes; an existing one takes the token as its newest, dropping its oldest when it holds
 * two. A plain value (the single token of old) becomes the credential `default`, so that token keeps
 * working.
 */
export const mintCredential = (
  request: { name: string; scopes?: readonly string[] | undefined; current?: string | undefined },
  token: string = mintToken(),
): { token: string; document: string; dropped: number; fromPlainToken: boolean } => {
  const credentials = request.current === undefined ? [] : readCredentials(request.current);
  const { credentials: next, dropped } = withNewToken(credentials, request, hashToken(token));
  return { token, document: documentOf(next), dropped, fromPlainToken: isPlainToken(request.current) };
};

/**
 * The secret's next value without a token of `name`: its oldest (`oldest`, the end of a rotation) or
 * the whole credential (`credential`, revoked).
 */
export const retireCredential = (request: {
  name: string;
  which: 'oldest' | 'credential';
  current: string;
}): { document: string; fromPlainToken: boolean } => ({
  document: documentOf(withoutToken(readCredentials(request.current), request.name, request.which)),
  fromPlainToken: isPlainToken(request.current),
});

const documentOf = (credentials: unknown[]): string => `${JSON.stringify({ credentials }, null, 2)}\n`;
const isPlainToken = (current: string | undefined): boolean =>
  current !== undefined && !current.trim().startsWith('{');

const USAGE = `npm run credential -- --name <name> [--scopes <scope,scope>] [--current <file>] [--out <file>]
npm run credential -- --name <name> --drop-oldest | --remove --current <file> [--out <file>]

  --name         the credential, recorded as who acted (integrator:<name>)
  --scopes       for a new credential (or to change an existing one's): ${INTEGRATOR_SCOPES.join(', ')}
  --current      a file holding the secret's value as it stands (aws secretsmanager get-secret-value
                 --query SecretString --output text); without it, the output holds this credential alone
  --drop-oldest  no new token: drop the credential's oldest token (the end of a rotation)
  --remove       no new token: remove the credential (revoke it)
  --out          where to write the secret's next value (default: printed)`;

const main = (argv: string[]): number => {
  const { values } = parseArgs({
    args: argv,
    options: {
      name: { type: 'string' },
      scopes: { type: 'string' },
      current: { type: 'string' },
      out: { type: 'string' },
      'drop-oldest': { type: 'boolean' },
      remove: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const retiring = values['drop-oldest'] || values.remove;
  if (values.help || !values.name || (retiring && !values.current)) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  try {
    const current = values.current === undefined ? undefined : readFileSync(values.current, 'utf8');
    const result: { document: string; fromPlainToken: boolean; token?: string; dropped?: number } =
      retiring && current !== undefined
        ? retireCredential({
            name: values.name,
            which: values.remove ? 'credential' : 'oldest',
            current,
          })
        : mintCredential({
            name: values.name,
            scopes: values.scopes?.split(',').map((scope) => scope.trim()),
            current,
          });
    if (values.out) writeFileSync(values.out, result.document, { mode: 0o600 });
    if (result.token) {
      console.log(
        `Token of ${values.name} (shown once; give it to the integrator, keep no copy):\n\n  ${result.token}\n`,
      );
      if (result.dropped) console.log(`The oldest token of ${values.name} is dropped: it stops working.`);
    }
    if (result.fromPlainToken) {
      console.log(
        `The secret's plain token is kept as the credential ${LEGACY_CREDENTIAL_NAME} (every scope): remove it once nobody uses it, and delete the file that held it.`,
      );
    }
    console.log(
      values.out
        ? `The secret's next value is in ${values.out}: aws secretsmanager put-secret-value --secret-id <ApiTokenSecretArn> --secret-string file://${values.out}`
        : `The secret's next value:\n\n${result.document}`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof CredentialsError)) throw error;
    console.error(error.message);
    return 2;
  }
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
