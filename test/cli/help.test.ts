// `sim --help` answers at once: it loads the argument parser and the command declarations, none of the heavy modules.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/sim.js', import.meta.url));
const hooks = pathToFileURL(fileURLToPath(new URL('./import-log.mjs', import.meta.url))).href;
const scratch = mkdtempSync(join(tmpdir(), 'sim-help-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The modules `sim …` resolves, recorded by the hooks in import-log.mjs. */
function modulesLoadedBy(...argv: string[]): { status: number | null; stdout: string; modules: string[] } {
  const log = join(scratch, `${argv.join('_').replace(/\W+/g, '-')}.log`);
  const register = `data:text/javascript,import { register } from 'node:module'; register(${JSON.stringify(hooks)});`;
  const result = spawnSync(process.execPath, ['--import', register, bin, ...argv], { env: { ...process.env, SIM_IMPORT_LOG: log }, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, modules: readFileSync(log, 'utf8').trim().split('\n') };
}

/** What only running a command needs: the model, the scenario loader, the thread pool, the writers and the charts. */
const HEAVY = [
  /\/node_modules\/(mathjs|zod|yaml|vega|vega-lite|vega-embed|@resvg\/resvg-js|fontkit|csv-stringify|piscina|cli-progress)\//,
  /\/dist\/(scenario\/load|scenario\/schema|core\/model|runner\/run|publish|output\/folder|output\/write)\.js$/,
  /\/dist\/charts\//,
];

describe('sim --help', () => {
  it.each([['--help'], ['sweep', '--help'], ['--version'], ['completion'], ['--get-completions', 'compare', '--l']])(
    '%j loads none of the heavy modules',
    (...argv) => {
      const { status, stdout, modules } = modulesLoadedBy(...argv);
      expect(status).toBe(0);
      expect(stdout).not.toBe('');
      // The hooks saw the parser and the command declarations: the list is not empty by accident.
      expect(modules.some((url) => /\/node_modules\/yargs\//.test(url))).toBe(true);
      expect(modules.some((url) => url.endsWith('/dist/cli/commands.js'))).toBe(true);
      expect(modules.filter((url) => HEAVY.some((pattern) => pattern.test(url)))).toEqual([]);
    },
  );
});

describe('one name for one idea', () => {
  const help = (...argv: string[]) => spawnSync(process.execPath, [bin, ...argv, '--help'], { encoding: 'utf8' }).stdout;
  it.each(['compare', 'sweep', 'sensitivity'])('sim %s --help shows --metric, --horizon and --lang, and not the old names', (command) => {
    const text = help(command);
    expect(text).toMatch(/^ +--metric +/m);
    expect(text).toMatch(/^ +--horizon +/m);
    expect(text).toMatch(/^ +--lang +/m);
    expect(text).not.toMatch(/--outcome|--year\b/);
  });
});
