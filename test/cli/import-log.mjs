// Module hooks for tests (node --import, see test/cli/help.test.ts): appends every module Node resolves to the file named by SIM_IMPORT_LOG.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(process.env.SIM_IMPORT_LOG, resolved.url + '\n');
  return resolved;
}
