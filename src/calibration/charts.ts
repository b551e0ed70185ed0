// Vega-Lite specs of a calibration: every target's fit on one scale (errors in units of its tolerance), and the
// pairwise posterior of the fitted parameters. Pure: data in, spec out. Field names are plain words (never paths
// with dots, which Vega-Lite reads as nested fields); parameter paths appear only as values and titles.
import type { TopLevelSpec } from 'vega-lite';
import { CHART_FONT } from '../charts/specs.js';
import type { Lang } from '../output/format.js';
import { fieldLabel } from '../output/labels.js';
import type { Scenario } from '../scenario/schema.js';
import type { CalibrationResult } from './calibrate.js';
import { targetError } from './moments.js';
import type { Target } from './targets.js';

const config = {
  font: CHART_FONT,
  axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 420 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 400 },
  title: { fontSize: 14, anchor: 'start' },
};

/** A target's simulated value as its error: 0 when acceptable (on the value, on the good side, within the band), ±1 at the edge of tolerance. */
const scaled = (value: number, target: Target) => targetError(target, value);

/**
 * The fit at a glance: one row per target, its simulated value before calibration (hollow), after (filled) and the
 * 5–95 % band over the posterior ensemble, all as (simulated − target) ÷ tolerance, against the band of ±1 that
 * counts as met (one-sided targets: the good side is unbounded). Held-out targets are marked.
 */
export function fitChart(result: CalibrationResult): TopLevelSpec {
  const rows = result.fits.map((f) => ({
    target: `${f.target.heldOut ? '(held out) ' : ''}${f.target.label}`,
    before: scaled(f.before, f.target),
    fitted: scaled(f.fitted, f.target),
    low: scaled(f.ensemble.p5, f.target),
    high: scaled(f.ensemble.p95, f.target),
    met: f.met ? 'met' : 'not met',
  }));
  const y = { field: 'target', type: 'nominal', title: null, sort: null };
  const x = (field: string) => ({
    field,
    type: 'quantitative',
    title: 'error in tolerances (0: on target or on its good side)',
    scale: { domain: [-5, 5], clamp: true },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `${result.targets.length} targets: before and after calibration`,
      subtitle: 'hollow: the scenario as it was; filled: the point fit; line: 5–95 % over the posterior ensemble; shaded: within tolerance',
    },
    width: 520,
    height: { step: 26 },
    data: { values: rows },
    layer: [
      // The band counted as met: an error within ±1 tolerance.
      {
        mark: { type: 'bar', color: '#e5f5e0', height: { band: 0.9 } },
        encoding: { y, x: { datum: -1, type: 'quantitative', scale: { domain: [-5, 5], clamp: true } }, x2: { datum: 1 } },
      },
      { mark: { type: 'rule', color: '#4c78a8', strokeWidth: 2 }, encoding: { y, x: x('low'), x2: { field: 'high' } } },
      { mark: { type: 'point', shape: 'circle', color: '#888', size: 60 }, encoding: { y, x: x('before') } },
      {
        mark: { type: 'point', shape: 'circle', filled: true, size: 80 },
        encoding: {
          y,
          x: x('fitted'),
          color: { field: 'met', type: 'nominal', title: null, scale: { domain: ['met', 'not met'], range: ['#2a9d8f', '#d62828'] } },
        },
      },
    ],
    config,
  } as TopLevelSpec;
}

/**
 * The posterior ensemble pairwise: for each pair of fitted parameters a scatter of the particles (size by weight),
 * within the prior's box, and the point fit as a cross. The lower triangle only. Each axis names its parameter in
 * words (`lang`, from the scenario's labels when given).
 */
export function pairsChart(result: CalibrationResult, options: { lang?: Lang; scenario?: Scenario } = {}): TopLevelSpec {
  const k = result.factors.length;
  const titles = result.factors.map((f) => fieldLabel(f.label, options.lang ?? 'en', options.scenario));
  const points = result.abc.particles.map((p) => ({ weight: p.weight, ...Object.fromEntries(p.theta.map((v, j) => [`p${j}`, v])) }));
  const fit = Object.fromEntries(result.parameters.map((p, j) => [`p${j}`, p.fitted]));
  const axis = (j: number, show: boolean) => ({
    field: `p${j}`,
    type: 'quantitative',
    title: show ? titles[j] : null,
    scale: { domain: result.factors[j].range!, nice: false },
    axis: show ? { tickCount: 3 } : { labels: false, ticks: false, title: null },
  });
  const plain = (j: number) => ({ field: `p${j}`, type: 'quantitative', scale: { domain: result.factors[j].range!, nice: false } });
  const panel = (row: number, col: number) => ({
    width: 120,
    height: 120,
    layer: [
      {
        data: { values: points },
        mark: { type: 'circle', opacity: 0.5, color: '#4c78a8' },
        encoding: { x: axis(col, row === k - 1), y: axis(row, col === 0), size: { field: 'weight', type: 'quantitative', legend: null } },
      },
      {
        data: { values: [fit] },
        mark: { type: 'point', shape: 'cross', color: '#d62828', size: 120, filled: true },
        // Only the field and scale: the axes the scatter sets are the ones drawn.
        encoding: { x: plain(col), y: plain(row) },
      },
    ],
  });
  const rows = Array.from({ length: k - 1 }, (_, r) => ({ hconcat: Array.from({ length: r + 1 }, (__, c) => panel(r + 1, c)) }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Posterior ensemble, pairwise',
      subtitle: `${result.abc.particles.length} particles, sized by weight; red cross: the point fit; axes span the priors`,
    },
    vconcat: k > 1 ? rows : [{ hconcat: [panel(0, 0)] }],
    config,
  } as TopLevelSpec;
}
