// Every `sim` command: its arguments and options, and the module that does its work, loaded only when it runs.
import type { Argv } from 'yargs';
import { DEFAULT_RANKING_METRIC, RANKING_METRICS } from '../compare/compare.js';
import { SUMMARY_METRIC_NAMES } from '../core/rows.js';
import {
  fontOption,
  horizonOption,
  langOption,
  metricOption,
  maxModelRunsOption,
  numberOption,
  once,
  optionNames,
  outOption,
  quietOption,
  renamedOptions,
  runOptions,
  scenarioOption,
  uncertaintyOption,
  whole,
} from './options.js';
import type { CommandAction } from './session.js';

export interface CliCommand {
  command: string;
  describe: string;
  builder: (y: Argv) => Argv;
  /** Loads the command's work: only a command that runs loads the model, the scenario loader and the charts. */
  action: () => Promise<CommandAction>;
}

/**
 * --metric and --horizon of sweep and sensitivity: the names compare uses for the same idea. The old names, --outcome
 * and --year, still work, hidden, with a note (takeRenamed).
 */
function outcomeOptions(y: Argv, verb: string): Argv {
  return renamedOptions(
    horizonOption(
      metricOption(y, SUMMARY_METRIC_NAMES, `Summary metric ${verb}. Default: netRetention.`),
      `Calendar year of the metric. Default: the last simulated year.`,
    ),
    ['outcome', 'year'],
  );
}

const run: CliCommand = {
  command: '$0',
  describe: "Run a scenario's replications and write their outputs",
  builder: (y) =>
    uncertaintyOption(langOption(quietOption(outOption(runOptions(scenarioOption(y), "the scenario's", 'runs'), 'output/<scenario name>')))).option(
      'counterfactual',
      {
        type: 'boolean',
        default: true,
        describe:
          'With policies, also run the same scenario without them, with the same seeds, and open the summary and report with the difference (difference.csv). --no-counterfactual skips it and halves the runs.',
      },
    ),
  action: async () => (await import('./run.js')).run,
};

const validate: CliCommand = {
  command: 'validate <file>',
  describe: 'Check a scenario file (schema and cross-references) without running it',
  builder: (y) => y.positional('file', { type: 'string', describe: 'Scenario file (YAML)' }),
  action: async () => (await import('./validate.js')).validate,
};

const compare: CliCommand = {
  command: 'compare [scenarios..]',
  describe: 'Run scenarios with the same seeds and compare them against a baseline: compare.csv, ranking.csv, runs.csv',
  builder: (y) =>
    langOption(
      quietOption(
        outOption(
          runOptions(
            maxModelRunsOption(
              uncertaintyOption(
                horizonOption(
                  metricOption(y, RANKING_METRICS, "Metric of the ranking's effect (scenario − baseline in the horizon year).", DEFAULT_RANKING_METRIC),
                  'Calendar year at which the ranking compares the scenarios. Default: the last simulated year.',
                ),
                "the baseline's",
              ),
            )
              .positional('scenarios', {
                type: 'string',
                array: true,
                describe: 'Scenario files or globs (e.g. "scenarios/*.yaml"); a bare name is also looked up in the package\'s scenarios/ folder.',
              })
              .option('baseline', {
                alias: 'b',
                type: 'string',
                requiresArg: true,
                default: 'baseline.yaml',
                coerce: once('baseline', 'baseline.yaml', 'a scenario file'),
                describe: 'The scenario every other is paired against; run once if also listed.',
              }),
            "the baseline's",
            'scenarios × runs',
            {
              runs: 'Replications of each scenario',
              seed: 'Master seed, the same for every scenario: run k of each is paired with run k of the baseline',
              threads: 'Threads for the runs of all the scenarios together; outputs are identical for any count',
            },
          ),
          'output/compare',
        ),
        'table',
      ),
    )
      .example('$0 compare "scenarios/*.yaml" --runs 20', 'Every shipped scenario against baseline.yaml, 20 paired runs each')
      .example('$0 compare flexible enclave subsidy --horizon 2030 --lang en', 'Three policies ranked at 2030; charts in English'),
  action: async () => (await import('./compare.js')).compare,
};

/** Runs per point and the seed shared by every point: what sweeps and sensitivity analyses say about their runs. */
const POINT_RUNS = {
  runs: 'Replications per point',
  seed: 'Master seed, the same for every point (common random numbers); it also seeds the sample or the Morris design',
} as const;

