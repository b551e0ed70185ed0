// The layers of src/ and the rules that keep them one-directional (npm run deps:check, part of npm test).
//
// Each layer may import only from the layers before it in LAYERS (README.md, "Layout"):
//   core      the browser-safe model: imports only core files and browser-safe packages
//   policies  the built-in policy modules: core only
//   scenario  schema, resolving, the registry of terms and modules, loading files
//   runner, output, cluster (sim plan, shard, merge), compare, charts, experiments, calibration, publish.ts: running, tables, analyses, charts, fitting,
//             result folders; explore (sim explore) the explorer page, whose script esbuild bundles for the browser
//             (with src/output/format.ts: see formats-are-browser-safe); reload (sim report) reads a result folder back
//             into the result publish.ts writes
//   cli       the thin shell, imported by nothing; index.ts, the library API
const LAYERS = [
  'core',
  'policies',
  'scenario',
  'runner',
  'output',
  'cluster',
  'compare',
  'charts',
  'experiments',
  'calibration',
  'explore',
  'reload',
  'publish.ts',
  'cli',
  'index.ts',
];
const at = (layer) => `^src/${layer.replace('.', '\\.')}${layer.endsWith('.ts') ? '$' : '/'}`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...LAYERS.slice(0, -1).map((layer, k) => ({
      name: `${layer}-imports-no-later-layer`,
      severity: 'error',
      comment: `The layers go one way (LAYERS): ${layer} may import only from ${LAYERS.slice(0, k).join(', ') || 'itself'}.`,
      from: { path: at(layer) },
      to: { path: LAYERS.slice(k + 1).map(at) },
    })),
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'An import cycle ties layers together: move the shared piece down a layer.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-self-contained',
      severity: 'error',
      comment:
        'src/core is the browser-safe model: it imports only src/core files and the browser-safe packages listed here (seedrandom, zod, fastest-levenshtein).',
      from: { path: '^src/core/' },
      to: { pathNot: ['^src/core/', '^node_modules/(seedrandom|zod|fastest-levenshtein)/'] },
    },
    {
      name: 'core-has-no-node-builtins',
      severity: 'error',
      comment: 'src/core runs in a browser: no Node built-ins.',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'policies-build-on-core',
      severity: 'error',
      comment: "A policy module acts through the core's policy host; it does not reach into loading, running or output.",
      from: { path: '^src/policies/' },
      to: { path: '^src/', pathNot: ['^src/core/', '^src/policies/'] },
    },
    {
      name: 'nothing-imports-the-cli',
      severity: 'error',
      comment: 'The CLI is a thin shell over the library: the library never depends on it.',
      from: { pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'formats-are-browser-safe',
      severity: 'error',
      comment:
        "src/output/format.ts goes into the explorer page's browser bundle (src/explore/page.ts): it imports only src/core, no Node built-ins and no packages.",
      from: { path: '^src/output/format\\.ts$' },
      to: { pathNot: '^src/core/' },
    },
    {
      name: 'tables-do-not-draw',
      severity: 'error',
      comment: 'src/output writes tables; the step that writes tables and charts together sits above both.',
      from: { path: '^src/output/' },
      to: { path: '^src/charts/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js'] },
  },
};
