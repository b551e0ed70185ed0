// A calibration's report.html: the fit at a glance (chart and table), the posterior pairwise, what the targets leave
// open, and what produced it. Built from the result only; reportHtml (src/charts/report.ts) makes the page.
import type { TopLevelSpec } from 'vega-lite';
import { scenarioInfo, type ReportInput } from '../charts/report.js';
import { formatSignificant, type Lang } from '../output/format.js';
import { fieldLabel } from '../output/labels.js';
import type { ResolvedScenario } from '../scenario/resolve.js';
import type { CalibrationResult } from './calibrate.js';
import { identified, targetFigure } from './write.js';

const TEXT = {
  en: {
    title: (name: string) => `Calibration of ${name}`,
    lead: (r: CalibrationResult, met: number, fitted: number, open: string[]) =>
      `${r.factors.length} parameters fitted to ${fitted} targets (${r.targets.length - fitted} held out): ${met} of ${fitted} met at the point fit; ` +
      `distance ${formatSignificant(r.distanceBefore)} before, ${formatSignificant(r.distanceAfter)} after. ` +
      `${r.abc.particles.length} weighted parameter sets in the posterior ensemble. ` +
      (open.length ? `Not identified by these targets: ${open.join(', ')}.` : 'Every fitted parameter is identified.'),
    caption: 'Every target: simulated before and after calibration, and the 5–95 % band over the posterior ensemble',
    head: ['target', 'kind', 'target value', 'tolerance', 'before', 'fitted', 'ensemble 5 %', 'ensemble 95 %', 'error (tolerances)', 'status'],
    status: (heldOut: boolean, met: boolean) => (heldOut ? (met ? 'held out: within tolerance' : 'held out: outside tolerance') : met ? 'met' : 'not met'),
    fit: 'The fit of every target',
    pairs: 'The posterior ensemble, pairwise',
  },
  zh: {
    title: (name: string) => `${name} 的校准`,
    lead: (r: CalibrationResult, met: number, fitted: number, open: string[]) =>
      `对 ${fitted} 个目标（另有 ${r.targets.length - fitted} 个留作检验）拟合 ${r.factors.length} 个参数：点估计满足 ${met} 个；` +
      `距离由 ${formatSignificant(r.distanceBefore)} 降至 ${formatSignificant(r.distanceAfter)}。后验集合含 ${r.abc.particles.length} 组加权参数。` +
      (open.length ? `这些目标无法识别的参数：${open.join('、')}。` : '所有拟合参数均可识别。'),
    caption: '各目标：校准前后的模拟值，以及后验集合的 5–95 % 区间',
    head: ['目标', '类型', '目标值', '容差', '校准前', '校准后', '集合 5 %', '集合 95 %', '误差（容差倍数）', '状态'],
    status: (heldOut: boolean, met: boolean) => (heldOut ? (met ? '检验：在容差内' : '检验：超出容差') : met ? '满足' : '未满足'),
    fit: '各目标的拟合',
    pairs: '后验集合（两两参数）',
  },
} as const;

/** The input of reportHtml for a calibration: its two charts (with their files), the fit table, the scenario, provenance. */
export function calibrationReport(
  resolved: ResolvedScenario,
  result: CalibrationResult,
  charts: { fit: TopLevelSpec; pairs: TopLevelSpec },
  options: { lang: Lang; file?: string; targetsFile: string; pkg: { name: string; version: string } },
): ReportInput {
  const t = TEXT[options.lang];
  const fitted = result.fits.filter((f) => !f.target.heldOut);
  // The parameters in words: a reader of the report sees no field paths (the tables beside it have them).
  const open = result.parameters.filter((p) => !identified(p.sdRatio)).map((p) => fieldLabel(p.factor.label, options.lang, resolved.input));
  const files = (name: string) => [`${name}.png`, `${name}.svg`, `${name}.vl.json`];
  return {
    lang: options.lang,
    title: t.title(resolved.name),
    lead: t.lead(result, fitted.filter((f) => f.met).length, fitted.length, open),
    charts: [
      { name: 'fit', title: t.fit, spec: charts.fit, files: files('fit') },
      { name: 'posterior-pairs', title: t.pairs, spec: charts.pairs, files: files('posterior-pairs') },
    ],
    table: {
      caption: t.caption,
      head: [...t.head],
      numeric: 2,
      rows: result.fits.map((f) => [
        f.target.label,
        f.target.kind,
        targetFigure(f.target, formatSignificant),
        formatSignificant(f.target.tolerance),
        formatSignificant(f.before),
        formatSignificant(f.fitted),
        formatSignificant(f.ensemble.p5),
        formatSignificant(f.ensemble.p95),
        formatSignificant(f.error),
        t.status(f.target.heldOut, f.met),
      ]),
    },
    scenarios: [scenarioInfo(resolved, { lang: options.lang, color: '#4c78a8', file: options.file, years: result.settings.years })],
    provenance: [
      ['targets', options.targetsFile],
      ['method', 'ABC-SMC (Beaumont et al. 2009) + simulated moments (Nelder–Mead)'],
      ['seed', String(result.settings.seed)],
      ['scale', `${result.settings.scale} persons per agent`],
      ['model runs', String(result.modelRuns)],
      ['package', `${options.pkg.name} ${options.pkg.version}`],
    ],
  };
}
