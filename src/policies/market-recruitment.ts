// 市场化引才 (report 三(二)二): headhunters put Bazhong job offers to talent outside it; firms get a subsidy per hire; teams come with their leader (以投代引).
import { z } from 'zod';
import { definePolicy, type PolicyProblem } from '../core/policy.js';
import { unknownNameHint } from '../core/errors.js';
import { policyChecks } from '../core/messages.js';
import { policyParam } from '../core/params.js';
import { cny, count, incomeCoefficient, moneyUtility, share } from './common.js';

/** The most a team's pull may be worth, as a raise: following one's team is a job attribute, not a fortune. */
const MAX_TEAM_PULL = 0.5;

export const marketRecruitment = definePolicy({
  type: 'market-recruitment',
  title: '市场化引才 Market recruitment (企业引才补贴, 猎头合作, 以投代引)',
  report: '三(二)二',
  mechanism:
    'Headhunters contact eligible talent living outside Bazhong (by default top and professional) and put a matched Bazhong job to ' +
    "each: the candidate reconsiders at once, valuing the offer's pay premium and certain of the job if it chooses Bazhong. " +
    "For each hire Bazhong pays the headhunter's fee and a subsidy to the hiring firm while the year's budget lasts; with team " +
    'recruitment (以投代引) a top hire leads a team: Bazhong invests in it, and colleagues from the same city and industry get ' +
    'offers too, which the pull of their team makes them likelier to take.',
  params: z.strictObject({
    contactsPerYear: count('Candidates the headhunters contact a year, in persons.'),
    tiers: z.array(z.string()).default(['top', 'professional']).describe("Tier ids the headhunters look for (within the policy's eligibility)."),
    offerPremium: share('Pay of the offer above the Bazhong wage for the tier and industry (0.3: 30 % more), paid by the firm.').default(0.3),
    jobChanceAtHome: share('Chance that a candidate who chooses Bazhong gets the job (the headhunter brings one).').default(1),
    feePerHire: cny("Headhunter's fee (引才伯乐奖) per hire, CNY, paid by the government.").default(30_000),
    firmSubsidy: cny('Subsidy to the hiring firm per hire (企业引才补贴), CNY.').default(50_000),
    teamSize: count('Persons per team, its leader included: above 1, each hire who leads a team brings offers to teamSize − 1 colleagues (以投代引).').default(
      1,
    ),
    teamLeaders: z.array(z.string()).default(['top']).describe('Tier ids whose hires lead a team (高端人才团队).'),
    teamPull: policyParam(
      z.number().min(0).max(MAX_TEAM_PULL),
      "Pull, for a colleague offered a place in a hired leader's team, of following the team to Bazhong, as the raise it is worth (0.1: as much as 10 % more pay; " +
        `at most ${MAX_TEAM_PULL}); valued as money is, income coefficient × ln(1 + teamPull).`,
    ).default(0.1),
    investmentPerTeam: cny('Equity investment per team (以投代引), CNY, paid when a hire brings a team.').default(0),
  }),
  metrics: ['contacted', 'hires', 'teamOffers', 'unfunded'],
  check(p, scenario) {
    const known = scenario.tiers.map((t) => t.id);
    const unknown =
      (field: string) =>
      (id: string, k: number): PolicyProblem[] =>
        known.includes(id) ? [] : [{ path: [field, k], ...policyChecks.unknownId('tier', id, unknownNameHint(id, known, 'tier ids')) }];
    return [...p.tiers.flatMap(unknown('tiers')), ...p.teamLeaders.flatMap(unknown('teamLeaders'))];
  },
  create(host, p) {
    const a = host.agents;
    const id = host.spec.index + 1;
    const tierWanted = Uint8Array.from(host.scenario.tiers, (t) => (p.tiers.includes(t.id) ? 1 : 0));
    const leads = Uint8Array.from(host.scenario.tiers, (t) => (p.teamLeaders.includes(t.id) ? 1 : 0));
    const contactsPerTick = p.contactsPerYear / host.scale / host.ticksPerYear;
    const hireCost = (p.feePerHire + p.firmSubsidy) * host.scale;
    const colleagues = Math.max(0, Math.round(p.teamSize) - 1);
    /**
     * Offers out, by agent seed (indices move as agents leave): the tick it was made, the city the candidate lived in
     * (moving to Bazhong overwrites it), and whether it went to a team member, whose hire brings no further team.
     */
    const pending = new Map<number, { tick: number; origin: number; team: boolean }>();
    let owedContacts = 0;
    /** A candidate the headhunters may approach: eligible, of a wanted tier, living outside Bazhong, holding no offer. */
    const candidate = (i: number) => i >= 0 && a.residence[i] !== host.home && tierWanted[a.tier[i]] === 1 && a.offer[i] === 0 && host.eligible(i);
    const makeOffer = (i: number, team: boolean) => {
      host.offer(i);
      pending.set(a.seed[i], { tick: host.tick(), origin: a.residence[i], team });
    };

    /**
     * Offers to colleagues of a hired leader: eligible talent (any tier) from the same city and industry, each found by
     * sampling a few times. A colleague joins the programme until its decision, so that the pull of its team (the holder
     * utility) applies to it. Returns how many were found.
     */
    const offerTeam = (origin: number, industry: number) => {
      let found = 0;
      for (let k = 0; k < colleagues; k++)
        for (let tries = 0; tries < 20; tries++) {
          const j = host.sampleAgent();
          if (j < 0 || a.residence[j] !== origin || a.industry[j] !== industry || a.offer[j] !== 0 || host.participates(j, true) || !host.eligible(j)) continue;
          makeOffer(j, true);
          host.join(j, Math.min(host.tick() + 2, host.spec.endTick));
          host.record('teamOffers');
          found++;
          break;
        }
      return found;
    };
    const investment = p.investmentPerTeam * host.scale;
    // A colleague's pull to follow its team, in utility: the log-income value of a raise of teamPull (bounded by the schema).
    const teamPull = incomeCoefficient(host) * Math.log1p(p.teamPull);

    return {
      // Only the candidates the headhunters contact hold the offer (see environment): it is not a public benefit.
      open: () => p.contactsPerYear > 0,
      jobChanceAtHome: p.jobChanceAtHome,
      // A headhunter's offer is private: it reaches only those it is put to, whatever publicity does.
      onlyOffered: true,
      utility(agent, from, to) {
        if (to !== host.home || from === host.home) return 0;
        const wage = host.env.wage({ location: host.home, industry: agent.industry, tier: agent.tier });
        return moneyUtility(host, p.offerPremium * wage, wage);
      },
      holderUtility: (_agent, from, to) => (to === host.home && from !== host.home ? teamPull : 0),
      onArrive(i) {
        // The model still holds the offer the agent moved on; arrivals on anyone else's word are not this programme's hires,
        // nor is an agent whose offer the programme never made (a store slot reused with its previous holder's offer).
        const offer = a.offer[i] === id ? pending.get(a.seed[i]) : undefined;
        if (!offer) return;
        pending.delete(a.seed[i]);
        if (!host.commit(hireCost)) return host.record('unfunded');
        host.record('hires');
        if (offer.team || colleagues === 0 || !leads[a.tier[i]]) return;
        // The equity investment (以投代引) is what brings the team: no team without it, and none to invest in without colleagues.
        if (host.remaining() < investment) return;
        if (offerTeam(offer.origin, a.industry[i]) > 0) host.commit(investment);
      },
      work(tick) {
        if (contactsPerTick <= 0) return;
        // An offer is weighed at the candidate's next check, the tick after it was made: older ones have lapsed.
        for (const [seed, offer] of pending) if (offer.tick < tick - 1) pending.delete(seed);
        owedContacts += contactsPerTick;
        for (let tries = Math.ceil(owedContacts) * 50 + 50; owedContacts >= 1 && tries > 0; tries--) {
          // Contact only while the budget could pay for a hire.
          if (host.remaining() < hireCost) break;
          const i = host.sampleAgent();
          if (!candidate(i)) continue;
          makeOffer(i, false);
          host.record('contacted');
          owedContacts--;
        }
        // Contacts not made (no budget, too few candidates found) do not pile up beyond a tick's worth.
        owedContacts = Math.min(owedContacts, Math.max(1, contactsPerTick));
      },
    };
  },
});
