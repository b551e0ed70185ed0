// `sim report DIR`: a sweep's, sensitivity analysis's, robustness analysis's, comparison's or calibration's folder written again from its own files — another outcome,
// another language, a changed chart — without running the model again.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { counted } from '../core/messages.js';
import type { Lang } from '../output/format.js';
import { writeReloaded } from '../publish.js';
import { reloadFolder, type ReloadedFolder } from '../reload/folder.js';
import type { CommandAction } from './session.js';
import { fontOf, printWarnings, takeRenamed } from './options.js';
import { outputsIn, wrap } from './layout.js';

/** The language of the folder's report.html (its <html lang>), so that a report written again keeps it unless --lang says otherwise. */
function folderLang(dir: string): Lang {
  const file = join(dir, 'report.html');
  if (!existsSync(file)) return 'zh';
  return /<html lang="en"/.test(readFileSync(file, 'utf8').slice(0, 2000)) ? 'en' : 'zh';
}

/** What the folder holds, for the line printed: the command, its scenario or scenarios, and its size. */
function whatWasRead(reloaded: ReloadedFolder): string {
  if (reloaded.command === 'compare') {
    const { scenarios, baseline, settings } = reloaded.prepared;
    return `comparison of ${counted(scenarios.length - 1, 'scenario')} against ${baseline.resolved.name}: ${counted(settings.runs, 'run')} each`;
  }
  if (reloaded.command === 'calibrate') {
    const { base, result, targetsFile } = reloaded;
    return `calibration of ${base.resolved.name} to ${targetsFile}: ${counted(result.factors.length, 'parameter')}, ${counted(result.abc.particles.length, 'particle')}`;
  }
  if (reloaded.command === 'robustness') {
    const { policies, baseline, plan, settings } = reloaded.result.prepared;
    return `robustness of ${counted(policies.length, 'policy', 'policies')} against ${baseline.resolved.name}: ${counted(plan.values.length, 'future')} × ${counted(settings.runs, 'run')}`;
  }
  const { base, plan, outcome } = reloaded.result;
  return `${reloaded.command} of ${base.resolved.name}: ${counted(plan.points.length, 'point')} × ${counted(outcome.settings.runs, 'run')}`;
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
  context.stdout.write(
    args.quiet
      ? written.dir + '\n'
      : wrap(`${whatWasRead(reloaded)} written again from ${given_dir}, no model run`) +
          outputsIn(
            written.dir,
            context.cwd,
            written.files.map((f) => f.name),
          ),
  );
};
