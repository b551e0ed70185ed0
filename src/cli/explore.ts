// `sim explore`: writes explorer.html for a scenario with policies and says where it is and how to open it.
import { writeExplorer } from '../explore/explore.js';
import { explore as messages } from '../core/messages.js';
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
  const { runs, years, scale, seed } = model.settings;
  const { message, hint } = messages.written(model.name, model.levers.length, model.policies.length, runs, years, scale, seed, Boolean(model.posterior));
  context.stdout.write(wrap(message) + outputsIn(written.dir, context.cwd, ['explorer.html']) + wrap(hint!));
};
