/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The explorer page's script (bundled for the browser): the levers as sliders and switches, the model run in Web
// Workers paired with its baseline, results streaming in as replications finish, the charts, the URL that holds the
// levers, and the downloads (the scenario as YAML, the results as summary.csv).
import { stringify as csv } from 'csv-stringify/browser/esm/sync';
import { stringify as yaml } from 'yaml';
import type { RunResult } from '../core/results.js';
import { csvCast, formatMillions, formatSeconds, formatSigned, formatSignificant, formatWhole, type Lang } from '../output/format.js';
import {
  baselineOf,
  drawsOf,
  initialState,
  scenarioAt,
  scenarioKey,
  resolvedPair,
  viewOf,
  type ExploreModel,
  type ExploreView,
  type LeverState,
  type ReplicationJob,
  type ResolvedPair,
} from './engine.js';
import { parseState, stateQuery } from './state.js';
import { chartSpecs } from './specs.js';

declare const vegaEmbed: (el: HTMLElement, spec: unknown, options: unknown) => Promise<{ view: { finalize(): void } }>;

const TEXT = {
  zh: {
    switchLang: 'English',
    yaml: '下载情景（YAML）',
    csv: '下载结果（CSV）',
    reset: '恢复默认',
    running: (done: number, runs: number) => `已完成 ${done}/${runs} 次配对重复`,
    done: (runs: number, ms: number) => `${runs} 次配对重复完成，用时 ${formatSeconds(ms, 'zh')}`,
    failed: '这一组设定无法运行：',
    waiting: '正在计算…',
    noPolicy: '所有政策都已关闭：与基线相同。',
    answer: (v: Answer) =>
      `到${v.year}年，有效人才比基线${v.effect}人（5–95%：${v.band}），优于基线的概率为${v.beats}。` +
      `${v.startYear}–${v.year}年累计花费${v.cost}百万元${v.perYear ? `，每增加一个有效人才年${v.perYear}元（5–95%：${v.perYearBand}）` : ''}。`,
    sure: (posterior: boolean, runs: number) =>
      posterior
        ? `把握：区间与概率基于${runs}次配对重复，每次从校准后验抽取参数，同时计入随机性与参数不确定性。`
        : `把握：区间与概率基于${runs}次配对重复，只反映随机性（未使用后验）。`,
    fewRuns: '重复次数少于20次，5–95%区间只是粗略估计。',
  },
  en: {
    switchLang: '中文',
    yaml: 'Download scenario (YAML)',
    csv: 'Download results (CSV)',
    reset: 'Reset',
    running: (done: number, runs: number) => `${done}/${runs} paired runs done`,
    done: (runs: number, ms: number) => `${runs} paired runs done in ${formatSeconds(ms)}`,
    failed: 'These settings cannot run: ',
    waiting: 'Computing…',
    noPolicy: 'Every policy is switched off: the same as the baseline.',
    answer: (v: Answer) =>
      `By ${v.year}, effective talent is ${v.effect} against the baseline (5–95 %: ${v.band}); it beats the baseline in ${v.beats} of runs. ` +
      `It costs ${v.cost} M CNY over ${v.startYear}–${v.year}${v.perYear ? `, ${v.perYear} CNY per extra talent-year (5–95 %: ${v.perYearBand})` : ''}.`,
    sure: (posterior: boolean, runs: number) =>
      posterior
        ? `How sure: bands and probabilities over ${runs} paired runs, each drawing its parameters from the calibration's posterior: chance and parameter uncertainty.`
        : `How sure: bands and probabilities over ${runs} paired runs: chance only (no posterior).`,
    fewRuns: 'Fewer than 20 runs: the 5–95 % bands are rough.',
  },
} as const;

interface Answer {
  year: number;
  startYear: number;
  effect: string;
  band: string;
  beats: string;
  cost: string;
  perYear: string;
  perYearBand: string;
}

const data = JSON.parse(document.getElementById('explore-data')!.textContent!) as { model: ExploreModel; lang: Lang };
const model = data.model;
const draws = drawsOf(model);
const initial = parseState(location.hash, model);
let lang: Lang = initial.lang ?? data.lang;
let state: LeverState = initial.state ?? initialState(model);

// ---- workers ----------------------------------------------------------------------------------------------------

