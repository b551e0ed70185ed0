// `sim sweep` and `sim sensitivity`: parameter grids and samples, one-at-a-time and Morris screening. STUB: being written.
import { UsageError } from '../scenario/errors.js';
import type { CliCommand } from './commands.js';

export const sweepCommand: CliCommand = {
  command: 'sweep',
  describe: 'Run a scenario over a grid or a sample of parameter values (not yet available)',
  builder: (y) => y,
  run: async () => {
    throw new UsageError('sim sweep is not available yet');
  },
};

export const sensitivityCommand: CliCommand = {
  command: 'sensitivity',
  describe: 'Which assumptions drive the answer: one-at-a-time and Morris screening (not yet available)',
  builder: (y) => y,
  run: async () => {
    throw new UsageError('sim sensitivity is not available yet');
  },
};
