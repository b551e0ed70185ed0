// One benchmark measurement in a fresh process (so one size's garbage does not count against another's):
// runs a scenario (default the baseline) at a given number of agents on this thread and prints one JSON line.
import { loadScenario, Model } from '../dist/index.js';

const [target, years] = process.argv.slice(2, 4).map(Number);
const scenarioFile = process.argv[4] ?? 'baseline.yaml';
const gc = (globalThis as { gc?: () => void }).gc;
const { resolved } = await loadScenario(scenarioFile);
const fullScale = resolved.populations.reduce((n, p) => n + p.count, 0);
const scale = Math.max(1, fullScale / target);

const used = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
gc?.();
const before = used();
const setupStart = performance.now();
const model = new Model(resolved, { replication: 0, scale, years });
const setupMs = performance.now() - setupStart;
let peak = used();
let agentTicks = 0;
const start = performance.now();
while (model.tick < model.ticks) {
  agentTicks += model.agents.count;
  model.step();
  if (model.tick % 12 === 0) peak = Math.max(peak, used());
}
const runMs = performance.now() - start;
const result = model.finish();
peak = Math.max(peak, used());
console.log(
  JSON.stringify({
    agents: result.agents.initial,
    peakAgents: result.agents.peak,
    scale,
    ticks: model.ticks,
    setupMs,
    runMs,
    agentTicksPerSecond: agentTicks / (runMs / 1000),
    nsPerAgentTick: (runMs * 1e6) / agentTicks,
    bytesPerAgent: (peak - before) / result.agents.peak,
    storeBytesPerAgent: result.agents.bytes / result.agents.peak,
  }),
);
