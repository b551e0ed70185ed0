// A plugin that throws on a worker thread: the PluginRunError crosses back as data, whole, and the command line
// prints it as the plugin's error (exit 2), with the plugin's stack only under SIM_DEBUG=1.
// Needs `npm run build` (workers run dist/).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type CliContext } from '../../src/cli/main.js';
import { PluginRunError } from '../../src/core/errors.js';
import { runTasks, type ModelTask } from '../../src/runner/scheduler.js';
import { loadScenario } from '../../src/scenario/load.js';
import { tinyScenarioInput } from '../fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'sim-plugin-errors-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// A policy whose work hook throws at tick 5, on worker threads only: this thread runs its replications in full.
const plugin = join(scratch, 'fragile.mjs');
writeFileSync(
  plugin,
  `import { isMainThread } from 'node:worker_threads';
export const fragile = {
  type: 'fragile', title: 'fragile', report: '-', mechanism: 'throws on a worker', params: { shape: {} }, metrics: ['n'],
  create: () => ({
    work: (tick) => {
      if (tick === 5 && !isMainThread) throw new RangeError('fragile broke on a worker');
    },
  }),
};
`,
);
writeFileSync(join(scratch, 'fragile.yaml'), JSON.stringify({ ...tinyScenarioInput(), plugins: ['./fragile.mjs'], policies: [{ type: 'fragile' }] }));

describe('a plugin that throws on a worker thread', () => {
  it('rejects with the PluginRunError, every field intact, the stack as text pointing into the plugin', async () => {
    const { resolved } = await loadScenario('fragile.yaml', { cwd: scratch });
    const tasks: ModelTask[] = Array.from({ length: 4 }, (_, replication) => ({ scenario: resolved, options: { replication, years: 1, scale: 50 } }));
    const error = await runTasks(tasks, { threads: 2 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PluginRunError);
    const { fault } = error as PluginRunError;
    expect(fault).toMatchObject({ file: plugin, kind: 'policy', name: 'fragile', hook: 'work', tick: 5, year: 2024, message: 'fragile broke on a worker' });
    expect(fault.stack).toMatch(/^RangeError: fragile broke on a worker\n\s+at .*fragile\.mjs:\d+:\d+/);
  });

  const cli = async (env: Record<string, string>) => {
    let stderr = '';
    const context: CliContext = { cwd: scratch, env, stdout: { write: () => true }, stderr: { write: (text: string) => (stderr += text), isTTY: false } };
    const code = await main(
      ['--scenario', 'fragile.yaml', '--runs', '2', '--years', '1', '--scale', '50', '--threads', '2', '--out', 'out', '--quiet'],
      context,
    );
    return { code, stderr };
  };

  it('the command line prints it as the plugin’s error and exits 2, without a stack trace', async () => {
    const { code, stderr } = await cli({});
    expect(code).toBe(2);
    expect(stderr).toBe(
      `error: plugin ${plugin}: the work hook of policy "fragile" threw at tick 5 (2024): fragile broke on a worker\n` +
        `    fix: fix its work hook in ${plugin} (run again with SIM_DEBUG=1 to see the stack trace into the plugin)\n`,
    );
  });

  it('with SIM_DEBUG=1, the plugin’s stack follows', async () => {
    const { code, stderr } = await cli({ SIM_DEBUG: '1' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/\nRangeError: fragile broke on a worker\n\s+at .*fragile\.mjs:\d+:\d+/);
  });
});