const workerUrl = URL.createObjectURL(new Blob([document.getElementById('explore-worker')!.textContent!], { type: 'text/javascript' }));
const threads = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));

interface Task {
  job: ReplicationJob;
  done: (result: RunResult) => void;
  fail: (message: string) => void;
}

/** Workers that run one replication each at a time; cancel() drops the queue and stops those at work. */
class Pool {
  private idle: Worker[] = [];
  private busy = new Map<Worker, Task>();
  private queue: Task[] = [];
  private next = 0;

  constructor(private readonly size: number) {
    for (let i = 0; i < size; i++) this.idle.push(this.spawn());
  }

  private spawn(): Worker {
    const worker = new Worker(workerUrl);
    worker.onmessage = ({ data: message }: MessageEvent<{ id: number; result?: RunResult; error?: string }>) => {
      const task = this.busy.get(worker);
      this.busy.delete(worker);
      this.idle.push(worker);
      if (task) {
        if (message.error !== undefined) task.fail(message.error);
        else task.done(message.result!);
      }
      this.pump();
    };
    return worker;
  }

  submit(task: Task): void {
    this.queue.push(task);
    this.pump();
  }

  private pump(): void {
    while (this.idle.length && this.queue.length) {
      const worker = this.idle.pop()!;
      const task = this.queue.shift()!;
      this.busy.set(worker, task);
      worker.postMessage({ id: this.next++, job: task.job });
    }
  }

  /** Drops what waits; a worker at work is stopped and replaced (its answer would be for levers that moved on). */
  cancel(): void {
    this.queue = [];
    for (const worker of this.busy.keys()) {
      worker.terminate();
      this.idle.push(this.spawn());
    }
    this.busy.clear();
  }
}

const pool = new Pool(threads);

// ---- running ----------------------------------------------------------------------------------------------------

/** The baseline's replications, kept while the baseline stays the same (levers of policies leave it alone). */
const baselineCache = new Map<string, RunResult[]>();
let generation = 0;
let last: { view: ExploreView; scenario: ReturnType<typeof scenarioAt> } | undefined;

function run(): void {
  const mine = ++generation;
  pool.cancel();
  const { runs, seed, years, scale } = model.settings;
  const scenario = scenarioAt(model, state);
  const baseline = baselineOf(scenario);
  const key = scenarioKey(scenario);
  const baseKey = scenarioKey(baseline);
  const cached = baselineCache.get(baseKey) ?? [];
  baselineCache.set(baseKey, cached);
  const results: RunResult[] = [];
  const started = performance.now();
  let shown = 0;
  showStatus(0, runs);
  const job = (s: typeof scenario, k: string, replication: number): ReplicationJob => ({
    key: k,
    scenario: s,
    replication,
    row: draws?.[replication].row,
    posterior: model.posterior,
    settings: { seed, years, scale },
  });
  // Resolved once for this setting of the levers (at the first update, so that a problem shows as the run's answer).
  let pair: ResolvedPair | undefined;
  const update = () => {
    if (mine !== generation) return;
    let ready = 0;
    while (ready < runs && results[ready] && cached[ready]) ready++;
    if (ready === shown) return;
    shown = ready;
    try {
      pair ??= resolvedPair(scenario);
      const view = viewOf(pair, results.slice(0, ready), cached.slice(0, ready), seed);
      last = { view, scenario };
      draw(view, scenario);
    } catch (error) {
      showAnswer(undefined, TEXT[lang].failed + (error instanceof Error ? error.message : String(error)));
    }
    if (ready === runs) showStatus(runs, runs, performance.now() - started);
    else showStatus(ready, runs);
  };
  const fail = (message: string) => {
    if (mine !== generation) return;
    pool.cancel();
    showAnswer(undefined, TEXT[lang].failed + message);
    showStatus(0, runs);
  };
  for (let r = 0; r < runs; r++) {
    pool.submit({
      job: job(scenario, key, r),
      done: (result) => {
        if (mine !== generation) return;
        results[r] = result;
        update();
      },
      fail,
    });
    if (!cached[r])
      pool.submit({
        job: job(baseline, baseKey, r),
        done: (result) => {
          cached[r] = result;
          update();
        },
        fail,
      });
  }
  update();
}

// ---- drawing ----------------------------------------------------------------------------------------------------

