// explorer.html: one self-contained page (no network requests) holding vega, vega-lite and vega-embed, the browser
// build of the model (the page's script and its Web Worker's, bundled by esbuild at `npm run build`), and the
// explored scenario as JSON. It opens from a file or any static host.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { escapeHtml, vegaLibraries } from '../charts/report.js';
import type { Lang } from '../output/format.js';
import type { ExploreModel } from './engine.js';

/** Where `npm run build` puts the browser bundles: dist/explore/bundle/ (found from src/ too, for tests run from source). */
export function bundleDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'bundle'), join(here, '..', '..', 'dist', 'explore', 'bundle')];
  const found = candidates.find((dir) => existsSync(join(dir, 'page.js')) && existsSync(join(dir, 'worker.js')));
  if (!found) throw new Error(`the explorer's browser bundle is missing (looked in ${candidates.join(' and ')}): run npm run build`);
  return found;
}

/** Text safe inside an inline <script>: nothing in it can end the element. */
const scriptSafe = (js: string) => js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

const CSS = `
:root { --ink: #1f2328; --muted: #59636e; --line: #d8dee4; --soft: #f6f8fa; --accent: #4e79a7; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); font: 15px/1.5 "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; }
header { padding: 14px 20px 10px; border-bottom: 1px solid var(--line); display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: baseline; }
header h1 { font-size: 22px; margin: 0; flex: 1 1 320px; }
header p { margin: 0; color: var(--muted); flex: 1 1 100%; }
header .actions { display: flex; flex-wrap: wrap; gap: 8px; }
button { font: inherit; font-size: 14px; padding: 4px 12px; border: 1px solid var(--line); border-radius: 6px; background: var(--soft); cursor: pointer; }
button:focus-visible, input:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
main { display: grid; grid-template-columns: minmax(280px, 380px) minmax(0, 1fr); gap: 0; }
#levers { padding: 12px 16px; border-right: 1px solid var(--line); max-height: calc(100vh - 90px); overflow-y: auto; position: sticky; top: 0; }
#results { padding: 12px 20px 40px; min-width: 0; }
fieldset { border: 1px solid var(--line); border-radius: 8px; margin: 0 0 12px; padding: 8px 12px 10px; }
legend { font-weight: bold; padding: 0 4px; }
.switch { display: flex; gap: 8px; align-items: center; font-weight: bold; }
.lever { margin: 8px 0 0; }
.lever label { display: flex; justify-content: space-between; gap: 8px; font-size: 14px; }
.lever output { font-variant-numeric: tabular-nums; white-space: nowrap; }
.lever input[type=range] { width: 100%; }
fieldset.off .lever { opacity: 0.45; }
#answer { background: var(--soft); border-left: 4px solid var(--accent); padding: 10px 14px; margin: 0 0 12px; }
#answer p { margin: 0 0 6px; }
#status { color: var(--muted); font-size: 13px; display: flex; gap: 10px; align-items: center; }
#status progress { width: 160px; }
.error { color: #b42318; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 420px), 1fr)); gap: 16px; }
figure { margin: 0; min-width: 0; }
figure .chart { width: 100%; min-height: 200px; }
figcaption { color: var(--muted); font-size: 13px; }
@media (max-width: 760px) {
  main { grid-template-columns: minmax(0, 1fr); }
  #levers { border-right: none; border-bottom: 1px solid var(--line); max-height: none; position: static; }
  #results { padding: 12px; }
}
`;

/** The page for `model`, opening in `lang` (a switch on the page changes it; the URL keeps the choice). */
export function explorerHtml(model: ExploreModel, lang: Lang): string {
  const dir = bundleDir();
  const page = readFileSync(join(dir, 'page.js'), 'utf8');
  const worker = readFileSync(join(dir, 'worker.js'), 'utf8');
  const data = JSON.stringify({ model, lang }).replace(/</g, '\\u003c');
  const title = model.title[lang];
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
${vegaLibraries()}
</head>
<body>
<header>
<h1 id="title">${escapeHtml(title)}</h1>
<div class="actions">
<button type="button" id="lang-switch"></button>
<button type="button" id="download-yaml"></button>
<button type="button" id="download-csv"></button>
<button type="button" id="reset"></button>
</div>
<p id="summary">${escapeHtml(model.summary[lang])}</p>
</header>
<main>
<section id="levers" aria-label="levers"></section>
<section id="results" aria-live="polite">
<div id="answer"></div>
<div id="status"></div>
<div class="charts" id="charts"></div>
</section>
</main>
<noscript>This page needs JavaScript. 本页需要 JavaScript。</noscript>
<script type="application/json" id="explore-data">${data}</script>
<script type="text/plain" id="explore-worker">${scriptSafe(worker)}</script>
<script>${scriptSafe(page)}</script>
</body>
</html>
`;
}
