// The golden results: what the safety net compares byte for byte, and how they are made.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario, runScenario, writeOutputs, type RunOptions } from '../../src/index.js';

/** A small fixed setting: seconds to run, enough agents and years for every policy of combined.yaml to act. */
export const GOLDEN_SETTINGS = { runs: 3, years: 5, scale: 100, seed: 12345, threads: 1 } as const;

/** The golden files: `<scenario>.<output file>`, as `sim --scenario <scenario>` writes them with GOLDEN_SETTINGS. */
export const GOLDEN_FILES = [
  { scenario: 'baseline', file: 'summary.csv' },
  { scenario: 'combined', file: 'summary.csv' },
  { scenario: 'combined', file: 'policies-summary.csv' },
] as const;

export const GOLDEN_DIR = new URL('.', import.meta.url).pathname;

/**
 * The figures docs/model-odd.md quotes: summary.csv of `sim --scenario baseline.yaml` at the baseline's own settings,
 * refreshed with the golden files (the JSON beside it records the golden file it goes with, so a test can tell
 * when the model changed and the figures did not follow).
 */
export const DOCS_FIGURES = {
  csv: new URL('../../docs/figures/baseline-summary.csv', import.meta.url).pathname,
  record: new URL('../../docs/figures/baseline-summary.json', import.meta.url).pathname,
  goldenFile: 'baseline.summary.csv',
};

/** The baseline's summary.csv at its own settings (20 runs × 10 years at scale 10): what the docs quote. */
export async function computeDocsFigures(): Promise<{ csv: string; settings: object }> {
  const { files, settings } = await runAndRead('baseline', {}, ['summary.csv']);
  return { csv: files.get('summary.csv')!, settings };
}

/** Runs a scenario as `sim --scenario` does (with these settings) and returns the text of some of the files it writes. */
async function runAndRead(scenario: string, options: RunOptions, names: readonly string[]): Promise<{ files: Map<string, string>; settings: object }> {
  const temp = mkdtempSync(join(tmpdir(), 'golden-'));
  try {
    const loaded = await loadScenario(`${scenario}.yaml`);
    const outcome = await runScenario(loaded, options);
    const { dir } = writeOutputs(loaded, outcome, { out: join(temp, scenario) });
    return { files: new Map(names.map((name) => [name, readFileSync(join(dir, name), 'utf8')])), settings: outcome.settings };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** The SHA-256 of a text, hex. */
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export const goldenName = (g: (typeof GOLDEN_FILES)[number]) => `${g.scenario}.${g.file}`;

/** Runs each golden scenario once with GOLDEN_SETTINGS and returns the text of every golden file, by name. */
export async function computeGolden(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const scenario of [...new Set(GOLDEN_FILES.map((g) => g.scenario))]) {
    const golden = GOLDEN_FILES.filter((g) => g.scenario === scenario);
    const { files } = await runAndRead(
      scenario,
      GOLDEN_SETTINGS,
      golden.map((g) => g.file),
    );
    for (const g of golden) out.set(goldenName(g), files.get(g.file)!);
  }
  return out;
}
