// One chart's files, as the experiments (sweep, sensitivity) write them: files.ts's writeCharts for a single chart.
import type { TopLevelSpec } from 'vega-lite';
import { writeCharts } from './files.js';

/** Writes `<name>.vl.json`, `<name>.svg` and `<name>.png` into a folder; returns the file names. */
export function writeChartFiles(dir: string, name: string, spec: TopLevelSpec): Promise<string[]> {
  return writeCharts(dir, [{ name, spec }]);
}
