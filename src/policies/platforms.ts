// 创业环境与平台 Platforms and parks (report 三(四)). STUB: to be written.
import { z } from 'zod';
import { definePolicy } from '../core/policy.js';

export const platforms = definePolicy({
  type: 'platforms',
  title: '创业环境与平台 Platforms and parks',
  report: '三(四)',
  mechanism: 'TODO',
  params: z.strictObject({}),
  metrics: [],
  create() {
    return {};
  },
});
