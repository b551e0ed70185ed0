// rates.csv from the tiny scenario: the accounts' leavers and time at risk by tenure band against a recount made by
// watching every agent tick by tick, and the file byte-identical on 1 and 2 threads.
// Worker threads run dist/: `npm run build` first (npm test does).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Model } from '../../src/core/model.js';
import { perTickIndex, TENURE_BANDS, tenureIndex, TickMetric } from '../../src/core/results.js';
import { rateRows } from '../../src/core/rows.js';
import { writeOutputs } from '../../src/output/write.js';
import { runScenario } from '../../src/runner/run.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { Scenario } from '../../src/scenario/schema.js';
import { tinyLoaded, tinyScenarioInput } from '../fixtures.js';

const scratch = mkdtempSync(join(tmpdir(), 'sim-rates-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const loaded = tinyLoaded();
const { resolved } = loaded;
const TPY = resolved.run.ticksPerYear;
const B = TENURE_BANDS.length;

/** The band of a tenure in ticks, from TENURE_BANDS' years. */
function bandOf(tenureTicks: number): number {
  return TENURE_BANDS.findIndex((b) => tenureTicks >= b.from * TPY && tenureTicks < b.to * TPY);
}

/**
 * Runs the tiny scenario tick by tick and recounts, from the agents themselves: movers out (an agent, known by its
 * seed, living elsewhere after the tick than before it) by location, tier and tenure before the move, and the
 * end-of-tick stock by tenure band. An entrant may move in the tick it enters, before anyone sees it: with Bazhong's
 * graduates as the only entrants, a newcomer living elsewhere left Bazhong with tenure 0.
 */
function recount(seed: number, years: number, scale: number) {
  const input = tinyScenarioInput();
  const bazhongGraduates = input.entries!.find((e) => e.location === 'bazhong')!;
  const scenario = resolveScenario(Scenario.parse({ ...input, entries: [{ ...bazhongGraduates, perYear: 1000 }] }));
  const home = scenario.homeIndex;
  const model = new Model(scenario, { replication: 0, seed, scale, years });
  const L = resolved.locations.length;
  const T = resolved.tiers.length;
  const leavers = new Float64Array(years * L * T * B);
  const exposure = new Float64Array(years * L * T * B);
  const at = (year: number, l: number, t: number, b: number) => ((year * L + l) * T + t) * B + b;
  const a = model.agents;
  let moves = 0;
  for (let tick = 0; tick < years * TPY; tick++) {
    const before = new Map<number, { residence: number; tier: number; arrivalTick: number }>();
    for (let i = 0; i < a.count; i++) before.set(a.seed[i], { residence: a.residence[i], tier: a.tier[i], arrivalTick: a.arrivalTick[i] });
    model.step();
    const year = Math.floor(tick / TPY);
    for (let i = 0; i < a.count; i++) {
      const was = before.get(a.seed[i]);
      // Upgrades and moves are rare enough that one agent doing both in a tick would show as a mismatch of tiers.
      if (was && was.residence !== a.residence[i]) {
        leavers[at(year, was.residence, a.tier[i], bandOf(tick - was.arrivalTick))]++;
        moves++;
      } else if (!was && a.residence[i] !== home) {
        leavers[at(year, home, a.tier[i], 0)]++;
        moves++;
      }
      exposure[at(year, a.residence[i], a.tier[i], bandOf(tick - a.arrivalTick[i]))]++;
    }
  }
  return { result: model.finish(), leavers, exposure, moves };
}

describe('rates.csv: leavers and time at risk by tenure band', () => {
  const { result, leavers, exposure, moves } = recount(11, 4, 2);

  it('the accounts count the leavers by tenure band that watching the agents finds', () => {
    expect(moves).toBeGreaterThan(50);
    expect(Array.from(result.leavers)).toEqual(Array.from(leavers));
    // Every tenure band has leavers somewhere: the test sees each band's bounds.
    for (let b = 0; b < B; b++) {
      let n = 0;
      for (let k = b; k < leavers.length; k += B) n += leavers[k];
      expect(n, TENURE_BANDS[b].id).toBeGreaterThan(0);
    }
  });

  it('time at risk by tenure band equals the end-of-tick stocks by band, and sums to the stock figures', () => {
    expect(Array.from(result.exposure)).toEqual(Array.from(exposure));
    for (let y = 0; y < result.years; y++)
      for (let l = 0; l < result.locations; l++)
        for (let t = 0; t < result.tiers; t++) {
          let stocks = 0;
          for (let tick = y * TPY; tick < (y + 1) * TPY; tick++) stocks += result.perTick[perTickIndex(result, tick, l, t, TickMetric.stock)];
          let atRisk = 0;
          let out = 0;
          let outflow = 0;
          for (let b = 0; b < B; b++) {
            atRisk += result.exposure[tenureIndex(result, y, l, t, b)];
            out += result.leavers[tenureIndex(result, y, l, t, b)];
          }
          for (let tick = y * TPY; tick < (y + 1) * TPY; tick++) outflow += result.perTick[perTickIndex(result, tick, l, t, TickMetric.outflow)];
          expect(atRisk).toBe(stocks);
          expect(out).toBe(outflow);
        }
  });

  it('rows give movers ÷ person-years, in persons, pooled over bands for "all"', () => {
    const rows = rateRows([result], resolved);
    const scale = result.scale;
    for (const row of rows) {
      const l = resolved.locations.findIndex((x) => x.id === row.location);
      const t = resolved.tiers.findIndex((x) => x.id === row.tier);
      const y = row.year - resolved.run.startYear;
      const bands = row.tenure === 'all' ? [...TENURE_BANDS.keys()] : [TENURE_BANDS.findIndex((b) => b.id === row.tenure)];
      const personYears = (bands.reduce((n, b) => n + exposure[tenureIndex(result, y, l, t, b)], 0) * scale) / TPY;
      expect(row.personYears).toBe(personYears);
      if (row.flow === 'leave') expect(row.movers).toBe(bands.reduce((n, b) => n + leavers[tenureIndex(result, y, l, t, b)], 0) * scale);
      if (personYears > 0) expect(row.rate).toBe(row.movers / personYears);
      else expect(row.rate).toBeNaN();
      // One run: the band is the run's own figure.
      expect([row.p5, row.p95]).toEqual([row.rate, row.rate]);
    }
    expect(rows.filter((r) => r.flow === 'arrive').every((r) => r.tenure === 'all')).toBe(true);
  });
});

describe('rates.csv on threads', () => {
  it('is byte-identical on 1 and 2 threads', async () => {
    const files: Buffer[] = [];
    for (const threads of [1, 2]) {
      const outcome = await runScenario(loaded, { runs: 3, seed: 5, years: 2, threads });
      const { dir } = writeOutputs(loaded, outcome, { out: join(scratch, `threads-${threads}`) });
      files.push(readFileSync(join(dir, 'rates.csv')));
    }
    expect(files[0].length).toBeGreaterThan(0);
    expect(files[1].equals(files[0])).toBe(true);
    // Three runs: the rates have a band, and it holds the mean.
    const lines = files[0].toString().trim().split('\n');
    expect(lines[0]).toBe('year,location,tier,tenure,flow,personYears,movers,rate,p5,p95');
    const banded = lines.slice(1).map((line) => line.split(',').slice(7).map(Number)).filter(([, p5, p95]) => p5 < p95);
    expect(banded.length).toBeGreaterThan(0);
    for (const [rate, p5, p95] of banded) expect(rate >= p5 && rate <= p95).toBe(true);
  });
});
