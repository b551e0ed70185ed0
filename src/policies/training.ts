// 健全培育体系 Training (report 三(三)). STUB: to be written.
import { z } from 'zod';
import { definePolicy } from '../core/policy.js';

export const training = definePolicy({
  type: 'training',
  title: '健全培育体系 Training',
  report: '三(三)',
  mechanism: 'TODO',
  params: z.strictObject({}),
  metrics: [],
  create() {
    return {};
  },
});