const sweep: CliCommand = {
  command: 'sweep',
  describe: 'Run a scenario over a grid of parameter values, or a Latin hypercube sample of its declared ranges',
  builder: (y) =>
    outcomeOptions(
      maxModelRunsOption(
        uncertaintyOption(
          langOption(quietOption(outOption(runOptions(scenarioOption(y), "the scenario's", 'model runs', POINT_RUNS), 'output/<scenario name>-sweep'))),
        ),
      ),
      'charted',
    )
      .option('vary', {
        type: 'string',
        array: true,
        requiresArg: true,
        describe:
          'PATH=v1,v2,… (or PATH=low:high:n): a parameter and its values; repeat for a grid. With --sample lhs: PATH alone, to sample only these. PATH is a field path such as utility.income.coefficient or locations.bazhong.wage.top.',
      })
      .option('sample', {
        choices: ['grid', 'lhs'],
        default: 'grid',
        coerce: once('sample'),
        describe: 'grid: every combination of the --vary values; lhs: a Latin hypercube sample of the declared ranges.',
      })
      .option('n', {
        requiresArg: true,
        describe: 'Points of an lhs sample. Default: 20.',
        coerce: numberOption('n', 20, whole(1, 100000)),
      })
      .example('$0 sweep -s baseline --vary locations.bazhong.wage.top=180000,220000,260000', "Three values of Bazhong's top-talent wage")
      .example('$0 sweep -s baseline --vary utility.income.coefficient=0.8:2:4 --vary utility.hometown.coefficient=0.5,2', 'A 4 × 2 grid')
      .example('$0 sweep -s baseline --sample lhs -n 30 --runs 3', '30 points sampled from every declared range'),
  action: async () => (await import('./experiments.js')).sweep,
};

const sensitivity: CliCommand = {
  command: 'sensitivity',
  describe: "Which assumptions drive the answer: one-at-a-time (tornado chart), Morris screening and Sobol' indices over the declared ranges",
  builder: (y) =>
    outcomeOptions(
      maxModelRunsOption(
        langOption(quietOption(outOption(runOptions(scenarioOption(y), "the scenario's", 'model runs', POINT_RUNS), 'output/<scenario name>-sensitivity'))),
      ),
      'analysed',
    )
      .option('method', {
        choices: ['oat', 'morris', 'sobol'],
        default: 'oat',
        coerce: once('method'),
        describe:
          "oat: each parameter at the low and high end of its range, the others at their values (2k + 1 points); morris: elementary effects, μ* and σ (r (k + 1) points); sobol: first-order and total Sobol' indices with bootstrap intervals (n (k + 2) points).",
      })
      .option('vary', {
        type: 'string',
        array: true,
        requiresArg: true,
        describe: 'Analyse only these parameters (default: every declared range). PATH=low,high gives the range for a parameter.',
      })
      .option('trajectories', {
        alias: 'r',
        requiresArg: true,
        describe: 'Morris trajectories. Default: 4.',
        coerce: numberOption('trajectories', 4, whole(1, 1000)),
      })
      .option('levels', {
        alias: 'p',
        requiresArg: true,
        describe: 'Morris grid levels, even. Default: 4.',
        coerce: numberOption('levels', 4, { ...whole(2, 100), takes: 'an even whole number from 2 to 100' }),
      })
      .option('n', {
        requiresArg: true,
        describe: "Sobol' base samples: n (k + 2) points for k parameters. Default: 64.",
        coerce: numberOption('n', 64, whole(2, 100000)),
      })
      .option('ranges', {
        choices: ['declared', 'posterior'],
        coerce: once('ranges'),
        describe:
          "Where sobol samples the parameters: declared (default), uniformly over their declared ranges; posterior, each parameter of the scenario's posterior from its weighted marginal.",
      })
      .option('top', {
        requiresArg: true,
        describe: "Bars in the tornado or Sobol' chart (default 20) or labels in the Morris chart (default 15); the CSV lists every parameter.",
        coerce: numberOption('top', 20, whole(1, 10000)),
      })
      .example('$0 sensitivity -s baseline --runs 3 --years 5', 'Tornado chart of net retention in 2028 over every declared range')
      .example('$0 sensitivity -s baseline --method morris -r 4 --runs 3 --years 5 --metric recruited', 'Morris screening of the talent brought in')
      .example('$0 sensitivity -s baseline --vary utility.income.coefficient --vary taste.sd', 'Only two parameters')
      .example(
        '$0 sensitivity -s baseline --method sobol -n 64 --vary utility.income.coefficient --vary taste.sd --runs 2',
        "Sobol' indices of two parameters",
      ),
  action: async () => (await import('./experiments.js')).sensitivity,
};

