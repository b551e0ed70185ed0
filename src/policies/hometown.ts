// 乡情引才 Hometown recruitment (report 三(二)五). STUB: to be written.
import { z } from 'zod';
import { definePolicy } from '../core/policy.js';

export const hometown = definePolicy({
  type: 'hometown',
  title: '乡情引才 Hometown recruitment',
  report: '三(二)五',
  mechanism: 'TODO',
  params: z.strictObject({}),
  metrics: [],
  create() {
    return {};
  },
});
