// report.html opened from disk (file://) in headless Chromium: no console errors, every chart drawn, the table there,
// nothing fetched from the network; and every report (run, compare, calibrate, and sweep and sensitivity where they
// write one) fits a desktop (1400 px) and a phone (390 px): no sideways scrolling of the page, every chart as wide as
// its figure allows and no wider. Screenshots of each go to the test's temporary folder (or to $SIM_SCREENSHOTS).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calibrate } from '../../src/calibration/calibrate.js';
import { loadTargets } from '../../src/calibration/targets.js';
import { writeComparisonExtras } from '../../src/charts/compare-extras.js';
import { sensitivity } from '../../src/experiments/sensitivity.js';
import { sweep } from '../../src/experiments/sweep.js';
import { writeCalibration, writeOutputsWithCharts, writeSensitivity, writeSweep } from '../../src/publish.js';
import { runScenario } from '../../src/runner/run.js';
import { loadScenarioSync } from '../../src/scenario/load.js';
import { tinyLoaded } from '../fixtures.js';
import { CHROMIUM, chromiumAvailable } from '../chromium.js';
import { tinyComparison, tinyRun } from './support.js';

const available = chromiumAvailable('report.html');

const scratch = mkdtempSync(join(tmpdir(), 'sim-browser-'));
const screenshots = process.env.SIM_SCREENSHOTS ?? join(scratch, 'screenshots');
mkdirSync(screenshots, { recursive: true });
let context: BrowserContext | undefined;

/** The reports to open, by name: written before the tests are listed, so that each gets tests of its own. */
const reports: Record<string, string> = available ? await writeReports() : {};

async function writeReports(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const run = await tinyRun('tiny-policies', true);
  out.run = join((await writeOutputsWithCharts(run.loaded, run.outcome, { out: join(scratch, 'run') })).dir, 'report.html');
  out.runEn = join((await writeOutputsWithCharts(run.loaded, run.outcome, { out: join(scratch, 'run-en'), lang: 'en' })).dir, 'report.html');
  // Ten years, paired with the counterfactual: the answer first, the results table reaching the horizon.
  const paired = await runScenario(run.loaded, { runs: 3, years: 10, seed: 11, scale: 40, threads: 1, counterfactual: true });
  out.paired = join((await writeOutputsWithCharts(run.loaded, paired, { out: join(scratch, 'paired') })).dir, 'report.html');
  const dir = join(scratch, 'compare');
  mkdirSync(dir);
  await writeComparisonExtras(await tinyComparison(dir, 'zh'));
  out.compare = join(dir, 'report.html');
  // A coarse calibration of the baseline: only its report is looked at.
  const baseline = loadScenarioSync('baseline.yaml');
  const targetsFile = fileURLToPath(new URL('../../scenarios/calibration/targets.yaml', import.meta.url));
  const calibrated = await calibrate(baseline, loadTargets(targetsFile, baseline), {
    scale: 400,
    particles: 12,
    generations: 2,
    fitRuns: 1,
    fitIterations: 4,
    minAcceptanceRate: 0.01,
    threads: 1,
  });
  out.calibrate = join((await writeCalibration(baseline, calibrated, { out: join(scratch, 'calibrate'), targetsFile })).dir, 'report.html');
  // Sweeps and sensitivity analyses: their report.html, where they write one, is held to the same test.
  const tiny = tinyLoaded();
  const swept = await sweep(tiny, { vary: ['utility.hometown.coefficient=0.5,2'] }, { runs: 2, years: 2, threads: 1 });
  const analysed = await sensitivity(tiny, { method: 'oat' }, { runs: 1, years: 2, threads: 1 });
  const experiments = {
    sweep: (await writeSweep(swept, { out: join(scratch, 'sweep') })).dir,
    sensitivity: (await writeSensitivity(analysed, { out: join(scratch, 'sensitivity') })).dir,
  };
  for (const [name, folder] of Object.entries(experiments)) if (existsSync(join(folder, 'report.html'))) out[name] = join(folder, 'report.html');
  return out;
}