const robustness: CliCommand = {
  command: 'robustness',
  describe: 'Run every policy and the baseline in the same futures: how robust each policy is, its regret, and where it fails (PRIM)',
  builder: (y) =>
    langOption(
      quietOption(
        outOption(
          runOptions(
            maxModelRunsOption(
              horizonOption(
                metricOption(y, RANKING_METRICS, 'Metric of the effect (policy − baseline in the horizon year).', DEFAULT_RANKING_METRIC),
                'Calendar year of the effect. Default: the last simulated year.',
              ),
            ),
            "the baseline's",
            'scenarios × futures × runs',
            {
              runs: 'Replications of each scenario in each future',
              seed: 'Master seed, the same for every scenario in every future (paired runs); it also seeds the futures',
              threads: 'Threads for all the runs; outputs are identical for any count',
            },
          ),
          'output/robustness',
        ),
      ),
    )
      .option('policies', {
        alias: 'p',
        type: 'string',
        array: true,
        requiresArg: true,
        describe: 'Policy scenario files or globs (e.g. "scenarios/*.yaml"); the baseline is left out if listed.',
      })
      .option('baseline', {
        alias: 'b',
        type: 'string',
        requiresArg: true,
        default: 'baseline.yaml',
        coerce: once('baseline', 'baseline.yaml', 'a scenario file'),
        describe: 'The scenario every policy is paired against in each future.',
      })
      .option('futures', {
        alias: 'n',
        requiresArg: true,
        describe: 'Futures (settings of the uncertain parameters). Default: 50.',
        coerce: numberOption('futures', 50, whole(2, 100000)),
      })
      .option('futures-from', {
        choices: ['ranges', 'posterior'],
        default: 'ranges',
        coerce: once('futures-from'),
        describe: "ranges: a Latin hypercube of the baseline's declared ranges outside its policies; posterior: particles of its posterior drawn by weight.",
      })
      .option('vary', {
        type: 'string',
        array: true,
        requiresArg: true,
        describe: 'Draw futures over only these parameters (field paths with a declared range). Default: every range outside policies.',
      })
      .option('discover', {
        type: 'string',
        array: true,
        requiresArg: true,
        describe: 'Policies (scenario names) whose failure to beat the baseline PRIM explains. Default: every policy.',
      })
      .option('alpha', {
        requiresArg: true,
        describe: "PRIM's peeling share: each step cuts off this share of the box's futures. Default: 0.05.",
        coerce: numberOption('alpha', 0.05, { min: 0.001, max: 0.49, takes: 'a number from 0.001 to 0.49' }),
      })
      .option('min-support', {
        requiresArg: true,
        describe: 'PRIM stops before a box holds less than this share of the futures. Default: 0.05.',
        coerce: numberOption('min-support', 0.05, { min: 0.001, max: 0.99, takes: 'a number from 0.001 to 0.99' }),
      })
      .option('threshold', {
        requiresArg: true,
        describe: 'Density the chosen PRIM box should reach. Default: 0.8.',
        coerce: numberOption('threshold', 0.8, { min: 0.01, max: 1, takes: 'a number from 0.01 to 1' }),
      })
      .example('$0 robustness --policies "scenarios/*.yaml" --futures 50 --runs 5', 'Every shipped policy in 50 futures, 5 paired runs each')
      .example('$0 robustness -p flexible enclave --futures-from posterior -n 30 --lang en', 'Two policies in 30 futures drawn from the posterior'),
  action: async () => (await import('./robustness.js')).robustness,
};

