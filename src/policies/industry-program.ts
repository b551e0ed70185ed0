// 产业人才专项 Industry talent programmes (report 三(一)三). STUB: to be written.
import { z } from 'zod';
import { definePolicy } from '../core/policy.js';

export const industryProgram = definePolicy({
  type: 'industry-program',
  title: '产业人才专项 Industry talent programmes',
  report: '三(一)三',
  mechanism: 'TODO',
  params: z.strictObject({}),
  metrics: [],
  create() {
    return {};
  },
});
