// 人才服务 Services for talent, 四位一体 (report 三(四)): talent apartments, school places, healthcare and elderly care in Bazhong.
import { z } from 'zod';
import { definePolicy } from '../core/policy.js';
import { agentsFor, cny, count, incomeCoefficient, share, termEnd, years } from './common.js';

/** At most this share of all agents is sampled in one tick when filling places (a large programme fills over months). */
const MAX_SAMPLED_SHARE = 0.02;

export const services = definePolicy({
  type: 'services',
  title: '人才服务 Services for talent (四位一体: 人才公寓, 子女入学, 医疗保障, 父母养老)',
  report: '三(四)',
  mechanism:
    'Eligible talent in Bazhong get a place in a service package: better schools, healthcare, elderly care and cultural life (index ' +
    "points on top of Bazhong's own, weighted by what their family stage needs, valued with the services coefficient) and a talent " +
    'apartment that cuts their housing cost (valued with the housing coefficient), worth at most a raise of worthAtMost. Places are ' +
    'rationed: only holders get the bonus, as a reason to stay. Places go first come, first served to eligible, aware arrivals and to ' +
    'eligible, aware residents offered one (sampled at random) while places are free and the budget pays for them.',
  params: z.strictObject({
    increments: z
      .strictObject({
        schools: share('Schools index points added (0–1; 子女入学: priority school places).').default(0),
        healthcare: share('Healthcare index points added (医疗保障: green channel, health checks).').default(0),
        elderlyCare: share('Elderly-care index points added (父母养老).').default(0),
        culture: share('Culture index points added (人才书吧, talent parks, exchange events).').default(0),
      })
      .default({ schools: 0, healthcare: 0, elderlyCare: 0, culture: 0 })
      .describe("What a place adds to Bazhong's public-service indices for its holder, by service kind."),
    housingCut: share('Share of the housing cost a talent apartment saves its holder (0.3: rent 30 % below market).').default(0),
    places: count('Places in the package, in persons.').default(2000),
    costPerPlace: cny('Cost of one place, CNY a year (apartment subsidy, school and health services), paid monthly.').default(30_000),
    termYears: years('Years a holder keeps a place (then it is offered again).').default(5),
    approachesPerPlace: count('Residents sampled each tick per free place (agents).').default(5),
    worthAtMost: share(
      "Cap on a place's value to its holder, as the raise it is worth (0.15: as much as 15 % more pay): the in-kind value of a rent cut, a school place and health services.",
    ).default(0.15),
  }),
  metrics: ['placesFilled', 'served'],
  create(host, p) {
    const { scenario, home, ticksPerYear: tpy } = host;
    const coefficient = (name: string) => scenario.utility.find((t) => t.name === name)?.coefficient ?? 0;
    const increments = [p.increments.schools, p.increments.healthcare, p.increments.elderlyCare, p.increments.culture];
    const housing = p.housingCut > 0 ? coefficient('housing') * Math.log(1 - Math.min(p.housingCut, 0.99)) : 0;
    // The package's utility for choosing Bazhong, by family stage.
    const bonus = scenario.familyStages.map(
      (stage) => coefficient('services') * stage.serviceWeights.reduce((sum, w, k) => sum + w * (increments[k] ?? 0), 0) + housing,
    );
    const inert = bonus.every((b) => b === 0) || p.places <= 0;
    // The bonus a holder gets: the package's utility, capped at the utility of a raise of worthAtMost (log income, as money is valued).
    const cap = incomeCoefficient(host) * Math.log1p(p.worthAtMost);
    const holderBonus = bonus.map((b) => Math.min(b, cap));
    const costPerTick = (p.costPerPlace / tpy) * host.scale;
    // Places the budget can keep for a whole year, at most the places offered.
    const capacity = Math.min(
      agentsFor(host, p.places),
      costPerTick > 0 && Number.isFinite(host.spec.budget) ? Math.floor(host.spec.budget / (costPerTick * tpy)) : Infinity,
    );
    // Holders by agent seed, counted here rather than with host.participants(): a new entrant put in a freed agent slot can
    // inherit a stale participation (AgentStore.add does not clear it), and places and costs must count only those admitted.
    const holders = new Set<number>();
    /** Whether this year's budget still pays for one more holder, besides what current holders are owed until the year ends. */
    const affordable = () => {
      if (costPerTick <= 0) return true;
      const ticksLeft = tpy - 1 - (host.tick() % tpy);
      return host.remaining() >= costPerTick * (holders.size * ticksLeft + 1 + ticksLeft);
    };
    const free = () => !inert && holders.size < capacity && affordable();
    const give = (i: number) => {
      host.join(i, termEnd(host, p.termYears));
      holders.add(host.agents.seed[i]);
      host.pay(costPerTick);
      host.record('placesFilled');
    };
    return {
      environment() {
        if (holders.size > 0 && costPerTick > 0) host.pay(costPerTick * holders.size);
      },
      // Open while there are free places the budget pays for: arrivals then get one. Places are rationed, so only holders
      // get the bonus; nobody counts on a place before holding one.
      open: free,
      holderUtility: (agent, _from, to) => (to === home ? holderBonus[agent.family] : 0),
      onArrive(i) {
        if (!host.participates(i, true) && free()) give(i);
      },
      onLeave(i) {
        holders.delete(host.agents.seed[i]);
      },
      work(tick) {
        const a = host.agents;
        let tries = Math.min(Math.ceil((capacity - holders.size) * p.approachesPerPlace), Math.ceil(a.count * MAX_SAMPLED_SHARE));
        for (; tries > 0 && free(); tries--) {
          const i = host.sampleAgent();
          if (i < 0 || a.residence[i] !== home || host.participates(i, true) || !host.eligible(i) || !host.knows(i)) continue;
          give(i);
        }
        if ((tick + 1) % tpy === 0 && !inert) host.record('served', holders.size);
      },
    };
  },
});
