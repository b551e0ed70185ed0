// 宣传与落实 Publicity and faster redemption (report 三(一)二). STUB: to be written.
import { z } from 'zod';
import { definePolicy } from '../core/policy.js';

export const publicity = definePolicy({
  type: 'publicity',
  title: '宣传与落实 Publicity and faster redemption',
  report: '三(一)二',
  mechanism: 'TODO',
  params: z.strictObject({}),
  metrics: [],
  create() {
    return {};
  },
});
