// `sim calibrate` as a library call, at a coarse scale: the ensemble and the point fit are consistent, the result is
// the same whatever the thread count, resuming from a saved state gives what an uninterrupted run gives, and the
// fitted scenario file keeps its comments with the fitted values set.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { parse } from 'yaml';
import { calibrationSummary } from '../../src/cli/calibrate.js';
import { calibrate, type CalibrationOptions, type CalibrationState } from '../../src/calibration/calibrate.js';
import { loadTargets } from '../../src/calibration/targets.js';
import { distance } from '../../src/calibration/moments.js';
import { fittedScenarioText, identified } from '../../src/calibration/write.js';
import { fitChart, pairsChart } from '../../src/calibration/charts.js';
import { calibrationReport } from '../../src/calibration/report.js';
import { loadScenarioSync, packageScenarios } from '../../src/scenario/load.js';

const baseline = loadScenarioSync('baseline.yaml');
const targets = loadTargets(fileURLToPath(new URL('../../scenarios/calibration/targets.yaml', import.meta.url)), baseline);
const scratch = mkdtempSync(join(tmpdir(), 'sim-calibrate-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A coarse, quick calibration: 12 particles at 400 persons per agent, a short point fit. */
const quick: CalibrationOptions = { scale: 400, particles: 12, generations: 2, fitRuns: 1, fitIterations: 4, minAcceptanceRate: 0.01 };
const one = await calibrate(baseline, targets, { ...quick, threads: 1 });
const two = await calibrate(baseline, targets, { ...quick, threads: 2 });

describe('calibrate', () => {
  it('summarises the fit in lines of at most 100 columns', () => {
    const text = calibrationSummary(one, { dir: join(scratch, 'results', 'baseline-calibration'), files: [] }, 'targets.yaml', scratch);
    expect(text).toMatch(/^outputs in results\/baseline-calibration\/$/m);
    expect(text).toMatch(/^ {2}(met|NOT MET|held out) +recruited2024: target /m);
    expect(text.split('\n').filter((line) => stringWidth(line) > 100)).toEqual([]);
  });
  it('gives a weighted ensemble of parameter sets inside the priors, and every target before and after', () => {
    expect(one.abc.particles.length).toBe(12);
    expect(one.abc.particles.reduce((s, p) => s + p.weight, 0)).toBeCloseTo(1, 12);
    for (const p of one.abc.particles) p.theta.forEach((v, j) => expect(v >= one.factors[j].range![0] && v <= one.factors[j].range![1]).toBe(true));
    expect(one.fits.map((f) => f.target.name)).toEqual(targets.targets.map((t) => t.name));
    for (const f of one.fits) {
      expect(Number.isFinite(f.before) && Number.isFinite(f.fitted)).toBe(true);
      expect(f.ensemble.p5).toBeLessThanOrEqual(f.ensemble.p95);
    }
    // The distances are those of the means reported, held-out targets left out.
    expect(one.distanceAfter).toBe(
      distance(
        targets.targets,
        one.fits.map((f) => f.fitted),
      ),
    );
    expect(one.distanceBefore).toBe(
      distance(
        targets.targets,
        one.fits.map((f) => f.before),
      ),
    );
    // The point fit lies in the priors' box and is written into the fitted scenario.
    one.parameters.forEach((p) => expect(p.fitted >= p.factor.range![0] && p.fitted <= p.factor.range![1]).toBe(true));
    expect(typeof identified(one.parameters[0].sdRatio)).toBe('boolean');
  });

  it('is the same on one thread and on two', () => {
    expect(two.abc).toEqual(one.abc);
    expect(two.fits).toEqual(one.fits);
    expect(two.parameters.map((p) => p.fitted)).toEqual(one.parameters.map((p) => p.fitted));
  });

  it('resumed from the state saved after the first generation, gives what an uninterrupted run gives', async () => {
    let saved: CalibrationState | undefined;
    await calibrate(baseline, targets, { ...quick, generations: 1, threads: 2, onState: (s) => void (saved ??= JSON.parse(JSON.stringify(s))) });
    expect(saved?.abc.generation).toBe(0);
    const resumed = await calibrate(baseline, targets, { ...quick, threads: 2, resume: saved });
    expect(resumed.abc).toEqual(two.abc);
    expect(resumed.fits).toEqual(two.fits);
  });

  it('stops the point fit when aborted: no point is run after it', async () => {
    const controller = new AbortController();
    const phases: string[] = [];
    const stopped = calibrate(baseline, targets, {
      ...quick,
      generations: 1,
      threads: 2,
      signal: controller.signal,
      onProgress: (_done, _total, phase) => {
        phases.push(phase);
        if (phase === 'point fit') controller.abort(new Error('stopped in the point fit'));
      },
    });
    await expect(stopped).rejects.toThrow('stopped in the point fit');
    expect(phases.filter((p) => p === 'point fit')).toHaveLength(1);
  });

  it('refuses a state saved by a calibration with other settings', async () => {
    let key = '';
    await expect(
      calibrate(baseline, targets, {
        ...quick,
        seed: 99,
        generations: 1,
        stateKeyCheck: (k) => {
          key = k;
          throw new Error('other');
        },
      }),
    ).rejects.toThrow('other');
    expect(key).toContain('"seed":99');
  });

  it('writes the fitted scenario file with its comments and the fitted values', () => {
    const text = fittedScenarioText(join(packageScenarios, 'baseline.yaml'), one, 'targets.yaml');
    expect(text).toContain('# Baseline: Bazhong');
    const fitted = parse(text) as { locations: { jobSlack: { value: number; source: string } }[] };
    const slack = one.parameters.find((p) => p.factor.label === 'locations.bazhong.jobSlack')!;
    expect(fitted.locations[0].jobSlack.value).toBe(Number(slack.fitted.toPrecision(4)));
    expect(fitted.locations[0].jobSlack.source).toContain('calibrated by sim calibrate to targets.yaml');
    // Calibrating the fitted file again does not add the note twice.
    expect(readFileSync(join(packageScenarios, 'baseline.yaml'), 'utf8')).not.toContain('calibrated by sim calibrate to targets.yaml; calibrated');
  });

  it('names the fitted parameters in words on the pairwise chart and in the report, not by their paths', () => {
    expect(one.factors.map((f) => f.label)).toContain('locations.bazhong.jobSlack');
    const zh = JSON.stringify(pairsChart(one, { lang: 'zh', scenario: baseline.scenario }));
    expect(zh).toContain('"title":"巴中 · 岗位余量"');
    expect(JSON.stringify(pairsChart(one, { lang: 'en', scenario: baseline.scenario }))).toContain('"title":"Bazhong · job slack"');
    for (const f of one.factors) expect(zh).not.toContain(`"title":"${f.label}"`);
    const charts = { fit: fitChart(one), pairs: pairsChart(one) };
    const report = calibrationReport(baseline.resolved, one, charts, { lang: 'zh', targetsFile: 'targets.yaml', pkg: { name: 'sim', version: '0' } });
    for (const f of one.factors) expect(report.lead).not.toContain(f.label);
  });
});
