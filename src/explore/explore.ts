// `sim explore`: the explored scenario made into the data explorer.html runs in the browser, and the page written
// into its folder all or nothing. Node only (reads the browser bundle; writes files).
import { UsageError } from '../core/errors.js';
import { explore as messages } from '../core/messages.js';
import { writeFolderSync, checkOutputTarget, type WriteOptions, type WrittenOutputs } from '../output/folder.js';
import type { Lang } from '../output/format.js';
import { packageInfo } from '../output/record.js';
import { runSettings } from '../runner/run.js';
import { chooseUncertainty } from '../runner/uncertainty.js';
import { resolveLevers } from '../scenario/levers.js';
import type { LoadedScenario } from '../scenario/load.js';
import { explorePolicy, type ExploreModel } from './engine.js';
import { explorerHtml } from './html.js';

/** Persons per agent the explorer runs at unless told otherwise: a first answer within about a second on a laptop. */
export const EXPLORE_SCALE = 40;

export interface ExploreOptions extends WriteOptions {
  runs?: number;
  seed?: number;
  years?: number;
  /** Persons per agent; default EXPLORE_SCALE. */
  scale?: number;
  uncertainty?: 'posterior' | 'none';
  lang?: Lang;
}

/** What explorer.html holds of a loaded scenario: the scenario, its levers and policies, the settings and posterior. */
export function exploreModel(loaded: LoadedScenario, options: Omit<ExploreOptions, 'out' | 'cwd' | 'lang'> = {}): ExploreModel {
  const { resolved, scenario } = loaded;
  if (scenario.policies.length === 0) throw new UsageError(messages.noPolicies(resolved.name));
  if (scenario.plugins.length) throw new UsageError(messages.plugins(resolved.name));
  if (scenario.terms.length) throw new UsageError(messages.expressions(resolved.name));
  const settings = runSettings(resolved, { ...options, scale: options.scale ?? EXPLORE_SCALE });
  const mode = chooseUncertainty(loaded.posterior, options.uncertainty, resolved.name);
  return {
    name: resolved.name,
    title: resolved.title,
    summary: resolved.summary,
    file: loaded.file,
    scenario,
    levers: resolveLevers(scenario),
    policies: resolved.policies.map(({ spec }, index) => explorePolicy(index, spec.name, spec.type)),
    settings,
    posterior: mode === 'posterior' ? loaded.posterior : undefined,
    version: `${packageInfo().name} ${packageInfo().version}`,
  };
}

/** Writes explorer.html into `out` (default output/<name>-explorer), all or nothing. */
export function writeExplorer(loaded: LoadedScenario, options: ExploreOptions = {}): WrittenOutputs & { model: ExploreModel } {
  const model = exploreModel(loaded, options);
  const dir = checkOutputTarget(`${model.name}-explorer`, options);
  const html = explorerHtml(model, options.lang ?? 'zh');
  return { ...writeFolderSync(dir, (folder) => folder.text('explorer.html', html)), model };
}
