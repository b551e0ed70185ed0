// 市场化引才 Market recruitment (猎头, 以投代引) (report 三(二)二). STUB: to be written.
import { z } from 'zod';
import { definePolicy } from '../core/policy.js';

export const marketRecruitment = definePolicy({
  type: 'market-recruitment',
  title: '市场化引才 Market recruitment (猎头, 以投代引)',
  report: '三(二)二',
  mechanism: 'TODO',
  params: z.strictObject({}),
  metrics: [],
  create() {
    return {};
  },
});
