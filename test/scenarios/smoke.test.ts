// Every scenario shipped in scenarios/ loads, validates and runs for a few ticks.
import { describe, expect, it } from 'vitest';
import { Model } from '../../src/core/model.js';
import { listScenarios, loadScenarioSync } from '../../src/scenario/load.js';

describe('scenarios/', () => {
  const files = listScenarios();
  it('holds at least the baseline', () => expect(files).toContain('baseline.yaml'));
  it.each(files)('%s runs for three ticks', (file) => {
    const { resolved } = loadScenarioSync(file);
    const model = new Model(resolved, { replication: 0, scale: 1000, years: 1 });
    for (let tick = 0; tick < 3; tick++) model.step();
    const result = model.finish();
    expect(result.agents.final).toBeGreaterThan(0);
    expect(model.tick).toBe(3);
  });
});
