// The core runs in a browser: nothing reachable from src/core imports a Node built-in or a module outside src/core
// (but for the browser-safe packages the dependency rules allow), it bundles for the browser, and it runs without Node.
import { readdirSync, readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { runReplication } from '../../src/core/model.js';
import { tinyPolicyLoaded } from '../fixtures.js';

const root = new URL('../../', import.meta.url).pathname;
const coreFiles = readdirSync(new URL('../../src/core/', import.meta.url)).map((f) => `src/core/${f}`);
/** The packages the core may import (.dependency-cruiser.cjs, rule core-is-self-contained): pure, browser-safe. */
const BROWSER_SAFE_PACKAGES = ['seedrandom', 'zod', 'fastest-levenshtein'];

describe('the core is self-contained', () => {
  let graph: ICruiseResult;
  beforeAll(async () => {
    const { output } = await cruise(
      coreFiles,
      { tsPreCompilationDeps: true, doNotFollow: { path: 'node_modules' }, baseDir: root },
      { extensions: ['.ts', '.js'] },
    );
    graph = output as ICruiseResult;
  });

  it('every file reachable from src/core imports only src/core files and browser-safe packages, never a Node built-in', () => {
    const modules = new Map(graph.modules.map((m) => [m.source, m]));
    // Walk the imports from each core file, remembering how each file was reached, and report the chain of a bad one.
    const reachedBy = new Map<string, string | undefined>(coreFiles.map((f) => [f, undefined]));
    const queue = [...coreFiles];
    const problems: string[] = [];
    let imports = 0;
    const chain = (file: string): string => (reachedBy.get(file) ? `${chain(reachedBy.get(file)!)} → ${file}` : file);
    while (queue.length) {
      const file = queue.shift()!;
      for (const dependency of modules.get(file)?.dependencies ?? []) {
        const target = dependency.resolved;
        imports++;
        if (dependency.coreModule || dependency.dependencyTypes.includes('core'))
          problems.push(`${chain(file)} imports the Node built-in ${dependency.module}`);
        else if (target.startsWith('node_modules/')) {
          if (!BROWSER_SAFE_PACKAGES.some((p) => target.startsWith(`node_modules/${p}/`)))
            problems.push(`${chain(file)} imports the package ${dependency.module}`);
        } else if (!target.startsWith('src/core/')) problems.push(`${chain(file)} imports ${target}, outside src/core`);
        else if (!reachedBy.has(target)) {
          reachedBy.set(target, file);
          queue.push(target);
        }
      }
    }
    expect(imports).toBeGreaterThan(coreFiles.length);
    expect(problems).toEqual([]);
  });

  it.each(coreFiles)('%s reads no clock, no Math.random and no process state', (file) => {
    const code = readFileSync(`${root}${file}`, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
    expect(code).not.toMatch(/Math\.random|Date\.now|new Date|performance\.now|process\.|require\(/);
  });
});

describe('the core entry point bundles for the browser and runs without Node', () => {
  let bundle: string;
  beforeAll(async () => {
    // platform "browser": esbuild refuses Node built-ins, so a core file that reached one would fail here.
    const result = await build({
      entryPoints: [`${root}src/core/index.ts`],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      globalName: 'core',
      write: false,
      logLevel: 'silent',
    });
    bundle = result.outputFiles[0].text;
  });

  it('bundles with no reference to Node', () => {
    expect(bundle.length).toBeGreaterThan(10_000);
    expect(bundle).not.toMatch(/\brequire\(|["']node:/);
  });

  it('runs a replication in a context without process, require or Buffer, with the same results as in Node', () => {
    const { resolved } = tinyPolicyLoaded();
    const sandbox: Record<string, unknown> = {};
    runInNewContext(
      `${bundle}\nglobalThis.result = core.runReplication(scenario, { replication: 0, years: 2 });`,
      Object.assign(sandbox, { scenario: resolved }),
    );
    const inBrowserLike = sandbox.result as ReturnType<typeof runReplication>;
    const inNode = runReplication(resolved, { replication: 0, years: 2 });
    expect(Array.from(inBrowserLike.perTick)).toEqual(Array.from(inNode.perTick));
    expect(Array.from(inBrowserLike.flows)).toEqual(Array.from(inNode.flows));
    expect(inBrowserLike.policies.map((p) => Array.from(p.values))).toEqual(inNode.policies.map((p) => Array.from(p.values)));
  });
});
