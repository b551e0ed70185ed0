// Loads a plugin file (TypeScript or JavaScript) named under a scenario's `plugins:` and registers what it exports (Node only).
import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PolicyModule } from '../core/policy.js';
import type { Registry } from './registry.js';
import type { UtilityTerm } from '../core/terms.js';

/** A plugin that cannot be used, with what to do about it. */
export class PluginError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'PluginError';
  }
}

const isTerm = (x: unknown): x is UtilityTerm =>
  typeof x === 'object' && x !== null && typeof (x as UtilityTerm).name === 'string' && typeof (x as UtilityTerm).value === 'function';
const isPolicy = (x: unknown): x is PolicyModule =>
  typeof x === 'object' && x !== null && typeof (x as PolicyModule).type === 'string' && typeof (x as PolicyModule).create === 'function';

/** Imports a plugin file and registers every utility term and policy module (or agent rule) it exports; returns their names. */
export async function loadPlugin(file: string, registry: Registry): Promise<string[]> {
  if (!existsSync(file)) throw new PluginError(`plugin file not found: ${file}`, 'plugin paths are relative to the scenario file that lists them');
  const url = pathToFileURL(file).href;
  const exports: Record<string, unknown> = /\.[cm]?ts$/.test(extname(file))
    ? await (await import('tsx/esm/api')).tsImport(url, import.meta.url)
    : await import(url);
  const found: string[] = [];
  for (const [name, value] of Object.entries(exports)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (isPolicy(item)) {
        for (const piece of ['title', 'mechanism', 'params', 'metrics'] as const)
          if (item[piece] === undefined)
            throw new PluginError(
              `${file}: the policy "${item.type}" (export ${name}) has no ${piece}`,
              'build it with definePolicy({ type, title, report, mechanism, params, metrics, create }) — see docs/extending.md',
            );
        registry.register(item, file);
        found.push(`policy ${item.type}`);
      } else if (isTerm(item)) {
        if (typeof item.description !== 'string')
          throw new PluginError(
            `${file}: the utility term "${item.name}" (export ${name}) has no description`,
            'give it a description: one sentence on what it measures and its units',
          );
        registry.register(item, file);
        found.push(`term ${item.name}`);
      }
    }
  }
  if (!found.length)
    throw new PluginError(
      `${file} exports no utility term and no policy module`,
      'export one, e.g. `export const climate = defineTerm({ name, description, params, value })` — see docs/extending.md',
    );
  return found;
}
