// `sim report DIR`: a sweep's or sensitivity analysis's folder written again from its own files — another outcome,
// another language, a changed chart — without running the model again.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { counted } from '../core/messages.js';
import type { Lang } from '../output/format.js';
import { writeReloaded } from '../publish.js';
import { reloadFolder } from '../reload/folder.js';
import type { CommandAction } from './session.js';
import { fontOf, printWarnings, takeRenamed } from './options.js';
import { outputsIn, wrap } from './layout.js';

/** The language of the folder's report.html (its <html lang>), so that a report written again keeps it unless --lang says otherwise. */
function folderLang(dir: string): Lang {
  const file = join(dir, 'report.html');
  if (!existsSync(file)) return 'zh';
  return /<html lang="en"/.test(readFileSync(file, 'utf8').slice(0, 2000)) ? 'en' : 'zh';
}

export const report: CommandAction = async (given, { context }) => {
  const args = takeRenamed(given, context.stderr);
  const given_dir = String(args.dir);
  const dir = resolve(context.cwd, given_dir);
  const reloaded = reloadFolder(dir, given_dir);
  const font = await fontOf(args, context.env, context.cwd);
  const lang = (args.lang as Lang | undefined) ?? folderLang(dir);
  const written = await writeReloaded(reloaded, {
    out: (args.out as string | undefined) ?? dir,
    cwd: context.cwd,
    metric: args.metric as string | undefined,
    horizon: args.horizon as number | undefined,
    lang,
    font,
  });
  printWarnings(written.warnings, context.stderr);
  const { result } = reloaded;
  const s = result.outcome.settings;
  context.stdout.write(
    args.quiet
      ? written.dir + '\n'
      : wrap(
          `${reloaded.command} of ${result.base.resolved.name} written again from ${given_dir}: ${counted(result.plan.points.length, 'point')} × ${counted(s.runs, 'run')}, no model run`,
        ) +
          outputsIn(
            written.dir,
            context.cwd,
            written.files.map((f) => f.name),
          ),
  );
};
