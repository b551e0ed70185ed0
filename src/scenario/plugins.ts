// Loads a plugin file (TypeScript or JavaScript) named under a scenario's `plugins:` and registers what it exports (Node only).
import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pluginFiles, type Message } from '../core/messages.js';
import type { PolicyModule } from '../core/policy.js';
import type { Registry } from './registry.js';
import type { UtilityTerm } from '../core/terms.js';

/** A plugin that cannot be used, with what to do about it. */
export class PluginError extends Error {
  readonly hint?: string;
  constructor({ message, hint }: Message) {
    super(message);
    this.name = 'PluginError';
    this.hint = hint;
  }
}

const isTerm = (x: unknown): x is UtilityTerm =>
  typeof x === 'object' && x !== null && typeof (x as UtilityTerm).name === 'string' && typeof (x as UtilityTerm).value === 'function';
const isPolicy = (x: unknown): x is PolicyModule =>
  typeof x === 'object' && x !== null && typeof (x as PolicyModule).type === 'string' && typeof (x as PolicyModule).create === 'function';

/** Imports a plugin file and registers every utility term and policy module (or agent rule) it exports; returns their names. */
export async function loadPlugin(file: string, registry: Registry): Promise<string[]> {
  if (!existsSync(file)) throw new PluginError(pluginFiles.notFound(file));
  const url = pathToFileURL(file).href;
  const exports: Record<string, unknown> = /\.[cm]?ts$/.test(extname(file))
    ? await (await import('tsx/esm/api')).tsImport(url, import.meta.url)
    : await import(url);
  const found: string[] = [];
  for (const [name, value] of Object.entries(exports)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (isPolicy(item)) {
        for (const piece of ['title', 'mechanism', 'params', 'metrics'] as const)
          if (item[piece] === undefined) throw new PluginError(pluginFiles.missingPiece(file, item.type, name, piece));
        registry.register(item, file);
        found.push(`policy ${item.type}`);
      } else if (isTerm(item)) {
        if (typeof item.description !== 'string') throw new PluginError(pluginFiles.noDescription(file, item.name, name));
        registry.register(item, file);
        found.push(`term ${item.name}`);
      }
    }
  }
  if (!found.length) throw new PluginError(pluginFiles.exportsNothing(file));
  return found;
}
