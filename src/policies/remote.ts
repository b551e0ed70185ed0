// 远程协作 Remote collaboration (云上实验室) (report 三(二)一). STUB: to be written.
import { z } from 'zod';
import { definePolicy } from '../core/policy.js';

export const remote = definePolicy({
  type: 'remote',
  title: '远程协作 Remote collaboration (云上实验室)',
  report: '三(二)一',
  mechanism: 'TODO',
  params: z.strictObject({}),
  metrics: [],
  create() {
    return {};
  },
});
