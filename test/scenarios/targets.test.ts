// The committed baseline is the calibrated one: at a small scale and a fixed seed it meets every fitted target of
// scenarios/calibration/targets.yaml within its tolerance, so a model change that breaks the fit fails here. Held-out
// targets are predictions, reported by `sim calibrate` (fit.csv) and docs/calibration.md, not required.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lastReportedYearNeeded, loadTargets } from '../../src/calibration/targets.js';
import { momentsOf } from '../../src/calibration/moments.js';
import { runReplication } from '../../src/core/model.js';
import { loadScenarioSync } from '../../src/scenario/load.js';

const baseline = loadScenarioSync('baseline.yaml');
const targets = loadTargets(fileURLToPath(new URL('../../scenarios/calibration/targets.yaml', import.meta.url)), baseline);
const years = lastReportedYearNeeded(targets.targets) - baseline.resolved.run.startYear + 1;
// 6 runs at 20 persons per agent: each target's tolerance is at least a single run's spread at scale 10, so the mean
// of 6 runs at scale 20 sits within it unless the model has moved.
const runs = Array.from({ length: 6 }, (_, replication) => runReplication(baseline.resolved, { replication, years, scale: 20 }));
const moments = momentsOf(targets.targets, baseline.resolved, runs);

describe('the calibrated baseline (6 runs at scale 20, seed of the scenario)', () => {
  for (const [k, target] of targets.targets.entries()) {
    if (target.heldOut) continue;
    it(`meets ${target.name}: ${target.label}`, () => {
      expect(Math.abs(moments[k].error), `simulated ${moments[k].mean}`).toBeLessThanOrEqual(1);
    });
  }
});
