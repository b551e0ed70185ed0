// The explorer's engine as the browser runs it, checked in Node: levers set and policies switched off, the baseline
// paired with it, replications identical to the CLI's, what the page shows, and the levers in the URL.
import { describe, expect, it } from 'vitest';
import { baselineOf, drawsOf, initialState, ReplicationRunner, resolvedPair, scenarioAt, scenarioKey, viewOf } from '../../src/explore/engine.js';
import { exploreModel } from '../../src/explore/explore.js';
import { parseState, stateQuery } from '../../src/explore/state.js';
import { runScenario } from '../../src/runner/run.js';
import { findFactor } from '../../src/scenario/paths.js';
import { loadScenarioSync } from '../../src/scenario/load.js';
import { resultBytes } from '../runner/support.js';

const loaded = loadScenarioSync('flexible.yaml');
const settings = { runs: 2, years: 1, scale: 400 };
const model = exploreModel(loaded, settings);
const slots = model.levers.findIndex((l) => l.path === 'policies[候鸟型专家].slots');

describe('the scenario at the levers', () => {
  it('sets each lever and leaves the rest as written', () => {
    const state = initialState(model);
    expect(state.values[slots]).toBe(600);
    const moved = scenarioAt(model, { ...state, values: state.values.map((v, k) => (k === slots ? 900 : v)) });
    expect(findFactor(moved, 'policies[候鸟型专家].slots').base).toBe(900);
    expect(findFactor(moved, 'policies[候鸟型专家].pay').base).toBe(findFactor(loaded.scenario, 'policies[候鸟型专家].pay').base);
    expect(scenarioKey(scenarioAt(model, state))).toBe(scenarioKey(loaded.scenario));
  });

  it('drops a policy switched off, and its levers; the baseline has no policies', () => {
    const off = scenarioAt(model, { ...initialState(model), off: [0] });
    expect(off.policies).toEqual([]);
    expect(off.levers).toEqual([]);
    const base = baselineOf(loaded.scenario);
    expect(base.policies).toEqual([]);
    expect(base.locations).toBe(loaded.scenario.locations);
  });
});

describe('replications', () => {
  it("are the CLI's, byte for byte, with the same posterior draws", async () => {
    const cli = await runScenario(loaded, { ...settings, threads: 1 });
    const draws = drawsOf(model)!;
    expect(draws.map((d) => d.row)).toEqual(cli.uncertainty!.draws!.map((d) => d.row));
    const runner = new ReplicationRunner();
    for (let r = 0; r < settings.runs; r++) {
      const result = runner.run({
        key: scenarioKey(loaded.scenario),
        scenario: loaded.scenario,
        replication: r,
        row: draws[r].row,
        posterior: model.posterior,
        settings: { seed: model.settings.seed, years: settings.years, scale: settings.scale },
      });
      expect(resultBytes(result).equals(resultBytes(cli.results[r])), `replication ${r}`).toBe(true);
    }
  });

  it('with every policy off, the difference from the baseline is exactly 0 and it never beats the baseline', () => {
    const scenario = scenarioAt(model, { ...initialState(model), off: [0] });
    const runner = new ReplicationRunner();
    const base = new ReplicationRunner();
    const job = (s: typeof scenario, r: number) => ({
      key: scenarioKey(s),
      scenario: s,
      replication: r,
      settings: { seed: 3, years: settings.years, scale: settings.scale },
    });
    const results = [0, 1].map((r) => runner.run(job(scenario, r)));
    const baseline = [0, 1].map((r) => base.run(job(baselineOf(scenario), r)));
    const view = viewOf(resolvedPair(scenario), results, baseline, 3);
    expect(view.runs).toBe(2);
    expect(view.difference.length).toBeGreaterThan(0);
    expect(view.difference.every((r) => r.diffMean === 0 && r.diffP5 === 0 && r.diffP95 === 0)).toBe(true);
    expect(view.ranking!.probBeatsBaseline).toBe(0);
  });
});

describe('the levers in the URL', () => {
  it('names only what moved, and reads back the same state', () => {
    const state = { values: initialState(model).values.map((v, k) => (k === slots ? 800 : v)), off: [] };
    const query = stateQuery(model, state, 'en');
    expect(decodeURIComponent(query)).toBe('lang=en&policies[候鸟型专家].slots=800');
    expect(parseState(`#${query}`, model)).toEqual({ lang: 'en', state });
  });

  it('ignores values outside a lever range, unknown keys and unknown policies', () => {
    expect(parseState('#policies%5B%E5%80%99%E9%B8%9F%E5%9E%8B%E4%B8%93%E5%AE%B6%5D.slots=99999&nonsense=1&off=7', model)).toEqual({
      lang: undefined,
      state: undefined,
    });
    expect(parseState('#off=0&lang=zh', model)).toEqual({ lang: 'zh', state: { ...initialState(model), off: [0] } });
  });
});
