// A scenario's posterior (posterior.csv): read and checked at load, every problem placed in its file, and the draws.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ScenarioError } from '../../src/core/errors.js';
import { cumulativeWeights, csvFields, drawParticle, drawParticles, parsePosterior } from '../../src/scenario/posterior.js';
import { loadScenarioSync } from '../../src/scenario/load.js';
import { tinyScenario, tinyScenarioInput } from '../fixtures.js';
import { proportionTolerance } from '../support.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/posterior.csv', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'sim-posterior-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A folder with tiny.yaml naming `posterior.csv` (the fixture, or `csv`), and the scenario loaded. */
function withPosterior(name: string, csv?: string, field: unknown = 'posterior.csv') {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'tiny.yaml'), stringify({ ...tinyScenarioInput(), posterior: field }));
  if (csv === undefined) copyFileSync(FIXTURE, join(dir, 'posterior.csv'));
  else writeFileSync(join(dir, 'posterior.csv'), csv);
  return { dir, load: () => loadScenarioSync(join(dir, 'tiny.yaml')) };
}

/** The first issue of the ScenarioError that loading throws. */
function issueOf(load: () => unknown) {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as ScenarioError).issues[0];
  }
  throw new Error('expected a ScenarioError');
}

const HEADER = 'particle,weight,distance,locations.bazhong.wageGrowth,utility.hometown.coefficient';

describe('loading a posterior', () => {
  it('reads the fixture: parameters by their path, weights normalised, values per particle, plain data', () => {
    const { load, dir } = withPosterior('ok');
    const loaded = load();
    expect(loaded.scenario.posterior).toBe(join(dir, 'posterior.csv'));
    expect(loaded.posterior).toEqual({
      file: join(dir, 'posterior.csv'),
      parameters: ['locations.bazhong.wageGrowth', 'utility.hometown.coefficient'],
      particles: [0, 1, 2],
      weights: [0.2, 0.3, 0.5],
      values: [
        [0.035, 0.6],
        [0.05, 1.2],
        [0.065, 1.9],
      ],
      lines: [2, 3, 4],
    });
    // Plain data: survives structured cloning (what crossing to a worker thread does) unchanged.
    expect(structuredClone(loaded.posterior)).toEqual(loaded.posterior);
  });

  it('normalises weights that do not sum to 1', () => {
    const posterior = parsePosterior(`${HEADER}\n0,2,,0.04,1\n1,6,,0.06,1.5\n`, 'p.csv', tinyScenario());
    expect(posterior.weights).toEqual([0.25, 0.75]);
  });

  it('is inherited by a file that extends the scenario, with the path relative to the file that names it', () => {
    const { dir } = withPosterior('inherit');
    mkdirSync(join(dir, 'policies'));
    writeFileSync(join(dir, 'policies', 'mine.yaml'), stringify({ extends: '../tiny.yaml', name: 'mine', policies: [{ type: 'subsidy', lumpSum: 1000 }] }));
    const loaded = loadScenarioSync(join(dir, 'policies', 'mine.yaml'));
    expect(loaded.posterior?.file).toBe(join(dir, 'posterior.csv'));
    expect(loaded.posterior?.particles).toEqual([0, 1, 2]);
  });

  it('leaves a scenario without `posterior` without one', () => {
    const dir = join(scratch, 'none');
    mkdirSync(dir);
    writeFileSync(join(dir, 'tiny.yaml'), stringify(tinyScenarioInput()));
    expect(loadScenarioSync(join(dir, 'tiny.yaml')).posterior).toBeUndefined();
  });

  it('reads quoted columns as csv-stringify writes them', () => {
    expect(csvFields('a,"b, c","say ""hi""",')).toEqual(['a', 'b, c', 'say "hi"', '']);
  });
});

