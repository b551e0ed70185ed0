// Test runner settings: every test under test/, and a JSON report that .ci/run reads for its pass/fail count.
import { defineConfig } from 'vitest/config';

/** Test files that mock modules (vi.mock): each runs with its own module registry, so its mocks reach no other file. */
const MOCKING = ['test/charts/report.test.ts', 'test/cli/session.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default', ['json', { outputFile: '.vitest-results.json' }]],
    projects: [
      // Most files share their worker's loaded modules (isolate: false): loading src/ once per worker, not once per
      // file, takes a third off the suite's time. No file here mocks a module or leaves global state behind.
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: MOCKING, isolate: false } },
      { extends: true, test: { name: 'isolated', include: MOCKING } },
    ],
  },
});
