// Debian's Chromium for the browser tests: whether it is here, skipping loudly when it is not — but never under CI,
// where .ci/run installs it and its absence is a failure.
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

/** Whether Chromium is installed; throws under CI when it is not, else warns that `page`'s browser test is skipped. */
export function chromiumAvailable(page: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: ${page} cannot be checked in a browser (apt-get install chromium)`);
  console.warn(`\n*** ${CHROMIUM} is missing: the browser test of ${page} is SKIPPED (apt-get install chromium) ***\n`);
  return false;
}
