import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { BUNDLING, PROJECT_ROOT } from '../infra/constructs/bundling.js';
import { FUNCTIONS } from '../infra/wiring.js';

export interface BundleFigures {
  name: string;
  bytes: number;
  coldLoadMs: number;
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** The most a function's bundle may weigh, minified: a budget, checked by a test. */
export const BUNDLE_BUDGET_BYTES = 500_000;

/** Bundles one function as the CDK app does (minified ESM, SDK included), for the Node.js that runs here. */
export const bundleFunction = async (name: string, outfile: string): Promise<void> => {
  await build({
    entryPoints: [join(PROJECT_ROOT, 'functions', `${name}.ts`)],
    outfile,
    bundle: true,
    minify: true,
    sourcemap: 'external',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    mainFields: [...BUNDLING.mainFields],
    banner: { js: BUNDLING.banner },
    alias: { ...BUNDLING.alias },
    logLevel: 'error',
  });
};

/**
 * Bundles every function as the CDK app does (minified ESM, SDK included) and measures the bundle's
 * size and the time a fresh Node process takes to load it: the module part of a cold start.
 */
export const measureBundles = async (runs = 5): Promise<BundleFigures[]> => {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-bundles-'));
  try {
    const figures: BundleFigures[] = [];
    for (const spec of FUNCTIONS) {
      const outfile = join(dir, `${spec.name}.mjs`);
      await bundleFunction(spec.name, outfile);
      const script = `const t=performance.now();await import(${JSON.stringify(outfile)});console.log(performance.now()-t)`;
      const times: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
          env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
          encoding: 'utf8',
        });
        times.push(Number(out.trim()));
      }
      figures.push({ name: spec.name, bytes: statSync(outfile).size, coldLoadMs: median(times) });
    }
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