const views = new Map<string, { finalize(): void }>();

function draw(view: ExploreView, scenario: ReturnType<typeof scenarioAt>): void {
  const t = TEXT[lang];
  const r = view.ranking;
  if (scenario.policies.length === 0) showAnswer(undefined, t.noPolicy, false);
  else if (r) {
    const year = r.horizonYear;
    const answer: Answer = {
      year,
      startYear: model.settings.startYear,
      effect: formatSigned(r.effectMean),
      band: `${formatSigned(r.effectP5)}${lang === 'zh' ? '至' : ' to '}${formatSigned(r.effectP95)}`,
      beats: `${Math.round(r.probBeatsBaseline * 100)}%`,
      cost: formatMillions(r.costCumulative),
      perYear: Number.isFinite(r.costPerEffectiveTalentYear) ? formatWhole(r.costPerEffectiveTalentYear) : '',
      perYearBand: `${formatWhole(r.costPerEffectiveTalentYearP5)}${lang === 'zh' ? '至' : ' to '}${formatWhole(r.costPerEffectiveTalentYearP95)}`,
    };
    showAnswer(answer, t.sure(model.posterior !== undefined, view.runs) + (view.runs < 20 ? ` ${t.fewRuns}` : ''));
  }
  const specs = chartSpecs(view, lang, model.settings.startYear);
  const charts = document.getElementById('charts')!;
  for (const chart of specs) {
    let figure = document.getElementById(`figure-${chart.id}`);
    if (!figure) {
      figure = document.createElement('figure');
      figure.id = `figure-${chart.id}`;
      figure.innerHTML = `<div class="chart" id="chart-${chart.id}" role="img"></div>`;
      charts.appendChild(figure);
    }
    const el = figure.querySelector<HTMLElement>('.chart')!;
    el.setAttribute('aria-label', chart.title);
    void vegaEmbed(el, chart.spec, { renderer: 'svg', actions: false }).then((result) => {
      views.get(chart.id)?.finalize();
      views.set(chart.id, result.view);
    });
  }
}

function showAnswer(answer: Answer | undefined, note: string, failed = true): void {
  const el = document.getElementById('answer')!;
  el.replaceChildren();
  if (answer) {
    const p = document.createElement('p');
    p.id = 'answer-text';
    p.textContent = TEXT[lang].answer(answer);
    el.appendChild(p);
  }
  const q = document.createElement('p');
  q.textContent = note;
  if (!answer && failed) q.className = 'error';
  el.appendChild(q);
}

function showStatus(done: number, runs: number, ms?: number): void {
  const el = document.getElementById('status')!;
  el.replaceChildren();
  const bar = document.createElement('progress');
  bar.max = runs;
  bar.value = done;
  const text = document.createElement('span');
  text.id = 'status-text';
  text.textContent = ms !== undefined ? TEXT[lang].done(runs, ms) : done === 0 ? TEXT[lang].waiting : TEXT[lang].running(done, runs);
  // For tests and scripts: which run the status is of, and whether it is complete.
  el.dataset.run = String(generation);
  el.dataset.done = String(ms !== undefined);
  el.append(bar, text);
}

// ---- levers -----------------------------------------------------------------------------------------------------

/** A lever's value for people: thousands separated, with its unit. */
function shown(value: number, unit: { zh: string; en: string } | undefined): string {
  const text = Math.abs(value) >= 1000 ? formatWhole(value) : formatSignificant(value, 4);
  return unit ? `${text} ${unit[lang]}` : text;
}

