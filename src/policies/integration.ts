// 成渝双城经济圈 Regional integration (report 三(四)). STUB: to be written.
import { z } from 'zod';
import { definePolicy } from '../core/policy.js';

export const integration = definePolicy({
  type: 'integration',
  title: '成渝双城经济圈 Regional integration',
  report: '三(四)',
  mechanism: 'TODO',
  params: z.strictObject({}),
  metrics: [],
  create() {
    return {};
  },
});
