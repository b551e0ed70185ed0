// Where the shipped baseline stands against the calibration targets: each target's simulated value (mean of the runs,
// with the 5–95 % band), its error in tolerances, and the distance over the fitted targets. Run after `npm run build`:
//   node --import tsx bench/targets.ts [scenario file] [targets file] [runs] [scale]
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../dist/index.js';
import { runScenario } from '../dist/runner/run.js';
import { loadTargets, lastReportedYearNeeded } from '../dist/calibration/targets.js';
import { acceptable, distance, momentsOf } from '../dist/calibration/moments.js';

const shipped = fileURLToPath(new URL('../scenarios/calibration/targets.yaml', import.meta.url));
const [scenarioFile = 'baseline.yaml', targetsFile = shipped, runsArg = '4', scaleArg = '10'] = process.argv.slice(2);
const loaded = await loadScenario(scenarioFile);
const { targets } = loadTargets(targetsFile, loaded);
const years = lastReportedYearNeeded(targets) - loaded.resolved.run.startYear + 1;
const outcome = await runScenario(loaded, { runs: Number(runsArg), scale: Number(scaleArg), years });
const moments = momentsOf(targets, loaded.resolved, outcome.results);
const fmt = (x: number) => (Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : Math.abs(x) >= 1 ? x.toFixed(2) : x.toFixed(4));
const bound = ([low, high]: [number, number]) =>
  low === high ? fmt(low) : low === -Infinity ? `≤ ${fmt(high)}` : high === Infinity ? `≥ ${fmt(low)}` : `${fmt(low)}–${fmt(high)}`;
console.log(
  `${scenarioFile}: ${outcome.settings.runs} runs × ${years} years at scale ${outcome.settings.scale}, seed ${outcome.settings.seed}, ${(outcome.wallMs / 1000).toFixed(0)} s\n`,
);
console.log('| target | fitted? | target value | simulated mean [5–95 %] | error (tolerances) |');
console.log('|---|---|---|---|---|');
targets.forEach((t, k) => {
  const m = moments[k];
  console.log(
    `| ${t.name} | ${t.heldOut ? 'held out' : 'fitted'} | ${bound(acceptable(t))} (± ${fmt(t.tolerance)}) | ${fmt(m.mean)} [${fmt(m.p5)}–${fmt(m.p95)}] | ${m.error.toFixed(2)} |`,
  );
});
console.log(
  `\ndistance (fitted targets, at the means): ${distance(
    targets,
    moments.map((m) => m.mean),
  ).toFixed(3)}`,
);
