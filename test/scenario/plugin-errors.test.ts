// Plugin code that throws while the model runs: a PluginRunError naming the plugin file, the policy or term, the hook,
// the tick and year (and the case scored), for plugin code only; what built-in code or code registered by hand throws
// stays what it was (a bug, or the caller's own error).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { PluginRunError, type PluginFault } from '../../src/core/errors.js';
import { Model } from '../../src/core/model.js';
import type { PolicyHost, PolicyModule, PolicyRuntime, UtilityTerm } from '../../src/core/scenario.js';
import { builtinPolicies } from '../../src/policies/index.js';
import { Registry } from '../../src/scenario/registry.js';
import { tinyScenarioInput } from '../fixtures.js';
import { resolveInput } from '../support.js';

const FILE = '/somewhere/my-plugin.mjs';

/** A plugin policy whose runtime is what `runtime` makes of its host. */
const policy = (runtime: (host: PolicyHost) => PolicyRuntime): PolicyModule => ({
  type: 'trial',
  title: 'a trial',
  report: '-',
  mechanism: 'throws',
  params: z.strictObject({}),
  metrics: ['done'],
  create: (host) => runtime(host),
});

/** Runs the tiny scenario with `module` (from a plugin file, by default; null: registered by hand) for two years; returns what it threw. */
const thrown = (module: PolicyModule, plugin: string | null = FILE, term?: UtilityTerm): unknown => {
  const registry = new Registry().register(module, plugin ?? undefined);
  const input = { ...tinyScenarioInput(), policies: [{ type: module.type }] };
  if (term) {
    registry.register(term, plugin ?? undefined);
    input.utility = { ...input.utility, [term.name]: { coefficient: 1 } };
  }
  try {
    new Model(resolveInput(input, registry), { replication: 0, years: 2, scale: 50 }).run();
  } catch (error) {
    return error;
  }
  throw new Error('the run did not throw');
};
const faultOf = (error: unknown): PluginFault => {
  expect(error).toBeInstanceOf(PluginRunError);
  return (error as PluginRunError).fault;
};
const boom = (what: string) => {
  throw new Error(`${what} went wrong`);
};