const calibrate: CliCommand = {
  command: 'calibrate',
  describe: "Fit the scenario's behavioural parameters to target moments: a posterior ensemble (ABC-SMC) and a point fit (simulated moments)",
  builder: (y) =>
    langOption(
      quietOption(
        outOption(
          runOptions(scenarioOption(y), "the scenario's", 'particles', {
            runs: 'Not used: see --particles and --fit-runs',
            seed: 'Master seed of every model run and of the sampler',
            years: 'Not used: the targets decide the years simulated',
          }),
          'output/<scenario name>-calibration',
        ),
      ),
    )
      .option('targets', {
        alias: 't',
        type: 'string',
        requiresArg: true,
        coerce: once('targets', 'targets.yaml', 'a file'),
        describe:
          "Targets file (YAML): the parameters to fit and the moments to fit them to. Looked up in the working directory, then in the package's scenarios/calibration/. Default: targets.yaml (the shipped targets).",
      })
      .option('particles', {
        requiresArg: true,
        describe: 'Particles of the posterior ensemble. Default: 120.',
        coerce: numberOption('particles', 120, whole(10, 100000)),
      })
      .option('generations', {
        requiresArg: true,
        describe: 'Most ABC-SMC generations (it stops earlier when proposals are rarely accepted). Default: 6.',
        coerce: numberOption('generations', 6, whole(1, 100)),
      })
      .option('fit-runs', {
        requiresArg: true,
        describe: 'Replications per point of the simulated-moments point fit (common random numbers). Default: 4.',
        coerce: numberOption('fit-runs', 4, whole(1, 1000)),
      })
      .option('resume', {
        type: 'boolean',
        default: false,
        describe: 'Go on from the state an interrupted calibration saved beside its output folder.',
      })
      .example('$0 calibrate -s baseline --targets targets.yaml', 'Fit the baseline to the shipped targets')
      .example('$0 calibrate -s baseline -t targets.yaml --scale 40 --particles 100 --generations 3', 'A quicker, coarser calibration')
      .example('$0 calibrate -s baseline -t targets.yaml --resume', 'Go on after an interruption'),
  action: async () => (await import('./calibrate.js')).calibrateCommand,
};

const completion: CliCommand = {
  command: 'completion [shell]',
  describe: 'Print a completion script for bash or zsh (default: the shell of $SHELL); see the README for installing it',
  builder: (y) =>
    y
      .positional('shell', { type: 'string', choices: ['bash', 'zsh'], describe: 'The shell: bash or zsh' })
      .example('$0 completion bash >> ~/.bashrc', 'Complete commands, options and scenario names in new bash shells')
      .example('$0 completion zsh >> ~/.zshrc', 'The same in zsh (after compinit)'),
  action: async () => (await import('./completion.js')).completion,
};

const explore: CliCommand = {
  command: 'explore',
  describe: 'Write explorer.html: move policy levers in a browser and see talent and cost change, offline',
  builder: (y) => {
    const scenario = y.option('scenario', {
      alias: 's',
      type: 'string',
      requiresArg: true,
      default: 'combined.yaml',
      coerce: once('scenario', 'combined', 'a scenario file'),
      describe: "Scenario file (YAML) with policies; a bare name is also looked up in the package's scenarios/ folder.",
    });
    for (const [name, describe] of [
      ['runs', "Paired replications the page runs for each setting of the levers. Default: the scenario's run.runs"],
      ['seed', "Master seed of the page's runs. Default: the scenario's run.seed"],
      ['years', "Simulated years. Default: the scenario's run.years"],
      ['scale', 'Persons per agent in the page (1 is full scale; larger is faster). Default: 40'],
    ] as const)
      scenario.option(name, { requiresArg: true, describe: `${describe}.`, coerce: once(name) });
    return langOption(quietOption(outOption(uncertaintyOption(scenario), 'output/<scenario name>-explorer')))
      .example('$0 explore', 'The whole package (combined.yaml): output/combined-explorer/explorer.html')
      .example('$0 explore -s flexible --lang en --runs 10', 'Flexible hiring, in English, 10 paired runs per setting');
  },
  action: async () => (await import('./explore.js')).explore,
};

/** --plan DIR of plan, shard and merge. */
const planOption = (describe: string) =>
  ({ type: 'string', requiresArg: true, demandOption: true, coerce: once('plan', 'plans/compare', 'a folder'), describe }) as const;

