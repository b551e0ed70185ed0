// `sim validate FILE`: checks a scenario (schema and cross-references) without running it.
import { shortPath } from '../output/folder.js';
import { formatWhole } from '../output/format.js';
import { loadScenario } from '../scenario/load.js';
import type { CommandAction } from './session.js';

export const validate: CommandAction = async (args, { context }) => {
  const { resolved, file } = await loadScenario(String(args.file), { cwd: context.cwd });
  const persons = resolved.populations.reduce((sum, p) => sum + p.count, 0);
  const ranged = resolved.assumptions.filter((a) => a.range).length;
  context.stdout.write(
    `${shortPath(file, context.cwd)}: ok — ${resolved.locations.length} locations, ${resolved.populations.length} populations ` +
      `(${formatWhole(persons)} persons), ${ranged} assumptions with ranges\n`,
  );
};
