// explorer.html in headless Chromium (Debian's): it runs offline from disk, a slider moved with the keyboard reruns
// the model, the URL holds the levers, and the figures it downloads are those `sim --scenario` gives for the scenario it
// downloads — byte for byte. Also at 390 px wide, in English, and with the policy switched off.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, chromiumAvailable } from '../chromium.js';
import { runCli } from '../fixtures.js';

const available = chromiumAvailable('explorer.html');

const scratch = mkdtempSync(join(tmpdir(), 'sim-explorer-'));
let browser: Browser | undefined;
let url = '';

beforeAll(async () => {
  if (!available) return;
  const { code, stderr } = await runCli(scratch, 'explore', '-s', 'flexible', '--runs', '2', '--years', '2', '--scale', '200', '-o', 'ex', '--quiet');
  expect(stderr).toBe('');
  expect(code).toBe(0);
  url = pathToFileURL(join(scratch, 'ex', 'explorer.html')).href;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** A page on explorer.html that records console errors and any request that is not to the file itself, a blob or data. */
async function open(width: number, hash = ''): Promise<{ page: Page; problems: string[] }> {
  const page = await browser!.newPage({ viewport: { width, height: 900 }, acceptDownloads: true });
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('request', (r) => !/^(file|blob|data):/.test(r.url()) && problems.push(`request ${r.url()}`));
  await page.goto(url + hash);
  return { page, problems };
}

/** Waits for the run after `before` to complete; returns its number. */
async function settled(page: Page, before = -1): Promise<number> {
  await page.waitForFunction(
    (b) => {
      const s = document.getElementById('status');
      return s?.dataset.done === 'true' && Number(s.dataset.run) > b;
    },
    before,
    { timeout: 120_000 },
  );
  return Number(await page.getAttribute('#status', 'data-run'));
}

describe.runIf(available)('explorer.html in headless Chromium', () => {
  it('gives the figures of sim --scenario for the scenario it downloads, after a slider moved with the keyboard', async () => {
    const { page, problems } = await open(1400);
    const started = Date.now();
    await page.waitForSelector('#answer-text', { timeout: 120_000 });
    console.log(`explorer: first answer ${Date.now() - started} ms after opening (2 paired runs × 2 years at scale 200)`);
    const first = await settled(page);
    const slider = page.locator('input[data-path="policies[候鸟型专家].slots"]');
    expect(await slider.getAttribute('id')).toBeTruthy();
    // The slider has a label (its words and its value).
    expect(await page.textContent(`label[for="${await slider.getAttribute('id')}"]`)).toMatch(/柔性引才名额\s*600 个/);
    await slider.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
    await settled(page, first);
    expect(decodeURIComponent(page.url())).toContain('policies[候鸟型专家].slots=800');
    const answer = await page.textContent('#answer-text');
    expect(answer).toMatch(/^到2025年，有效人才比基线[+−]?[\d,]+人/);

    const saved: Record<string, string> = {};
    for (const id of ['download-yaml', 'download-csv']) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#${id}`)]);
      saved[id] = join(scratch, download.suggestedFilename());
      await download.saveAs(saved[id]);
    }
    expect(readFileSync(saved['download-yaml'], 'utf8')).toMatch(/slots:\s*\n\s+value: 800/);
    const { code } = await runCli(scratch, '-s', saved['download-yaml'], '-o', 'cli', '--quiet');
    expect(code).toBe(0);
    expect(readFileSync(saved['download-csv'], 'utf8')).toBe(readFileSync(join(scratch, 'cli', 'summary.csv'), 'utf8'));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1400);
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);

  it('opens from a shared link in English at 390 px, fits the screen, and says when every policy is off', async () => {
    const { page, problems } = await open(390, '#lang=en&off=0');
    await settled(page);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.textContent('#answer')).toContain('Every policy is switched off');
    expect(await page.isChecked('#policy-0')).toBe(false);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.check('#policy-0');
    await settled(page, Number(await page.getAttribute('#status', 'data-run')));
    expect(await page.textContent('#answer-text')).toMatch(/^By 2025, effective talent is [+−]?[\d,]+ against the baseline/);
    await page.click('#lang-switch');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(page.url()).toContain('lang=zh');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);
});
