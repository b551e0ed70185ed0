// `npm run bench`: speed and memory of the baseline at 10^5, 10^6 agents and full scale, thread scaling, and the README's default run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarioSync } from '../dist/index.js';

const root = new URL('..', import.meta.url).pathname;
const years = Number(process.env.BENCH_YEARS ?? 10);
const quick = process.argv.includes('--quick');
const fmt = (x: number, digits = 1) => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

console.log(`Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}`);
console.log(`Baseline scenario, ${years} years of monthly ticks, one replication per measurement.\n`);

// 1. One thread, three sizes.
const loaded = loadScenarioSync('baseline.yaml');
const fullScale = loaded.resolved.populations.reduce((n, p) => n + p.count, 0);
const sizes = quick ? [1e5, 1e6] : [1e5, 1e6, fullScale];
console.log('| agents | set-up | run | agent-ticks/s (1 thread) | ns per agent-tick | peak memory per agent | agent arrays per agent |');
console.log('|---:|---:|---:|---:|---:|---:|---:|');
for (const size of sizes) {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(root, 'bench/measure.ts'), String(size), String(years)], {
    cwd: root,
    encoding: 'utf8',
  });
  const m = JSON.parse(out.trim().split('\n').pop()!);
  const label = size === fullScale ? `${fmt(m.agents, 0)} (full scale)` : fmt(m.agents, 0);
  console.log(
    `| ${label} | ${fmt(m.setupMs / 1000, 2)} s | ${fmt(m.runMs / 1000, 2)} s | ${fmt(m.agentTicksPerSecond / 1e6)} M | ${fmt(m.nsPerAgentTick)} | ${fmt(m.bytesPerAgent, 0)} B | ${fmt(m.storeBytesPerAgent, 0)} B |`,
  );
}

// 1b. Every policy on (combined.yaml) against the baseline, one thread, 10^6 agents: time per agent-tick.
const measure = (scenario: string) =>
  JSON.parse(
    execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(root, 'bench/measure.ts'), '1000000', String(years), scenario], {
      cwd: root,
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .pop()!,
  );
const baselineNs = measure('baseline.yaml').nsPerAgentTick;
const combinedNs = measure('combined.yaml').nsPerAgentTick;
console.log(
  `\nAll policies on (combined.yaml) at 10^6 agents: ${fmt(combinedNs)} ns per agent-tick against ${fmt(baselineNs)} for the baseline: ${fmt(combinedNs / baselineNs, 2)}x.`,
);

// 2. Two replications at 10^6 agents on one thread, then two, through the real command (plain Node, as users run
// it): the runner's own wall time for the replications, from run.json, so process start and file writing do not count.
const out = mkdtempSync(join(tmpdir(), 'sim-bench-'));
const replicationsWall = (threads: number) => {
  const dir = join(out, `threads-${threads}`);
  execFileSync(
    process.execPath,
    [
      join(root, 'bin/sim.js'),
      '--scenario',
      'baseline.yaml',
      '--runs',
      '2',
      '--threads',
      String(threads),
      '--scale',
      String(fullScale / 1e6),
      '--years',
      String(years),
      '--out',
      dir,
      '--quiet',
    ],
    { cwd: root },
  );
  return JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')).wallMs as number;
};
const one = replicationsWall(1);
const two = replicationsWall(2);
console.log(`\nTwo replications at 10^6 agents: 1 thread ${fmt(one / 1000, 2)} s, 2 threads ${fmt(two / 1000, 2)} s: ${fmt(one / two, 2)}x the throughput.`);

// 3. The README's run command, end to end (process start, load, run, write).
const start = performance.now();
execFileSync(process.execPath, [join(root, 'bin/sim.js'), '--scenario', 'baseline.yaml', '--out', join(out, 'baseline'), '--quiet'], { cwd: root });
console.log(
  `README default run (sim --scenario baseline.yaml: ${loaded.resolved.run.runs} runs, scale ${loaded.resolved.run.scale}, ${loaded.resolved.run.years} years): ${fmt((performance.now() - start) / 1000, 2)} s wall.`,
);
rmSync(out, { recursive: true, force: true });
