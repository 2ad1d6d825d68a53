import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_BUDGET_BYTES, bundleFunction } from '../bench/bundles.js';
import { FUNCTIONS } from '../infra/wiring.js';

const dir = mkdtempSync(join(tmpdir(), 'pulse-budget-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('function bundles', () => {
  it.each(FUNCTIONS.map((spec) => [spec.name]))('keeps %s within its budget', async (name) => {
    // Act
    const outfile = join(dir, `${name}.mjs`);
    await bundleFunction(name, outfile);

    // Assess: a size, not a time, so that a loaded machine cannot make it fail
    expect(statSync(outfile).size).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES);
    // A function reads each setting through its definition: the whole set would bring every schema back.
    const { sources } = JSON.parse(readFileSync(`${outfile}.map`, 'utf8')) as { sources: string[] };
    expect(sources.filter((source) => source.endsWith('lib/settings/stage.ts'))).toEqual([]);
  });
});
