// A sweep whose runs draw from a posterior: the same particle at every point, a swept parameter keeping its value; and
// `sim --scenario`, `sim compare`, `sim sweep` with --uncertainty. Threads need `npm run build`.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { planSweep } from '../../src/experiments/plan.js';
import { drawPointParticles, preparePoints } from '../../src/experiments/runner.js';
import { runSweep } from '../../src/experiments/sweep.js';
import { runSettings } from '../../src/runner/run.js';
import { replicationDraws } from '../../src/runner/uncertainty.js';
import { loadScenarioSync } from '../../src/scenario/load.js';
import { runCli, tinyScenarioInput } from '../fixtures.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/posterior.csv', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'sim-sweep-uncertainty-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
copyFileSync(FIXTURE, join(scratch, 'posterior.csv'));
writeFileSync(join(scratch, 'tiny.yaml'), stringify({ ...tinyScenarioInput(), posterior: 'posterior.csv' }));
writeFileSync(join(scratch, 'plain.yaml'), stringify({ ...tinyScenarioInput(), name: 'plain' }));
writeFileSync(
  join(scratch, 'subsidy.yaml'),
  stringify({ extends: 'tiny.yaml', name: 'subsidy', policies: [{ type: 'subsidy', lumpSum: 50000, perYear: 12000 }] }),
);
const small = { runs: 4, years: 1, scale: 40, seed: 5 } as const;

describe('a sweep with a posterior', () => {
  const loaded = loadScenarioSync(join(scratch, 'tiny.yaml'));
  const plan = planSweep(loaded, { vary: ['utility.hometown.coefficient=0.7,1.5'], runs: small.runs });

  it('runs replication r of every point with the particle r draws, the swept parameter at its swept value', () => {
    const settings = runSettings(loaded.resolved, small);
    const prepared = drawPointParticles({ ...loaded, posterior: loaded.posterior! }, preparePoints(loaded, plan.factors, plan.points), settings);
    const draws = replicationDraws(loaded.posterior!, small.seed, small.runs);
    expect(prepared.drawn!.draws).toEqual(draws);
    prepared.drawn!.tasks.forEach((tasks, point) =>
      tasks.forEach((task, r) => {
        expect(task.options.replication).toBe(r);
        expect(task.scenario.locations[0].wageGrowth).toBe(draws[r].values[0]);
        expect(task.scenario.utility.find((t) => t.name === 'hometown')!.coefficient).toBe(plan.points[point][0]);
      }),
    );
  });

  it('gives the same figures on one thread and on two, and records the draws', async () => {
    const one = await runSweep(loaded, plan, { ...small, threads: 1 });
    const two = await runSweep(loaded, plan, { ...small, threads: 2 });
    expect(two.outcome.figures).toEqual(one.outcome.figures);
    expect(one.outcome.uncertainty?.mode).toBe('posterior');
    expect(one.outcome.uncertainty?.draws).toEqual(replicationDraws(loaded.posterior!, small.seed, small.runs));
    const none = await runSweep(loaded, plan, { ...small, threads: 1, uncertainty: 'none' });
    expect(none.outcome.uncertainty).toEqual({ mode: 'none' });
  });
});

describe('the commands with --uncertainty', () => {
  const cli = (...argv: string[]) => runCli(scratch, ...argv);
  const sizes = ['--runs', '4', '--years', '1', '--scale', '40', '--threads', '1'];

  it('sim --scenario draws from the posterior by default, records it in run.json and warns of few runs', async () => {
    const { code, stderr } = await cli('-s', 'tiny.yaml', ...sizes, '--out', 'run-posterior', '--quiet');
    expect(code).toBe(0);
    expect(stderr).toMatch(/^warning: the 5–95 % bands rest on 4 runs: a 5th or 95th percentile needs at least 20 runs[\s\S]*; use --runs 20 or more\n$/);
    const json = JSON.parse(readFileSync(join(scratch, 'run-posterior', 'run.json'), 'utf8'));
    expect(json.uncertainty.mode).toBe('posterior');
    expect(json.uncertainty.draws).toHaveLength(4);
    expect(json.warnings).toHaveLength(1);
  });

  it('sim --scenario --uncertainty none writes the tables of a scenario without a posterior', async () => {
    expect((await cli('-s', 'tiny.yaml', ...sizes, '--uncertainty', 'none', '--out', 'run-none', '--quiet')).code).toBe(0);
    writeFileSync(join(scratch, 'tiny-alone.yaml'), stringify(tinyScenarioInput()));
    expect((await cli('-s', 'tiny-alone.yaml', ...sizes, '--out', 'run-alone', '--quiet')).code).toBe(0);
    for (const f of ['summary.csv', 'summary-runs.csv', 'timeseries.csv', 'flows.csv'])
      expect(readFileSync(join(scratch, 'run-none', f), 'utf8')).toBe(readFileSync(join(scratch, 'run-alone', f), 'utf8'));
  });

  it('--uncertainty posterior without a posterior is a usage error (exit 2)', async () => {
    const { code, stderr } = await cli('-s', 'plain.yaml', ...sizes, '--uncertainty', 'posterior', '--quiet');
    expect(code).toBe(2);
    expect(stderr).toMatch(/--uncertainty posterior: the scenario plain names no posterior/);
  });

  it('sim compare prints the probabilities and says what they rest on', async () => {
    const { code, stdout } = await cli('compare', 'subsidy.yaml', '--baseline', 'tiny.yaml', ...sizes, '--lang', 'en', '--out', 'cmp');
    expect(code).toBe(0);
    expect(stdout).toMatch(/P\(beats\)\s+rank\s+cost \(M CNY\)\s+CNY\/talent-yr\s+P\(cheapest\)/);
    expect(stdout.replace(/\n\s*/g, ' ')).toMatch(/posterior \S*posterior\.csv.*chance and parameter uncertainty/);
    const none = await cli('compare', 'subsidy.yaml', '--baseline', 'tiny.yaml', ...sizes, '--uncertainty', 'none', '--lang', 'en', '--out', 'cmp-none');
    expect(none.stdout.replace(/\n\s*/g, ' ')).toMatch(/they reflect chance only/);
  });

  it('sim sweep takes --uncertainty', async () => {
    const { code } = await cli('sweep', '-s', 'tiny.yaml', '--vary', 'utility.hometown.coefficient=0.7,1.5', ...sizes, '--out', 'sweep', '--quiet');
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(join(scratch, 'sweep', 'run.json'), 'utf8')).uncertainty.mode).toBe('posterior');
  });

  it('a posterior file with a problem: exit 2, the file and line named', async () => {
    writeFileSync(join(scratch, 'bad.csv'), 'particle,weight,distance,locations.bazhong.wageGrowth\n0,0,1,0.05\n');
    writeFileSync(join(scratch, 'bad.yaml'), stringify({ ...tinyScenarioInput(), name: 'bad', posterior: 'bad.csv' }));
    const { code, stderr } = await cli('-s', 'bad.yaml', ...sizes, '--quiet');
    expect(code).toBe(2);
    expect(stderr).toContain(`${join(scratch, 'bad.csv')}:2:`);
    expect(stderr).toMatch(/weight 0 is not positive/);
  });
});
