// Bundles the explorer's page script and Web Worker for the browser with esbuild, into dist/explore/bundle/ (run by
// `npm run build` after tsc; explorer.html inlines both). The model's core, policies and scenario resolution go in as
// they are; the one Node built-in on that path (node:module, with which expression terms load mathjs) is replaced by a
// stub, so a scenario with expression terms fails in the browser with a message instead of a missing module.
import { build, type Plugin } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

const nodeStub: Plugin = {
  name: 'node-stub',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: 'node-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'node-stub' }, () => ({
      contents:
        'export function createRequire() { return () => { throw new Error("expression terms (terms: with expr) do not run in the explorer: use sim --scenario"); }; }',
      loader: 'js',
    }));
  },
};

/** Writes page.js and worker.js into `out` (default dist/explore/bundle); returns their paths. */
export async function bundleExplorer(out = join(root, 'dist', 'explore', 'bundle')): Promise<string[]> {
  const entries = { page: join(root, 'src', 'explore', 'page.ts'), worker: join(root, 'src', 'explore', 'worker.ts') };
  await build({
    entryPoints: entries,
    outdir: out,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    plugins: [nodeStub],
    logLevel: 'warning',
    // expression.ts loads mathjs relative to itself; the stub above never reads the URL.
    define: { 'import.meta.url': '"about:blank"' },
  });
  return Object.keys(entries).map((name) => join(out, `${name}.js`));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await bundleExplorer();
