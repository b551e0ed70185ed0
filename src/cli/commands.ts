// The sub-commands beyond running and validating a scenario, each in a file of its own: compare, sweep, sensitivity.
import type { Argv } from 'yargs';
import type { CliContext } from './main.js';
import { compareCommand } from './compare.js';
import { sensitivityCommand, sweepCommand } from './experiments.js';

/** A sub-command: its yargs declaration, and what it does with the parsed arguments. */
export interface CliCommand {
  command: string;
  describe: string;
  builder: (y: Argv) => Argv;
  run(args: Record<string, unknown>, context: CliContext): Promise<void>;
}

export const COMMANDS: CliCommand[] = [compareCommand, sweepCommand, sensitivityCommand];