beforeAll(async () => {
  if (!available) return;
  context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'sim-chromium-profile-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await context?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Waits until every chart is drawn for the width it has (`data-width`, set by the page's script), or failed. */
async function chartsDrawn(page: Page): Promise<void> {
  await page.waitForFunction(
    "[...document.querySelectorAll('.chart')].every((el) => el.hasAttribute('data-width') && el.querySelector('svg, canvas, .failed'))",
    null,
    { timeout: 60_000 },
  );
}

/** A page with its console errors, page errors and requests recorded. */
async function openReport(which: string, width: number): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const page = await context!.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('request', (request) => requests.push(request.url()));
  await page.setViewportSize({ width, height: 900 });
  await page.goto(pathToFileURL(reports[which]).href);
  await chartsDrawn(page);
  return { page, errors, requests };
}

/** The page's width as laid out, and each chart's drawn width against its figure's. */
async function layout(page: Page) {
  return page.evaluate<{ scrollWidth: number; charts: { id: string; svg: number; figure: number }[] }>(`({
    scrollWidth: document.documentElement.scrollWidth,
    charts: [...document.querySelectorAll('.chart')].map((el) => ({
      id: el.id,
      svg: el.querySelector('svg')?.getBoundingClientRect().width ?? 0,
      figure: el.parentElement.getBoundingClientRect().width,
    })),
  })`);
}