const plan: CliCommand = {
  command: 'plan',
  describe: 'Split an experiment (a run, compare, sweep or sensitivity) into shards for a Slurm job array: plan.json, its scenarios and sbatch.sh',
  builder: (y) =>
    quietOption(y, 'summary')
      .option('plan', planOption('Folder of the plan (written once; the shards add their results to it).'))
      .option('shards', {
        requiresArg: true,
        describe: 'Shards: array tasks of the job. Default: 4.',
        coerce: numberOption('shards', 4, whole(1, 100000)),
        default: 4,
      })
      .option('time', {
        type: 'string',
        requiresArg: true,
        default: '02:00:00',
        coerce: once('time', '02:00:00'),
        describe: 'Wall-time limit of each shard (#SBATCH --time).',
      })
      .option('mem', { type: 'string', requiresArg: true, default: '4G', coerce: once('mem', '4G'), describe: 'Memory of each shard (#SBATCH --mem).' })
      .option('cpus', {
        requiresArg: true,
        default: 4,
        describe: 'CPUs of each shard, its threads (#SBATCH --cpus-per-task).',
        coerce: numberOption('cpus', 4, whole(1, 256)),
      })
      .option('partition', {
        type: 'string',
        requiresArg: true,
        coerce: once('partition', 'short'),
        describe: "Slurm partition (#SBATCH --partition). Default: the cluster's.",
      })
      .example('$0 plan --plan plans/cmp --shards 4 -- compare "scenarios/*.yaml" --runs 20', 'Every shipped scenario against the baseline, in 4 array tasks')
      .example('$0 plan --plan plans/lhs --shards 50 --time 04:00:00 -- sweep -s baseline --sample lhs -n 1000', 'A large sample in 50 array tasks'),
  action: async () => (await import('./plan.js')).plan,
};

const shard: CliCommand = {
  command: 'shard',
  describe: "Run one shard of a plan (what each array task of its sbatch.sh does); a complete shard's results are kept",
  builder: (y) =>
    quietOption(y, 'summary')
      .option('plan', planOption('Folder of the plan.'))
      .option('index', {
        requiresArg: true,
        demandOption: true,
        describe: 'The shard: 0 … shards − 1 ($SLURM_ARRAY_TASK_ID).',
        coerce: numberOption('index', 0, whole(0, 99999)),
      })
      .option('threads', { requiresArg: true, describe: 'Threads of this shard. Default: one per CPU.', coerce: numberOption('threads', 4, whole(1, 256)) })
      .example('$0 shard --plan plans/cmp --index 3', 'Run (or rerun) shard 3 here'),
  action: async () => (await import('./plan.js')).shard,
};

const merge: CliCommand = {
  command: 'merge',
  describe: "Check that every shard of a plan is there and complete, then write the planned command's usual outputs from them",
  builder: (y) =>
    quietOption(y, 'summary')
      .option('plan', planOption('Folder of the plan.'))
      .example('$0 merge --plan plans/cmp', 'The outputs of the planned compare, as if run here'),
  action: async () => (await import('./plan.js')).merge,
};

const report: CliCommand = {
  command: 'report <dir>',
  describe:
    "Write a comparison's, sweep's, sensitivity or robustness analysis's or calibration's tables, charts and report.html again from its folder, without running the model",
  builder: (y) =>
    renamedOptions(
      horizonOption(
        metricOption(
          quietOption(outOption(y.positional('dir', { type: 'string', describe: 'The result folder (it holds run.json)' }), 'the folder itself')),
          SUMMARY_METRIC_NAMES,
          'Summary metric charted (and ranked by, for sensitivity; a robustness folder holds only its own). Default: the one the folder charted.',
        ),
        "Calendar year of the metric. Default: the folder's.",
      ),
      ['outcome', 'year'],
    )
      .option('lang', {
        type: 'string',
        requiresArg: true,
        choices: ['zh', 'en'],
        coerce: once('lang'),
        describe: "Language of the charts and report.html: zh or en. Default: the folder's.",
      })
      .example('$0 report output/baseline-sweep --lang en --out output/baseline-sweep-en', 'The sweep in English, beside the Chinese one')
      .example('$0 report output/baseline-sensitivity --metric residents --horizon 2030', 'The sensitivity of another outcome, in place'),
  action: async () => (await import('./report.js')).report,
};

let declared: string[] = [];

/** The options of the command whose builder ran last, i.e. of the command line being parsed: what a "did you mean" picks from. */
export function declaredOptions(): string[] {
  return declared;
}

/** The commands that draw charts: they take --font. */
const DRAWING: readonly CliCommand[] = [run, compare, sweep, sensitivity, robustness, calibrate, report];

export const COMMANDS: readonly CliCommand[] = [
  run,
  validate,
  compare,
  sweep,
  sensitivity,
  robustness,
  calibrate,
  report,
  plan,
  shard,
  merge,
  explore,
  completion,
].map((command) => ({
  ...command,
  builder: (y: Argv) => {
    const built = DRAWING.includes(command) ? fontOption(command.builder(y)) : command.builder(y);
    declared = optionNames(built);
    return built;
  },
}));

/** The names of the commands other than the default one: validate, compare, … */
export function commandNames(): string[] {
  return COMMANDS.map((command) => command.command.split(' ')[0]).filter((name) => name !== '$0');
}
