// The levers in the page's URL (after #), so that a link shares them: `lang=en`, each lever moved from its value as
// `<path>=<value>`, and `off=<policy indices>` for policies switched off. Browser-safe.
import type { Lang } from '../output/format.js';
import { initialState, type ExploreModel, type LeverState } from './engine.js';

/** The URL fragment (without #) for `state`: only what differs from the scenario as written, and the language. */
export function stateQuery(model: Pick<ExploreModel, 'levers'>, state: LeverState, lang: Lang): string {
  const query = new URLSearchParams();
  query.set('lang', lang);
  model.levers.forEach((lever, k) => {
    if (state.values[k] !== lever.value) query.set(lever.path, String(state.values[k]));
  });
  if (state.off.length) query.set('off', state.off.join(','));
  return query.toString();
}

/**
 * The state a URL fragment names: a lever's value within its range (else the scenario's), policies switched off by
 * index; what it does not name stays as the scenario has it. Unknown keys are ignored (a link from another version).
 */
export function parseState(hash: string, model: Pick<ExploreModel, 'levers' | 'policies'>): { lang?: Lang; state?: LeverState } {
  const query = new URLSearchParams(hash.replace(/^#/, ''));
  const lang = query.get('lang');
  const state = initialState(model);
  let named = false;
  model.levers.forEach((lever, k) => {
    const text = query.get(lever.path);
    if (text === null) return;
    const value = Number(text);
    if (Number.isFinite(value) && value >= lever.range[0] && value <= lever.range[1]) {
      state.values[k] = value;
      named = true;
    }
  });
  const indices = new Set(model.policies.map((p) => p.index));
  const off = (query.get('off') ?? '')
    .split(',')
    .filter((s) => s !== '')
    .map(Number)
    .filter((k) => indices.has(k));
  if (off.length) {
    state.off = [...new Set(off)].sort((a, b) => a - b);
    named = true;
  }
  return { lang: lang === 'zh' || lang === 'en' ? lang : undefined, state: named ? state : undefined };
}
