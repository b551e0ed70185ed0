// Numbers with their uncertainty: a scenario's parameters and a policy module's, declared once (zod) and read as numbers.
import { z } from 'zod';
import { scenarioFields, zodMessage } from './messages.js';

/** A number, or a number with its uncertainty range and source. Assumptions carry a range; facts carry a source. */
export function param(number: z.ZodNumber, description: string) {
  const detailed = z
    .strictObject({
      value: number.describe('The value used in a run.'),
      range: z.tuple([number, number]).optional().describe('[low, high]: the range over which an assumption is uncertain; sensitivity analysis sweeps it.'),
      source: z.string().optional().describe('Where the figure comes from, or "assumption".'),
      note: z.string().optional(),
    })
    .superRefine((p, ctx) => {
      if (!p.range) return;
      const [low, high] = p.range;
      if (low > high) ctx.addIssue({ code: 'custom', path: ['range'], ...zodMessage(scenarioFields.rangeReversed(low, high)) });
      else if (p.value < low || p.value > high)
        ctx.addIssue({ code: 'custom', path: ['value'], ...zodMessage(scenarioFields.valueOutsideRange(p.value, low, high)) });
    });
  return z.union([number, detailed]).describe(description);
}

export type Param = number | { value: number; range?: [number, number]; source?: string; note?: string };

/** A parameter of a policy module or plugin: written like any parameter, read as a plain number. */
export function policyParam(number: z.ZodNumber, description: string) {
  return param(number, description).transform((p): number => (typeof p === 'number' ? p : p.value));
}