function buildLevers(): void {
  const panel = document.getElementById('levers')!;
  panel.replaceChildren();
  panel.setAttribute('aria-label', lang === 'zh' ? '政策杠杆' : 'Policy levers');
  for (const policy of model.policies) {
    const set = document.createElement('fieldset');
    set.className = state.off.includes(policy.index) ? 'off' : '';
    const legend = document.createElement('legend');
    const toggle = document.createElement('input');
    toggle.type = 'checkbox';
    toggle.setAttribute('role', 'switch');
    toggle.id = `policy-${policy.index}`;
    toggle.checked = !state.off.includes(policy.index);
    const label = document.createElement('label');
    label.className = 'switch';
    label.htmlFor = toggle.id;
    label.append(toggle, document.createTextNode(policy.title[lang]));
    legend.appendChild(label);
    set.appendChild(legend);
    toggle.addEventListener('change', () => {
      state = { ...state, off: toggle.checked ? state.off.filter((k) => k !== policy.index) : [...state.off, policy.index].sort((a, b) => a - b) };
      set.className = toggle.checked ? '' : 'off';
      set.querySelectorAll<HTMLInputElement>('input[type=range]').forEach((input) => (input.disabled = !toggle.checked));
      changed();
    });
    model.levers.forEach((lever, k) => {
      if (lever.policy !== policy.index) return;
      const box = document.createElement('div');
      box.className = 'lever';
      const input = document.createElement('input');
      input.type = 'range';
      input.id = `lever-${k}`;
      input.min = String(lever.range[0]);
      input.max = String(lever.range[1]);
      input.step = String(lever.step);
      input.value = String(state.values[k]);
      input.disabled = state.off.includes(policy.index);
      input.dataset.path = lever.path;
      const text = document.createElement('label');
      text.htmlFor = input.id;
      const name = document.createElement('span');
      name.textContent = lever.label[lang];
      const out = document.createElement('output');
      out.htmlFor.add(input.id);
      out.textContent = shown(state.values[k], lever.unit);
      text.append(name, out);
      input.setAttribute('aria-valuetext', out.textContent);
      input.addEventListener('input', () => {
        const value = Number(input.value);
        state = { ...state, values: state.values.map((v, j) => (j === k ? value : v)) };
        out.textContent = shown(value, lever.unit);
        input.setAttribute('aria-valuetext', out.textContent);
        changed();
      });
      box.append(text, input);
      set.appendChild(box);
    });
    panel.appendChild(set);
  }
}

let pending: ReturnType<typeof setTimeout> | undefined;

/** A lever moved: the URL follows at once, the run after a pause in the movement (a run under way is cancelled). */
function changed(): void {
  history.replaceState(null, '', `#${stateQuery(model, state, lang)}`);
  if (pending) clearTimeout(pending);
  pending = setTimeout(run, 120);
}

// ---- the page's words, downloads ---------------------------------------------------------------------------------

function words(): void {
  const t = TEXT[lang];
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = model.title[lang];
  document.getElementById('title')!.textContent = model.title[lang];
  document.getElementById('summary')!.textContent = model.summary[lang];
  document.getElementById('lang-switch')!.textContent = t.switchLang;
  document.getElementById('download-yaml')!.textContent = t.yaml;
  document.getElementById('download-csv')!.textContent = t.csv;
  document.getElementById('reset')!.textContent = t.reset;
}

function download(name: string, text: string, type: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** The scenario at the levers, runnable with `sim --scenario` (the whole scenario: it extends nothing). */
function scenarioYaml(): string {
  const scenario = scenarioAt(model, state);
  const { runs, seed, years, scale } = model.settings;
  const header =
    `# Written by the explorer (${model.version}) from ${model.file}, with its levers where they were:\n` +
    `#   ${location.hash ? decodeURIComponent(location.hash.slice(1)) : 'the scenario as written'}\n` +
    `# Run it with: sim --scenario ${model.name}-explored.yaml\n`;
  return header + yaml({ ...scenario, name: `${model.name}-explored`, run: { ...scenario.run, runs, seed, years, scale } }, { lineWidth: 0 });
}

document.getElementById('lang-switch')!.addEventListener('click', () => {
  lang = lang === 'zh' ? 'en' : 'zh';
  words();
  buildLevers();
  history.replaceState(null, '', `#${stateQuery(model, state, lang)}`);
  if (last) draw(last.view, last.scenario);
});
document.getElementById('download-yaml')!.addEventListener('click', () => download(`${model.name}-explored.yaml`, scenarioYaml(), 'text/yaml'));
document.getElementById('download-csv')!.addEventListener('click', () => {
  if (!last) return;
  const text = csv(last.view.summary, { columns: ['year', 'metric', 'mean', 'p5', 'p95'], cast: csvCast, header: true });
  download(`${model.name}-explored-summary.csv`, text, 'text/csv');
});
document.getElementById('reset')!.addEventListener('click', () => {
  state = initialState(model);
  buildLevers();
  changed();
});

words();
buildLevers();
history.replaceState(null, '', `#${stateQuery(model, state, lang)}`);
run();
