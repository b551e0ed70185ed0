// `npm run bench`: speed and memory of the baseline at 10^5, 10^6 agents and full scale, thread scaling, and the README's default run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario, runScenario } from '../dist/index.js';

const root = new URL('..', import.meta.url).pathname;
const years = Number(process.env.BENCH_YEARS ?? 10);
const quick = process.argv.includes('--quick');
const fmt = (x: number, digits = 1) => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

console.log(`Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}`);
console.log(`Baseline scenario, ${years} years of monthly ticks, one replication per measurement.\n`);

// 1. One thread, three sizes.
const loaded = loadScenario('baseline.yaml');
const fullScale = loaded.resolved.populations.reduce((n, p) => n + p.count, 0);
const sizes = quick ? [1e5, 1e6] : [1e5, 1e6, fullScale];
console.log('| agents | set-up | run | agent-ticks/s (1 thread) | ns per agent-tick | peak memory per agent | agent arrays per agent |');
console.log('|---:|---:|---:|---:|---:|---:|---:|');
for (const size of sizes) {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(root, 'bench/measure.ts'), String(size), String(years)], { cwd: root, encoding: 'utf8' });
  const m = JSON.parse(out.trim().split('\n').pop()!);
  const label = size === fullScale ? `${fmt(m.agents, 0)} (full scale)` : fmt(m.agents, 0);
  console.log(`| ${label} | ${fmt(m.setupMs / 1000, 2)} s | ${fmt(m.runMs / 1000, 2)} s | ${fmt(m.agentTicksPerSecond / 1e6)} M | ${fmt(m.nsPerAgentTick)} | ${fmt(m.bytesPerAgent, 0)} B | ${fmt(m.storeBytesPerAgent, 0)} B |`);
}

// 2. Two replications at 10^6 agents: one thread, then two.
const scale = fullScale / 1e6;
const timed = async (threads: number) => {
  const outcome = await runScenario(loaded, { runs: 2, threads, scale, years });
  const agentTicks = outcome.results.reduce((n, r) => n + ((r.agents.initial + r.agents.final) / 2) * r.ticks, 0);
  return { wallMs: outcome.wallMs, throughput: agentTicks / (outcome.wallMs / 1000) };
};
const one = await timed(1);
const two = await timed(2);
console.log(`\nTwo replications at 10^6 agents: 1 thread ${fmt(one.wallMs / 1000, 2)} s, 2 threads ${fmt(two.wallMs / 1000, 2)} s; speed-up ${fmt(two.throughput / one.throughput, 2)}x (agent-ticks approximated from start and end counts).`);

// 3. The README's run command, end to end (process start, load, run, write).
const out = mkdtempSync(join(tmpdir(), 'sim-bench-'));
const start = performance.now();
execFileSync(process.execPath, [join(root, 'bin/sim.js'), '--scenario', 'baseline.yaml', '--out', join(out, 'baseline'), '--quiet'], { cwd: root });
console.log(`README default run (sim --scenario baseline.yaml: ${loaded.resolved.run.runs} runs, scale ${loaded.resolved.run.scale}, ${loaded.resolved.run.years} years): ${fmt((performance.now() - start) / 1000, 2)} s wall.`);
rmSync(out, { recursive: true, force: true });
