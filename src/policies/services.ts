// 人才服务 Services for talent (四位一体) (report 三(四)). STUB: to be written.
import { z } from 'zod';
import { definePolicy } from '../core/policy.js';

export const services = definePolicy({
  type: 'services',
  title: '人才服务 Services for talent (四位一体)',
  report: '三(四)',
  mechanism: 'TODO',
  params: z.strictObject({}),
  metrics: [],
  create() {
    return {};
  },
});
