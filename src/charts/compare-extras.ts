// Charts and report.html for a comparison of scenarios, written into its output folder. STUB: being written.
import type { ComparisonData } from '../compare/types.js';

/** Writes the comparison's charts (.vl.json, .svg, .png) and report.html into data.dir; returns the file names. */
export async function writeComparisonExtras(data: ComparisonData): Promise<string[]> {
  void data;
  return [];
}