describe('a plugin policy that throws', () => {
  it.each([
    ['environment', (host: PolicyHost): PolicyRuntime => ({ environment: (tick) => (tick === 13 ? boom('environment') : undefined) })],
    ['open', (host: PolicyHost): PolicyRuntime => ({ open: () => (host.tick() === 13 ? boom('open') : true) })],
    ['work', (): PolicyRuntime => ({ work: (tick) => (tick === 13 ? boom('work') : undefined) })],
  ])('in its %s hook: names the plugin, the policy, the hook, the tick and the year', (hook, runtime) => {
    const fault = faultOf(thrown(policy(runtime)));
    expect(fault).toMatchObject({ file: FILE, kind: 'policy', name: 'trial', hook, tick: 13, year: 2025, message: `${hook} went wrong` });
    expect(fault.stack).toContain('plugin-errors.test.ts');
  });

  it('in its utility or holderUtility hook: also names the case being scored', () => {
    const utility = faultOf(thrown(policy(() => ({ utility: (agent, from, to) => (to === 2 && from !== to ? boom('utility') : 0) }))));
    expect(utility).toMatchObject({ hook: 'utility', tick: 0, year: 2024, message: 'utility went wrong' });
    expect(utility.scoring).toMatch(/^for a top agent in traditional moving from \w+ to chongqing$/);
    const holder = faultOf(thrown(policy(() => ({ holderUtility: () => boom('holderUtility') }))));
    expect(holder).toMatchObject({ hook: 'holderUtility', scoring: 'for a top agent in traditional staying in bazhong' });
  });

  it('in create(): says it threw while the run was set up, with no tick', () => {
    const error = thrown(policy(() => boom('create')));
    expect(faultOf(error)).toMatchObject({ hook: 'create', tick: undefined, year: undefined, message: 'create went wrong' });
    expect((error as PluginRunError).message).toBe(
      `plugin ${FILE}: the create hook of policy "trial" threw while the run was set up: create went wrong\n` +
        `    fix: fix its create() in ${FILE} (run again with SIM_DEBUG=1 to see the stack trace into the plugin)`,
    );
  });

  it('in onLeave, called from its own work hook: the inner hook is named, not the outer one', () => {
    const module = policy((host) => ({
      work: () => {
        if (host.tick() !== 3 || host.agents.count === 0) return;
        host.join(0, host.tick() + 12);
        host.leave(0);
      },
      onLeave: () => boom('onLeave'),
    }));
    expect(faultOf(thrown(module))).toMatchObject({ hook: 'onLeave', tick: 3, message: 'onLeave went wrong' });
  });

  it('by misusing the host (an undeclared metric): the hook that called it is named', () => {
    const fault = faultOf(thrown(policy((host) => ({ work: () => host.record('undeclared') }))));
    expect(fault).toMatchObject({ hook: 'work', tick: 0, message: 'policy trial records "undeclared", which is not among its metrics (done)' });
  });

  it('something other than an Error: its text is the message', () => {
    const fault = faultOf(
      thrown(
        policy(() => ({
          work: () => {
            throw 'a bare string';
          },
        })),
      ),
    );
    expect(fault).toMatchObject({ message: 'a bare string', stack: undefined });
  });

  it('a plain object, null or a number: shown as it is, with its kind, never "[object Object]"', () => {
    const throwing = (value: unknown) =>
      faultOf(
        thrown(
          policy(() => ({
            work: () => {
              throw value;
            },
          })),
        ),
      ).message;
    expect(throwing({ code: 42, reason: 'no table' })).toBe('{"code":42,"reason":"no table"} (a plain object thrown, not an Error)');
    expect(throwing([1, 'two'])).toBe('[1,"two"] (a list thrown, not an Error)');
    expect(throwing(null)).toBe('null (thrown instead of an Error)');
    expect(throwing(7)).toBe('7 (thrown instead of an Error)');
    expect(throwing({ message: 'an Error from another realm' })).toBe('an Error from another realm');
    const cycle: Record<string, unknown> = { a: 1 };
    cycle.self = cycle;
    expect(throwing(cycle)).toBe('[object Object] (a plain object thrown, not an Error)');
    expect(throwing({ long: 'x'.repeat(500) })).toMatch(/^\{"long":"x{191}… \(a plain object thrown, not an Error\)$/);
  });
});

describe('a plugin term that throws', () => {
  it('names the plugin, the term, "term" as the hook, the tick, the year and the case', () => {
    const term: UtilityTerm = { name: 'shaky', description: 'throws in the second year', value: ({ env }) => (env.years >= 1 ? boom('shaky') : 0) };
    const fault = faultOf(
      thrown(
        policy(() => ({})),
        FILE,
        term,
      ),
    );
    expect(fault).toMatchObject({ file: FILE, kind: 'term', name: 'shaky', hook: 'term', tick: 12, year: 2025, message: 'shaky went wrong' });
    expect(fault.scoring).toBe('for a top agent in traditional staying in bazhong');
    expect(new PluginRunError(fault).message).toMatch(
      /^plugin \/somewhere\/my-plugin.mjs: the utility term "shaky" threw at tick 12 \(2025\) for a top agent in traditional staying in bazhong: shaky went wrong\n    fix: fix its value function in /,
    );
  });
});

describe('a plugin term that gives no finite number', () => {
  it('names the case it was scored for, "staying in" when the agent stays', () => {
    const term: UtilityTerm = { name: 'stayer', description: 'NaN for stayers', value: ({ from, to }) => (from === to ? NaN : 0) };
    const error = thrown(
      policy(() => ({})),
      FILE,
      term,
    );
    expect((error as Error).message).toMatch(/the utility term "stayer" gave NaN for a top agent in traditional staying in bazhong/);
    expect((error as Error).message).not.toMatch(/moving from (\w+) to \1\b/);
  });
});

describe('code that is not from a plugin file', () => {
  afterEach(() => vi.restoreAllMocks());

  it('registered by hand: its error stays as thrown', () => {
    const error = thrown(
      policy(() => ({ work: () => boom('by hand') })),
      null,
    );
    expect(error).not.toBeInstanceOf(PluginRunError);
    expect((error as Error).message).toBe('by hand went wrong');
  });

  it('a built-in policy: its error stays as thrown, a bug', () => {
    vi.spyOn(builtinPolicies.subsidy, 'create').mockImplementation(() => boom('built-in'));
    let error: unknown;
    try {
      new Model(resolveInput({ ...tinyScenarioInput(), policies: [{ type: 'subsidy' }] }), { replication: 0, years: 1, scale: 50 });
    } catch (e) {
      error = e;
    }
    expect(error).not.toBeInstanceOf(PluginRunError);
    expect((error as Error).message).toBe('built-in went wrong');
  });
});