describe('a posterior that cannot be used', () => {
  it('a missing file: at the posterior field of the scenario file', () => {
    const dir = join(scratch, 'missing');
    mkdirSync(dir);
    writeFileSync(join(dir, 'tiny.yaml'), stringify({ ...tinyScenarioInput(), posterior: 'nowhere.csv' }));
    const issue = issueOf(() => loadScenarioSync(join(dir, 'tiny.yaml')));
    expect(issue.file).toBe(join(dir, 'tiny.yaml'));
    expect(issue.line).toBeGreaterThan(1);
    expect(issue.message).toContain(`the posterior file ${join(dir, 'nowhere.csv')} does not exist`);
    expect(issue.hint).toMatch(/sim calibrate/);
  });

  it.each([
    [
      'a bad header',
      'particle,distance,weight,locations.bazhong.wageGrowth\n0,1,1,0.05\n',
      1,
      /the header must begin with the columns particle,weight,distance/,
    ],
    ['no parameter', 'particle,weight,distance\n0,1,1\n', 1, /names no parameter/],
    [
      'an unknown parameter',
      'particle,weight,distance,locations.bazhong.wageGrowht\n0,1,1,0.05\n',
      1,
      /the column "locations.bazhong.wageGrowht" names no parameter of the scenario: locations.bazhong has no field "wageGrowht"/,
    ],
    [
      'a parameter without a range',
      'particle,weight,distance,locations.bazhong.jobSlack\n0,1,1,0.05\n',
      1,
      /"locations.bazhong.jobSlack" is a parameter the scenario gives no range \(its value is 0.05\)/,
    ],
    [
      'a parameter twice',
      'particle,weight,distance,locations.bazhong.wageGrowth,locations[bazhong].wageGrowth.value\n0,1,1,0.05,0.05\n',
      1,
      /names locations.bazhong.wageGrowth, already named by column 4/,
    ],
    ['a weight of 0', `${HEADER}\n0,0.5,1,0.05,1\n1,0,1,0.05,1\n`, 3, /weight 0 is not positive/],
    ['a negative weight', `${HEADER}\n0,-0.5,1,0.05,1\n`, 2, /weight -0.5 is not positive/],
    ['a weight that is not a number', `${HEADER}\n0,heavy,1,0.05,1\n`, 2, /weight "heavy" is not a number/],
    ['a value that is not a number', `${HEADER}\n0,1,1,0.05,NaN\n`, 2, /utility.hometown.coefficient "NaN" is not a number/],
    ['a row too short', `${HEADER}\n0,1,1,0.05\n`, 2, /this row has 4 fields, the header 5/],
    ['a particle twice', `${HEADER}\n0,1,1,0.05,1\n0,1,1,0.05,1\n`, 3, /particle 0 is listed twice \(first on line 2\)/],
    ['a particle that is not a whole number', `${HEADER}\n1.5,1,1,0.05,1\n`, 2, /particle "1.5" is not a whole number/],
    ['no particles', `${HEADER}\n`, 2, /holds no particles/],
  ])('%s: at its line of posterior.csv', (name, csv, line, message) => {
    const { dir, load } = withPosterior(name.replace(/\W+/g, '-'), csv);
    const issue = issueOf(load);
    expect(issue.file).toBe(join(dir, 'posterior.csv'));
    expect(issue.line).toBe(line);
    expect(issue.message).toMatch(message);
    expect(issue.hint).toBeTruthy();
  });
});

describe('drawing particles', () => {
  const posterior = { weights: [0.2, 0.3, 0.5] };

  it('follows the weights: counts over n replications within 4 standard errors of n × weight', () => {
    const n = 6000;
    const counts = [0, 0, 0];
    for (const row of drawParticles(posterior, 11, n)) counts[row]++;
    posterior.weights.forEach((w, k) => expect(Math.abs(counts[k] / n - w)).toBeLessThan(proportionTolerance(w, n)));
  });

  it('depends only on the seed and the replication', () => {
    const cumulative = cumulativeWeights(posterior);
    const draws = drawParticles(posterior, 5, 50);
    expect(draws.map((_, r) => drawParticle(cumulative, 5, r))).toEqual(draws);
    expect(drawParticles(posterior, 5, 20)).toEqual(draws.slice(0, 20));
    expect(drawParticles(posterior, 6, 50)).not.toEqual(draws);
  });

  it('never draws a particle of tiny weight more often than chance allows, and always the only one', () => {
    expect(new Set(drawParticles({ weights: [1] }, 1, 100))).toEqual(new Set([0]));
  });
});
