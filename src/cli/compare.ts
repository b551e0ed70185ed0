// `sim compare`: runs several scenarios with the same seeds, paired against a baseline. STUB: being written.
import { UsageError } from '../scenario/errors.js';
import type { CliCommand } from './commands.js';

export const compareCommand: CliCommand = {
  command: 'compare <scenarios..>',
  describe: 'Run scenarios with the same seeds and compare them against a baseline (not yet available)',
  builder: (y) => y,
  run: async () => {
    throw new UsageError('sim compare is not available yet');
  },
};
