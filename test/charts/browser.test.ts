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
});
