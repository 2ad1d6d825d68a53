import path from 'node:path';

/** The repository root: `functions/` and the lockfile live there, whatever the working directory. */
export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');

/**
 * How every function is bundled, by the CDK app and by the bundle benchmark alike: minified ESM with
 * source maps, the SDK clients inside at their locked versions, and Lambda's environment as the only
 * credential source and no event-stream support (see lib/platform/lambda-*.ts).
 */
export const BUNDLING = {
  target: 'node24',
  mainFields: ['module', 'main'],
  // Some CommonJS dependencies call require() for Node built-ins, which ESM does not define.
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  alias: {
    '@aws-sdk/credential-provider-node': path.join(PROJECT_ROOT, 'lib', 'platform', 'lambda-credentials.ts'),
    '@smithy/core/event-streams': path.join(PROJECT_ROOT, 'lib', 'platform', 'lambda-event-streams.ts'),
  },
} as const;
