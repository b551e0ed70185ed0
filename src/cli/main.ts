// The `sim` command line: parses arguments, runs the command's work (library calls), prints what went wrong plainly.
import yargs from 'yargs';
import { packageInfo } from '../output/record.js';
import { formatIssue, PluginRunError, ScenarioError } from '../core/errors.js';
import { UsageError } from '../core/errors.js';
import { options as optionMessages } from '../core/messages.js';
import { COMMANDS, commandNames, declaredOptions, type CliCommand } from './commands.js';
import { EXIT, processContext, type CliContext } from './context.js';
import { withSession } from './session.js';
import { COMPLETION_FLAG, completions } from './completion.js';
import { argumentProblem } from './options.js';

export type { CliContext };

/** Runs the command line `argv` (without "node sim") and returns the exit code: 0 ok, 1 unexpected error, 2 usage or scenario error. */
export async function main(argv: string[], context: CliContext = processContext()): Promise<number> {
  try {
    if (argv[0] === COMPLETION_FLAG) {
      // The completion script asking for the candidates of the word being typed (src/cli/completion.ts).
      const candidates = completions(argv.slice(1), COMMANDS);
      context.stdout.write(candidates.map((c) => c + '\n').join(''));
      return EXIT.ok;
    }
    const parsed = await parseArguments(argv, context);
    if (typeof parsed === 'number') return parsed;
    const { command, args } = parsed;
    let code: number = EXIT.ok;
    await withSession(context, args.quiet === true, async (session) => void (code = (await (await command.action())(args, session)) ?? EXIT.ok), main);
    return code;
  } catch (error) {
    return report(error, context);
  }
}

/** The command asked for and its arguments, or an exit code when there is nothing more to do (help, version, bad arguments). */
async function parseArguments(argv: string[], context: CliContext): Promise<{ command: CliCommand; args: Record<string, unknown> } | number> {
  let chosen: { command: CliCommand; args: Record<string, unknown> } | undefined;
  const parser = yargs(argv)
    .scriptName('sim')
    .usage(
      '$0 --scenario FILE [options]\n$0 validate FILE\n\nSimulates talent flows between Bazhong, Chengdu, Chongqing and elsewhere and writes tidy CSV tables.',
    );
  for (const command of COMMANDS)
    parser.command(command.command, command.describe, command.builder, (args) => {
      chosen = { command, args: args as Record<string, unknown> };
    });
  parser
    .example('$0 --scenario baseline', 'Run scenarios/baseline.yaml with its own settings')
    .example('$0 -s baseline --runs 50 --seed 7', '50 replications from master seed 7')
    .example('$0 -s my.yaml --years 20 -o results/my', '20 years, outputs in results/my/')
    .example('$0 -s subsidy --lang en', 'Charts and report.html in English')
    .example('$0 -s baseline --scale 1 --threads 8', 'Full scale (one agent a person) on 8 threads')
    .example('$0 validate my-policy.yaml', 'Check a scenario and list its problems with line numbers')
    .epilogue(
      'Outputs: timeseries.csv, flows.csv, summary.csv, summary-runs.csv, cohorts.csv, policies.csv, policies-summary.csv and run.json, ' +
        'plus charts (.vl.json, .svg, .png) and report.html, which opens offline in a browser. ' +
        'Exit codes: 0 ok, 1 unexpected error, 2 usage or scenario error, 3 sim merge wrote the next round of a plan, 130 interrupted (Ctrl-C), 143 terminated (SIGTERM); interrupted or terminated, nothing is written.',
    )
    .strict()
    // Values stay as typed (options.ts makes numbers of them), so that a message quotes "1e9", not 1000000000.
    .parserConfiguration({ 'parse-numbers': false, 'parse-positional-numbers': false, 'populate--': true })
    .version(packageInfo().version)
    .help()
    .alias('help', 'h')
    .exitProcess(false)
    .wrap(Math.min(110, process.stdout.columns ?? 100));

  // With a callback, yargs hands over its output (help, version, error text) instead of printing and exiting.
  const { error, output } = await new Promise<{ error?: Error; output: string }>((done) =>
    parser.parse(argv, {}, (error: Error | undefined | null, _args: unknown, output: string) => done({ error: error ?? undefined, output })),
  );
  if (error) {
    // yargs reports our coercions' UsageErrors as its own errors, with their message; options.ts words the others.
    const { message, hint } = await argumentProblem(error.message, argv, declaredOptions(), commandNames());
    context.stderr.write(`error: ${message}\n    fix: ${hint}\n`);
    return EXIT.usage;
  }
  if (chosen && chosen.command.command !== 'plan' && (chosen.args['--'] as unknown[] | undefined)?.length) {
    // Only sim plan takes a command line after --; elsewhere the words after it would be dropped unread.
    const { message, hint } = optionMessages.wordsAfterDashes();
    context.stderr.write(`error: ${message}\n    fix: ${hint}\n`);
    return EXIT.usage;
  }
  if (!chosen) {
    // --help or --version: yargs produced the text and ran no command.
    if (output) context.stdout.write(output + '\n');
    return EXIT.ok;
  }
  return chosen;
}

/**
 * A stack trace with the frames of a plugin that tsx compiled to a `data:` URL (a TypeScript plugin outside an ESM
 * package) shown by the plugin's path instead of the whole compiled source.
 */
export function readableStack(stack: string): string {
  return stack.replace(/data:text\/javascript,\S*?\?filePath=([^\s):]+)/g, (_, path: string) => decodeURIComponent(path).replace(/\?namespace=[\w-]+$/, ''));
}

/** Prints an error the way users should see it: `error: …` lines, no stack trace unless SIM_DEBUG is set. */
function report(error: unknown, context: CliContext): number {
  if (error instanceof ScenarioError) {
    for (const issue of error.issues) context.stderr.write(`error: ${formatIssue(issue)}\n`);
    const n = error.issues.length;
    context.stderr.write(`${n} problem${n === 1 ? '' : 's'} found in the scenario\n`);
    return EXIT.usage;
  }
  if (error instanceof UsageError) {
    context.stderr.write(`error: ${error.message}\n`);
    return EXIT.usage;
  }
  if (error instanceof PluginRunError) {
    // The plugin's own stack (it may have crossed from a worker thread as text), for its author to follow.
    context.stderr.write(`error: ${error.message}\n`);
    if (context.env.SIM_DEBUG && error.fault.stack) context.stderr.write(readableStack(error.fault.stack) + '\n');
    return EXIT.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  context.stderr.write(`error: unexpected: ${message}\n`);
  if (context.env.SIM_DEBUG && error instanceof Error && error.stack) context.stderr.write(error.stack + '\n');
  else context.stderr.write('    (this is a bug; set SIM_DEBUG=1 to see the stack trace, and please report it)\n');
  return EXIT.unexpected;
}
