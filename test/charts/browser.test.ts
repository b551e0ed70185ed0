// report.html opened from disk (file://) in headless Chromium: no console errors, every chart drawn, the table there,
// nothing fetched from the network.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeComparisonExtras } from '../../src/charts/compare-extras.js';
import { writeOutputsWithCharts } from '../../src/publish.js';
import { tinyComparison, tinyRun } from './support.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) {
  // Under CI the browser is installed by .ci/run: its absence there is a failure, not a reason to skip.
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: the report cannot be checked in a browser (apt-get install chromium)`);
  console.warn(`\n*** ${CHROMIUM} is missing: the browser test of report.html is SKIPPED (apt-get install chromium) ***\n`);
}

const scratch = mkdtempSync(join(tmpdir(), 'sim-browser-'));
let context: BrowserContext | undefined;
const reports: Record<string, string> = {};

beforeAll(async () => {
  if (!available) return;
  const run = await tinyRun('tiny-policies', true);
  reports.run = join((await writeOutputsWithCharts(run.loaded, run.outcome, { out: join(scratch, 'run') })).dir, 'report.html');
  reports.runEn = join((await writeOutputsWithCharts(run.loaded, run.outcome, { out: join(scratch, 'run-en'), lang: 'en' })).dir, 'report.html');
  const dir = join(scratch, 'compare');
  mkdirSync(dir);
  await writeComparisonExtras(await tinyComparison(dir, 'zh'));
  reports.compare = join(dir, 'report.html');
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

describe.runIf(available)('report.html in headless Chromium', () => {
  it.each([
    ['run', 5],
    ['runEn', 5],
    ['compare', 6],
  ])('%s: opens offline from disk, draws its %i charts without console errors, and shows the table', async (which, charts) => {
    const page = await context!.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(reports[which]).href);
    // Every chart container holds a drawing, or vega-embed's failure message.
    await page.waitForFunction("[...document.querySelectorAll('.chart')].every((el) => el.querySelector('svg, canvas, .failed'))", null, { timeout: 60_000 });
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

  it.each([1400, 390])('compare at %i px: the answer right after the title, cost–effect labels apart, scenarios folded', async (width) => {
    const page = await context!.newPage();
    await page.setViewportSize({ width, height: 900 });
    await page.goto(pathToFileURL(reports.compare).href);
    await page.waitForFunction("[...document.querySelectorAll('.chart')].every((el) => el.querySelector('svg, canvas, .failed'))", null, { timeout: 60_000 });
    await page.screenshot({ path: join(scratch, `compare-${width}.png`), fullPage: true });
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
});
