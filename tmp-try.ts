import { loadScenarioSync, listScenarios } from './src/scenario/load.js';
import { numericPaths } from './src/scenario/paths.js';
import { flattenParams } from './src/charts/report.js';
import { fieldLabel } from './src/output/labels.js';
const seen = new Set<string>();
for (const f of listScenarios()) {
  const { scenario } = loadScenarioSync(f) as any;
  for (const p of [...numericPaths(scenario), ...flattenParams(scenario).map(r=>r.path)]) {
    const key = p.replace(/(locations|familyStages|industries)[.\[]\w+\]?/,'$1.X').replace(/\[[^\]]+\]/g,'[*]');
    if (seen.has(key) && !process.argv[2]) continue; seen.add(key);
    console.log(`${p}\n   ${fieldLabel(p,'zh',scenario)}\n   ${fieldLabel(p,'en',scenario)}\n   ${fieldLabel(p,'en')}`);
  }
}
