// Where each first-job entry stream's graduates live at the end of their graduation year (RunResult.graduates): an
// exact count against the flows when only first jobs move people, the same count as bench/graduates.ts's tagging of
// entrants through the private addAgent of the model's entry (entry.ts), trimmed with the burn-in, and the flag bits cleared at each year's end.
import { describe, expect, it } from 'vitest';
import { FIRST_JOB_STREAM_SHIFT, FLAG_BITS, MAX_FIRST_JOB_STREAMS } from '../../src/core/agents.js';
import { ScenarioError } from '../../src/core/errors.js';
import { Model } from '../../src/core/model.js';
import { graduatesAt, movesAt, tickFigure, withoutFirstYears } from '../../src/core/results.js';
import type { ResolvedScenario } from '../../src/core/scenario.js';
import type { ScenarioInput } from '../../src/scenario/schema.js';
import { tinyScenarioInput } from '../fixtures.js';
import { resolveInput } from '../support.js';

const BAZHONG = 0;
const PROFESSIONAL = 1;

/** The tiny scenario's Bazhong graduates choose a first job; nobody else moves (hazard 0) and nothing else changes. */
function firstJobsOnly(): ScenarioInput {
  const input = tinyScenarioInput();
  // One year: a searcher who finds a job next year would be next year's mover but not its graduate.
  input.run = { ...input.run!, scale: 1, years: 1 };
  input.entries = [
    {
      name: 'graduates',
      location: 'bazhong',
      perYear: 5000,
      months: [3, 7],
      native: 0.5,
      tiers: { professional: 1 },
      industries: { traditional: 1 },
      family: { single: 1 },
      age: { min: 21, max: 24 },
      firstJob: true,
    },
  ];
  input.hazard!.perYear = { top: 0, professional: 0, skilled: 0 };
  input.lifecycle = { ...input.lifecycle!, upgrades: [], family: [] };
  // Some find no job at first and search: they count where they studied until they find one.
  input.jobMatching = { elasticity: 1, floor: 0.5 };
  return input;
}

/** The tiny scenario with its two graduate streams choosing first jobs, a stream that does not, and a burn-in year. */
function mixedStreams(): ScenarioInput {
  const input = tinyScenarioInput();
  input.run = { ...input.run!, years: 2, burnInYears: 1, scale: 2 };
  const [bazhong, chengdu] = input.entries!;
  input.entries = [
    { ...bazhong, firstJob: true },
    { ...chengdu, name: 'experienced hires in Chengdu', months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] },
    { ...chengdu, firstJob: true },
  ];
  return input;
}

describe('graduates of first-job streams at the end of their graduation year', () => {
  it('when only first jobs move people, they are where the flows took them: entrants less leavers at home, movers elsewhere', () => {
    const resolved = resolveInput(firstJobsOnly());
    const result = new Model(resolved, { replication: 0 }).run();
    expect(result.years).toBe(1);
    for (let year = 0; year < result.years; year++) {
      let entered = 0;
      let left = 0;
      for (let tick = year * 12; tick < (year + 1) * 12; tick++) {
        entered += tickFigure(result, 'entries', tick, BAZHONG, PROFESSIONAL);
        left += tickFigure(result, 'outflow', tick, BAZHONG, PROFESSIONAL);
      }
      expect(entered).toBeGreaterThan(4000);
      expect(graduatesAt(result, year, 0, BAZHONG)).toBe(entered - left);
      for (let to = 1; to < result.locations; to++)
        expect(graduatesAt(result, year, 0, to), `location ${to}`).toBe(movesAt(result, year, BAZHONG, to, PROFESSIONAL));
    }
  });

  it("gives bench/graduates.ts's counts (entrants tagged by stream through addAgent), the burn-in trimmed, other streams 0", () => {
    const resolved = resolveInput(mixedStreams());
    for (const replication of [0, 1]) {
      const { counts, result, leftOver } = benchCount(resolved, replication);
      expect(result.entries).toBe(3);
      expect(result.graduates.length).toBe(result.years * 3 * result.locations);
      // The bench counts every simulated year; the result reports those after the one burn-in year.
      for (let year = 0; year < result.years; year++)
        for (let e = 0; e < 3; e++)
          for (let l = 0; l < result.locations; l++)
            expect(graduatesAt(result, year, e, l), `year ${year}, stream ${e}, location ${l}`).toBe(counts[year + 1][e][l]);
      expect(counts[2][0].reduce((s, n) => s + n, 0)).toBeGreaterThan(100);
      expect(counts[2][1].every((n) => n === 0)).toBe(true);
      // At each year's end the stream bits are cleared: none is left once the run is over.
      expect(leftOver).toBe(0);
    }
  });

  it('withoutFirstYears keeps the graduates of the years after the burn-in', () => {
    const resolved = resolveInput(mixedStreams());
    const model = new Model({ ...resolved, run: { ...resolved.run, burnInYears: 0 } }, { replication: 0, years: 3 });
    const whole = model.run();
    const trimmed = withoutFirstYears(whole, 1, 12);
    expect(Array.from(trimmed.graduates)).toEqual(Array.from(whole.graduates.subarray(3 * whole.locations)));
  });

  it('refuses more first-job streams than the flag bits tell apart, naming the stream', () => {
    const input = tinyScenarioInput();
    const [bazhong] = input.entries!;
    input.entries = Array.from({ length: MAX_FIRST_JOB_STREAMS + 1 }, (_, k) => ({ ...bazhong, name: `graduates ${k}`, firstJob: true }));
    const resolved = resolveInput(input);
    let error: unknown;
    try {
      new Model(resolved, { replication: 0 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).issues[0].path).toEqual(['entries', MAX_FIRST_JOB_STREAMS, 'firstJob']);
    expect((error as ScenarioError).message).toMatch(/more than 31 entry streams have firstJob: true/);
  });
});

/**
 * bench/graduates.ts's measurement: each entrant tagged with its stream by seed through the private addAgent of the model's entry (entry.ts),
 * counted by residence at every year's end (first-job streams only), the tags then dropped.
 */
function benchCount(resolved: ResolvedScenario, replication: number) {
  const model = new Model(resolved, { replication });
  const L = resolved.locations.length;
  const counts: number[][][] = [];
  const internals = (model as unknown as { entry: { addAgent: (group: unknown, tick: number, rng: unknown) => number } }).entry;
  const addAgent = internals.addAgent.bind(internals);
  let stream = new Map<number, number>();
  internals.addAgent = (group, tick, rng) => {
    const i = addAgent(group, tick, rng);
    const e = resolved.entries.indexOf(group as (typeof resolved.entries)[number]);
    if (e >= 0) stream.set(model.agents.seed[i], e);
    return i;
  };
  while (model.tick < model.ticks) {
    model.step();
    if (model.tick % model.ticksPerYear !== 0) continue;
    const year = resolved.entries.map(() => new Array<number>(L).fill(0));
    const a = model.agents;
    for (let i = 0; i < a.count; i++) {
      const e = stream.get(a.seed[i]);
      if (e !== undefined && resolved.entries[e].firstJob) year[e][a.residence[i]]++;
    }
    counts.push(year);
    stream = new Map();
  }
  let leftOver = 0;
  for (let i = 0; i < model.agents.count; i++) if ((model.agents.flags[i] & ~FLAG_BITS) >> FIRST_JOB_STREAM_SHIFT) leftOver++;
  return { counts, result: model.finish(), leftOver };
}
