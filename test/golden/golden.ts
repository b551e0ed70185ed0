// The golden results: what the safety net compares byte for byte, and how they are made.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario, runScenario, writeOutputs } from '../../src/index.js';

/** A small fixed setting: seconds to run, enough agents and years for every policy of combined.yaml to act. */
export const GOLDEN_SETTINGS = { runs: 3, years: 5, scale: 100, seed: 12345, threads: 1 } as const;

/** The golden files: `<scenario>.<output file>`, as `sim --scenario <scenario>` writes them with GOLDEN_SETTINGS. */
export const GOLDEN_FILES = [
  { scenario: 'baseline', file: 'summary.csv' },
  { scenario: 'combined', file: 'summary.csv' },
  { scenario: 'combined', file: 'policies-summary.csv' },
] as const;

export const GOLDEN_DIR = new URL('.', import.meta.url).pathname;

export const goldenName = (g: (typeof GOLDEN_FILES)[number]) => `${g.scenario}.${g.file}`;

/** Runs each golden scenario once with GOLDEN_SETTINGS and returns the text of every golden file, by name. */
export async function computeGolden(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const temp = mkdtempSync(join(tmpdir(), 'golden-'));
  try {
    for (const scenario of [...new Set(GOLDEN_FILES.map((g) => g.scenario))]) {
      const loaded = await loadScenario(`${scenario}.yaml`);
      const outcome = await runScenario(loaded, GOLDEN_SETTINGS);
      const { dir } = writeOutputs(loaded, outcome, { out: join(temp, scenario) });
      for (const g of GOLDEN_FILES.filter((x) => x.scenario === scenario)) out.set(goldenName(g), readFileSync(join(dir, g.file), 'utf8'));
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  return out;
}
