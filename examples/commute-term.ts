// Example plugin: a utility term a student adds without touching src/. Named in a scenario under `plugins:` and `utility:`.
import { z } from 'zod';
import { defineTerm } from 'bazhong-talent-sim';

/**
 * Weekend commuting: a native who lives away from Bazhong but within `maxHours` of it can go home at weekends,
 * which makes the nearer big cities more bearable than far-away places. Value: 1 for such a destination, else 0.
 */
export const weekendCommute = defineTerm({
  name: 'weekendCommute',
  description: '1 when a native of the home city scores a place other than home within maxHours of it (weekends at home are possible), else 0.',
  params: z.strictObject({ maxHours: z.number().min(0).max(24).default(3) }),
  value: ({ scenario, env, agent, to }, { maxHours }) =>
    agent.native && to !== scenario.homeIndex && env.travelHours(to, scenario.homeIndex) <= maxHours ? 1 : 0,
});
