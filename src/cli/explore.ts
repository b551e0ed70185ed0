// `sim explore`: writes explorer.html for a scenario with policies and says where it is and how to open it.
import { writeExplorer } from '../explore/explore.js';
import { loadScenario } from '../scenario/load.js';
import { outputsIn, wrap } from './layout.js';
import { runOptionsOf } from './options.js';
import type { CommandAction } from './session.js';

export const explore: CommandAction = async (args, { context }) => {
  const { threads: _threads, ...options } = await runOptionsOf(args);
  const loaded = await loadScenario(String(args.scenario), { cwd: context.cwd });
  const written = writeExplorer(loaded, {
    ...options,
    uncertainty: args.uncertainty as 'posterior' | 'none' | undefined,
    lang: args.lang as 'zh' | 'en',
    out: args.out as string | undefined,
    cwd: context.cwd,
  });
  if (args.quiet) {
    context.stdout.write(written.dir + '\n');
    return;
  }
  const { model } = written;
  const { runs, scale, years, seed } = model.settings;
  context.stdout.write(
    wrap(
      `explore: ${model.name}, ${model.levers.length} levers over ${model.policies.length} policies; each setting runs ${runs} paired runs × ${years} years ` +
        `at ${scale} persons per agent, seed ${seed}${model.posterior ? ', parameters drawn from the posterior' : ''}`,
    ) +
      outputsIn(written.dir, context.cwd, ['explorer.html']) +
      wrap('Open explorer.html in a browser (it needs no network); the same figures come from sim --scenario with the YAML it downloads.'),
  );
};
