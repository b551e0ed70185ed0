// `sim calibrate --scenario FILE --targets FILE`: fits the parameters a targets file names, writes the result folder
// and prints the fit. Between generations it saves its state beside the output folder, so that `--resume` goes on
// after an interruption (Ctrl-C, a closed laptop) with exactly the result an uninterrupted run gives.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { calibrate, CALIBRATION_DEFAULTS, type CalibrationResult, type CalibrationState } from '../calibration/calibrate.js';
import { identified, targetFigure } from '../calibration/write.js';
import { loadTargets } from '../calibration/targets.js';
import { UsageError } from '../core/errors.js';
import { calibration as messages } from '../core/messages.js';
import { checkFileTarget, checkOutputTarget, replaceFileSync, shortPath, type WrittenOutputs } from '../output/folder.js';
import { formatSeconds, formatSignificant } from '../output/format.js';
import { writeCalibration } from '../publish.js';
import { loadScenario, packageScenarios } from '../scenario/load.js';
import type { CommandAction } from './session.js';
import { fontOf, printWarnings, runOptionsOf } from './options.js';
import { outputsIn, wrap } from './layout.js';

export const calibrateCommand: CommandAction = async (args, { context, progress }) => {
  const options = await runOptionsOf(args);
  const font = await fontOf(args, context.env, context.cwd);
  const loaded = await loadScenario(String(args.scenario), { cwd: context.cwd });
  const targetsFile = findTargetsFile(String(args.targets ?? 'targets.yaml'), context.cwd);
  const targets = loadTargets(targetsFile, loaded);
  const out = { out: args.out as string | undefined, cwd: context.cwd };
  const dir = checkOutputTarget(`${loaded.resolved.name}-calibration`, out);
  // The state lives beside the output folder (which is only written, whole, at the end).
  const stateFile = `${dir}.resume.json`;
  const stateMessage = (error: unknown) => messages.stateUnwritable(error, shortPath(stateFile, context.cwd));
  // Checked now, not after the first generation.
  checkFileTarget(stateFile, stateMessage);
  let resume: CalibrationState | undefined;
  if (args.resume) {
    if (!existsSync(stateFile)) throw new UsageError(messages.nothingToResume(shortPath(stateFile, context.cwd)));
    resume = JSON.parse(readFileSync(stateFile, 'utf8')) as CalibrationState;
  }
  const particles = (args.particles as number | undefined) ?? CALIBRATION_DEFAULTS.particles;
  const generations = (args.generations as number | undefined) ?? CALIBRATION_DEFAULTS.generations;
  const bar = progress('calibrating', 'model runs');
  // The sampler's total is not known in advance: about two proposals per particle and generation is the estimate.
  const estimate = particles * generations * 2;
  const result = await calibrate(loaded, targets, {
    seed: options.seed,
    scale: options.scale,
    threads: options.threads,
    particles,
    generations,
    fitRuns: args['fit-runs'] as number | undefined,
    resume,
    onState: (state) => replaceFileSync(stateFile, JSON.stringify(state), stateMessage),
    onProgress: (done, _total, phase) => bar?.update(done, Math.max(done, estimate), phase),
    stateKeyCheck: (key) => {
      if (resume && resume.key !== key) throw new UsageError(messages.stateOfAnother(shortPath(stateFile, context.cwd)));
    },
  });
  bar?.stop();
  const written = await writeCalibration(loaded, result, { ...out, targetsFile, lang: args.lang as 'zh' | 'en', font });
  printWarnings(written.warnings, context.stderr);
  rmSync(stateFile, { force: true });
  context.stdout.write(args.quiet ? written.dir + '\n' : calibrationSummary(result, written, basename(targetsFile), context.cwd));
};

/**
 * The targets file: `name` in the working directory, then the package's shipped targets (scenarios/calibration/),
 * then scenarios/ (as a scenario is found).
 */
function findTargetsFile(name: string, cwd: string): string {
  const folder = join(packageScenarios, 'calibration');
  const candidates = isAbsolute(name) ? [name] : [resolve(cwd, name), join(folder, name)];
  const found = candidates.find((file) => existsSync(file));
  if (found) return found;
  const shipped = existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.yaml')) : [];
  throw new UsageError(messages.targetsNotFound(name, isAbsolute(name) ? [dirname(name)] : [cwd, folder], shipped));
}

/** The fit in words: distance before and after, each target, the parameters the targets leave open, the wall time. */
export function calibrationSummary(result: CalibrationResult, written: WrittenOutputs, targetsName: string, cwd: string): string {
  let text =
    wrap(
      `calibrated to ${targetsName}: ${result.factors.length} parameters, ${result.abc.particles.length} particles in ${result.abc.history.length} generations, ${result.modelRuns} model runs at ${result.settings.scale} persons per agent, ${formatSeconds(result.wallMs)}`,
    ) +
    outputsIn(written.dir, cwd) +
    wrap(
      `distance (Σ of squared errors in tolerances, fitted targets): ${formatSignificant(result.distanceBefore)} before, ${formatSignificant(result.distanceAfter)} after`,
    ) +
    '\n';
  for (const f of result.fits) {
    const tag = f.target.heldOut ? 'held out' : f.met ? 'met' : 'NOT MET';
    text += wrap(
      `${tag.padEnd(8)} ${f.target.name}: target ${targetFigure(f.target, formatSignificant)} ± ${formatSignificant(f.target.tolerance)}; before ${formatSignificant(f.before)}, fitted ${formatSignificant(f.fitted)} [${formatSignificant(f.ensemble.p5)}–${formatSignificant(f.ensemble.p95)}]`,
      ' '.repeat(13),
      undefined,
      '  ',
    );
  }
  const open = result.parameters.filter((p) => !identified(p.sdRatio)).map((p) => p.factor.label);
  text +=
    '\n' +
    (open.length
      ? wrap(`not identified by these targets (posterior nearly as wide as the prior): ${open.join(', ')}`)
      : 'every fitted parameter is identified\n');
  return text;
}
