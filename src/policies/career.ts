// 人才评价与激励 Career (report 三(五)). STUB: to be written.
import { z } from 'zod';
import { definePolicy } from '../core/policy.js';

export const career = definePolicy({
  type: 'career',
  title: '人才评价与激励 Career',
  report: '三(五)',
  mechanism: 'TODO',
  params: z.strictObject({}),
  metrics: [],
  create() {
    return {};
  },
});
