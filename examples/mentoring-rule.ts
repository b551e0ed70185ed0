// Example plugin: an agent rule written as a policy module — mentors for young graduates who stay in Bazhong.
import { z } from 'zod';
import { definePolicy, policyParam } from 'bazhong-talent-sim';

/**
 * Each tick, up to `mentorsPerYear` / ticksPerYear young graduates living in Bazhong are paired with a mentor for
 * `years` years. While paired, a graduate values staying in Bazhong (utility `bond`). Costs `costPerPair` CNY a
 * year per pair, within the scenario's budget for the rule.
 */
export const mentoring = definePolicy({
  type: 'mentoring',
  title: '导师制 Mentoring for young graduates (example plugin)',
  report: '三(三) 双导师制',
  mechanism: 'Young graduates in Bazhong are paired with mentors; while paired they value staying.',
  params: z.strictObject({
    mentorsPerYear: policyParam(z.number().min(0), 'New mentor pairs a year, persons.').default(500),
    years: policyParam(z.number().min(0), 'Length of a pairing.').default(2),
    bond: policyParam(z.number(), 'Utility of staying in Bazhong while paired.').default(0.8),
    costPerPair: policyParam(z.number().min(0), 'CNY a year per pair.').default(12000),
  }),
  metrics: ['paired', 'mentored'],
  create(host, p) {
    const graduate = host.scenario.tiers.findIndex((t) => t.id === 'graduate');
    const perTick = p.mentorsPerYear / host.scale / host.ticksPerYear;
    let owed = 0;
    return {
      // Paired graduates weigh what they would lose by leaving.
      holderUtility: (_agent, from, to) => (from === host.home && to === host.home ? p.bond : 0),
      work(tick) {
        const a = host.agents;
        host.pay((p.costPerPair / host.ticksPerYear) * host.participants() * host.scale);
        // Fractional pairs carry over from tick to tick, so a small programme still pairs someone.
        owed += perTick;
        for (let tries = 20 * Math.ceil(owed); owed >= 1 && tries > 0; tries--) {
          const i = host.sampleAgent();
          if (i < 0 || a.residence[i] !== host.home || a.tier[i] !== graduate || host.participates(i, true) || !host.eligible(i)) continue;
          if (!host.commit((p.costPerPair / host.ticksPerYear) * host.scale)) break;
          host.join(i, Math.min(tick + Math.round(p.years * host.ticksPerYear), host.spec.endTick));
          host.record('paired');
          owed -= 1;
        }
        if ((tick + 1) % host.ticksPerYear === 0) host.record('mentored', host.participants());
      },
    };
  },
});