describe.runIf(available)('report.html in headless Chromium', () => {
  it.each([
    ['run', 5],
    ['runEn', 5],
    ['compare', 6],
  ])('%s: opens offline from disk, draws its %i charts without console errors, and shows the table', async (which, charts) => {
    const { page, errors, requests } = await openReport(which, 1280);
    const drawn = await page.$$eval('.chart', (els) =>
      els.map((el) => ({ id: el.id, drawn: !!el.querySelector('svg, canvas'), marks: el.querySelectorAll('.role-mark').length })),
    );
    expect(drawn).toHaveLength(charts);
    for (const chart of drawn) {
      expect(chart.drawn, chart.id).toBe(true);
      expect(chart.marks, chart.id).toBeGreaterThan(0);
    }
    expect(errors).toEqual([]);
    expect(await page.locator('#results-table tbody tr').count()).toBeGreaterThan(0);
    expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
    await page.close();
  });

  it('a run with its counterfactual at 1400 px: the answer after the title, the difference chart first, the horizon year in view', async () => {
    const { page, errors } = await openReport('paired', 1400);
    await page.screenshot({ path: join(screenshots, 'run-paired-1400.png'), fullPage: true });
    expect(errors).toEqual([]);
    const next = await page.$eval('h1', (h) => ({ id: h.nextElementSibling!.id, text: h.nextElementSibling!.textContent ?? '' }));
    expect(next.id).toBe('answer');
    expect(next.text.trim()).toMatch(/^与去掉政策的同一情景相比（3次配对重复，随机种子相同），到2033年，/);
    expect(await page.locator('#answer-table tbody tr').count()).toBe(6);
    expect(await page.$eval('.chart', (el) => el.id)).toBe('chart-difference');
    // The horizon's column of the results table lies inside the viewport, with the table box not scrolled.
    const horizon = await page.$eval('#results-table', (table) => {
      const cells = [...table.querySelectorAll('thead th')];
      const last = cells[cells.length - 1];
      const box = last.getBoundingClientRect();
      const wrap = table.parentElement!;
      return {
        text: last.textContent,
        right: box.right,
        left: box.left,
        scrollable: wrap.scrollWidth > wrap.clientWidth,
        page: table.ownerDocument.documentElement.scrollWidth,
      };
    });
    expect(horizon.text).toBe('2033');
    expect(horizon.left).toBeGreaterThan(0);
    expect(horizon.right).toBeLessThanOrEqual(1400);
    expect(horizon.scrollable).toBe(false);
    expect(horizon.page).toBeLessThanOrEqual(1400);
    await page.close();
  });

  it.each([1400, 390])('compare at %i px: the answer right after the title, cost–effect labels apart, scenarios folded', async (width) => {
    const { page } = await openReport('compare', width);
    // The first thing after the title is the answer: its sentence, then its table.
    const next = await page.$eval('h1', (h) => {
      const el = h.nextElementSibling!;
      return { id: el.id, first: el.firstElementChild?.className, text: el.textContent ?? '' };
    });
    expect(next.id).toBe('answer');
    expect(next.first).toBe('answer');
    expect(next.text.trim()).toMatch(/^到\d{4}年，/);
    expect(next.text).toContain('优于基线的概率');
    expect(await page.locator('#answer-table tbody tr').count()).toBeGreaterThan(0);
    // Scenario labels in the cost–effect chart do not overlap one another (their boxes as drawn, in page coordinates).
    const boxes = await page.$$eval('#chart-cost-effect g.labels_marks text', (texts) =>
      texts.map((t) => {
        const b = t.getBoundingClientRect();
        return { text: t.textContent, x: b.x, y: b.y, w: b.width, h: b.height };
      }),
    );
    expect(boxes.length).toBeGreaterThan(0);
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1)) expect(a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h, `${a.text} / ${b.text}`).toBe(false);
    // The scenarios are folded: opening them all makes the page taller.
    const folded = await page.evaluate<number>('document.documentElement.scrollHeight');
    expect(await page.locator('details.scenario').count()).toBe(3);
    expect(await page.locator('details.scenario[open]').count()).toBe(0);
    await page.$$eval('details.scenario', (els) => els.forEach((d) => d.setAttribute('open', '')));
    expect(await page.evaluate<number>('document.documentElement.scrollHeight')).toBeGreaterThan(folded);
    // Opened, a scenario's parameters are named in words, each path in small print below its name and inside the table.
    const field = await page.$eval('details.scenario td:first-child:has(.path)', (td) => ({
      text: td.firstChild?.textContent ?? '',
      path: td.querySelector('.path')!.textContent ?? '',
      inside: td.querySelector('.path')!.getBoundingClientRect().right <= td.getBoundingClientRect().right + 1,
    }));
    expect(field).toEqual({ text: '巴中 · 工资年增长率', path: 'locations[bazhong].wageGrowth', inside: true });
    await page.close();
  });

  const sizes = Object.keys(reports).flatMap((which) => [1400, 390].map((width) => [which, width] as const));
  it.each(sizes)('%s at %i px: as wide as the screen and no wider, every chart fitted to its figure, no console errors', async (which, width) => {
    const { page, errors, requests } = await openReport(which, width);
    await page.screenshot({ path: join(screenshots, `${which}-${width}.png`), fullPage: true });
    const { scrollWidth, charts } = await layout(page);
    // No sideways scrolling of the page: tables scroll inside their own box, long words wrap.
    expect(scrollWidth).toBeLessThanOrEqual(width);
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) {
      expect(chart.svg, `${chart.id}: ${chart.svg} px in a figure of ${chart.figure} px`).toBeLessThanOrEqual(chart.figure);
      expect(chart.svg, `${chart.id}: ${chart.svg} px in a figure of ${chart.figure} px`).toBeGreaterThan(0.6 * chart.figure);
    }
    // Each chart's title is its figure's heading, in HTML that wraps, and is not drawn a second time in the chart.
    const headings = await page.$$eval('figure', (figures) =>
      figures.map((f) => {
        const title = f.querySelector('figcaption.chart-head .chart-title')?.textContent ?? '';
        return { title, drawn: [...f.querySelectorAll('svg text')].some((t) => t.textContent === title) };
      }),
    );
    for (const heading of headings) expect(heading).toEqual({ title: expect.stringMatching(/\S/), drawn: false });
    expect(errors).toEqual([]);
    expect(requests.filter((url) => !url.startsWith('file:'))).toEqual([]);
    await page.close();
  });

  it('draws the charts again for the new width when the window is resized (a phone turned sideways)', async () => {
    const { page, errors } = await openReport('compare', 390);
    const narrow = await layout(page);
    await page.setViewportSize({ width: 900, height: 900 });
    await page.waitForFunction("[...document.querySelectorAll('.chart')].every((el) => Number(el.getAttribute('data-width')) > 500)", null, {
      timeout: 60_000,
    });
    await chartsDrawn(page);
    const wide = await layout(page);
    expect(wide.scrollWidth).toBeLessThanOrEqual(900);
    for (const [k, chart] of wide.charts.entries()) {
      expect(chart.svg, chart.id).toBeLessThanOrEqual(chart.figure);
      expect(chart.svg, chart.id).toBeGreaterThan(0.6 * chart.figure);
      expect(chart.svg, chart.id).toBeGreaterThan(narrow.charts[k].svg);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('reports of every kind are among those checked', () => {
    expect(Object.keys(reports)).toEqual(expect.arrayContaining(['run', 'runEn', 'compare', 'calibrate']));
  });
});
