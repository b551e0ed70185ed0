// The one declaration of what a scenario file may contain: types, validation and the JSON Schema all come from here.
import { z } from 'zod';
import { param, policyParam, type Param } from '../core/params.js';
import { SERVICE_KINDS } from '../core/scenario.js';
import { scenarioFields, zodMessage } from '../core/messages.js';

const share = (description: string) => param(z.number().min(0).max(1), description);
const nonNegative = (description: string) => param(z.number().min(0), description);
const anyNumber = (description: string) => param(z.number(), description);

/**
 * Names and labels are printable text on one line: a control character (C0, DEL or C1) cannot be shown in a chart,
 * a table or an SVG file, and is most often a stray escape in quotes ("\a"). Descriptions may run over several lines
 * and hold tabs. Nor may any text hold the other characters XML 1.0 forbids (U+FFFE, U+FFFF, half of a surrogate
 * pair), which no SVG file can hold. Checked here, at validation, so that a run does not fail when its charts are written.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
// With the u flag a surrogate range matches only a lone half: a pair is one code point.
const NOT_XML = /[\uD800-\uDFFF\uFFFE\uFFFF]/u;
const printable = (pattern: RegExp, linesAllowed: boolean) =>
  z.string().superRefine((text, ctx) => {
    const control = pattern.exec(text);
    const other = control ? null : NOT_XML.exec(text);
    if (!control && !other) return;
    const { message, hint } = control
      ? scenarioFields.controlCharacter(control[0], control.index, linesAllowed)
      : scenarioFields.notXmlCharacter(other![0], other!.index);
    ctx.addIssue({ code: 'custom', message, params: { hint } });
  });
/** A name or label: printable, on one line. */
const name = () => printable(CONTROL, false);
/** A description: printable, line breaks and tabs allowed. */
const text = () => printable(CONTROL_BUT_LINES, true);

// zod keeps no hint on a pattern's issue: zod-issues.ts adds the hint of scenarioFields.badId by its message.
const id = z.string().regex(/^[a-z][a-zA-Z0-9_-]*$/, scenarioFields.badId().message);

/** Shares keyed by id (tier, industry, family stage); they are normalised to sum to 1. */
const shares = (what: string) => z.record(id, share(`share of ${what}`)).describe(`Shares by ${what} id; normalised to sum to 1.`);

const ageRange = z
  .strictObject({
    min: z.number().int().min(15).max(80).describe('Youngest age in years.'),
    max: z.number().int().min(15).max(80).describe('Oldest age in years.'),
  })
  .superRefine((a, ctx) => {
    if (a.min > a.max) ctx.addIssue({ code: 'custom', path: ['max'], ...zodMessage(scenarioFields.ageMinAboveMax(a.min, a.max)) });
  })
  .describe('Ages drawn uniformly from [min, max] in whole years.');

const run = z
  .strictObject({
    startYear: z.number().int().min(1900).max(2200).default(2024).describe('Calendar year of the first tick.'),
    years: z.number().int().min(1).max(100).default(10).describe('Simulated years.'),
    burnInYears: z
      .number()
      .int()
      .min(0)
      .max(50)
      .default(0)
      .describe(
        'Years simulated before startYear and not reported, so that the model settles from its starting population (docs/model-odd.md §7.8). ' +
          'The populations describe the start of the burn-in; policies act from startYear.',
      ),
    ticksPerYear: z.number().int().min(1).max(365).default(12).describe('Ticks per year (12: a tick is a month).'),
    runs: z.number().int().min(1).max(10000).default(10).describe('Replications, each with its own seed stream.'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1)
      .describe('Master seed; each (seed, replication, stream) gets its own generator.'),
    scale: z.number().min(1).max(100000).default(10).describe('Persons per agent; 1 is full scale. Reported figures are always persons.'),
  })
  .default({ startYear: 2024, years: 10, burnInYears: 0, ticksPerYear: 12, runs: 10, seed: 1, scale: 10 })
  .describe('How the scenario runs; every field can be overridden on the command line.');

const tier = z.strictObject({
  id,
  label: name().describe('Display name, e.g. 高层次人才.'),
  labelEn: name().optional().describe('English display name.'),
});

const industry = z.strictObject({
  id,
  label: name(),
  labelEn: name().optional(),
  wageFactor: param(z.number().positive(), 'Multiplier on the location-and-tier wage for this industry (a location may override it with industryWage).'),
});

const serviceKinds = SERVICE_KINDS;
export const ServiceKind = z.enum(serviceKinds);
export type ServiceKind = z.infer<typeof ServiceKind>;
const serviceWeights = z.strictObject(
  Object.fromEntries(serviceKinds.map((k) => [k, share(`weight on ${k}`)])) as Record<ServiceKind, ReturnType<typeof share>>,
);
const serviceLevels = z.strictObject(
  Object.fromEntries(serviceKinds.map((k) => [k, param(z.number().min(0).max(1), `${k} index, 0 (none) to 1 (best in the region)`)])) as Record<
    ServiceKind,
    ReturnType<typeof share>
  >,
);

const familyStage = z.strictObject({
  id,
  label: name(),
  labelEn: name().optional(),
  serviceWeights: serviceWeights.describe(
    'How much this stage weighs each public service (schools for children, healthcare and elderly care for elderly parents).',
  ),
});

const location = z.strictObject({
  id,
  label: name().describe('Display name, e.g. 巴中.'),
  labelEn: name().optional(),
  home: z.boolean().default(false).describe('The focal city whose talent the summary follows; exactly one location is home.'),
  wage: z.record(id, nonNegative('CNY per year')).describe('Average wage by tier id, CNY per year.'),
  industryWage: z
    .record(id, param(z.number().positive(), 'multiplier'))
    .optional()
    .describe("Wage multipliers by industry id at this location, replacing the industries' wageFactor here (wages by tier and industry)."),
  wageGrowth: anyNumber('Annual nominal wage growth, e.g. 0.05.'),
  housingCost: param(z.number().positive(), 'Housing price, CNY per square metre.'),
  services: serviceLevels.describe('Public-service indices, 0 to 1.'),
  platforms: z.record(id, nonNegative('count')).describe('Innovation platforms (labs, expert workstations, parks) by industry id.'),
  jobSlack: nonNegative('Job capacity above the initial stock, as a share of it (0.05: 5 % more jobs than talent at the start).'),
  jobGrowth: anyNumber('Annual growth of job capacity.'),
  talentPool: nonNegative(
    "The whole city's talent, persons, when the scenario models only a sample of it: the rest is a fixed background in the city's agglomeration and job chances.",
  ).optional(),
  travelHours: z.record(id, nonNegative('hours')).describe('Travel time in hours to each other location id.'),
});

const population = z.strictObject({
  name: name().describe('What this group is, e.g. "talent in Bazhong".'),
  location: id.describe('Location id where the group lives and works at the start.'),
  count: nonNegative('Persons in the group at full scale.'),
  native: share('Share who are natives of the home city (Bazhong).'),
  tiers: shares('tier'),
  industries: shares('industry'),
  family: shares('family stage'),
  age: ageRange,
});

const entry = z.strictObject({
  name: name().describe('What this stream is, e.g. "graduates of Bazhong colleges".'),
  location: id.describe('Location id where entrants start.'),
  perYear: nonNegative('Persons entering per year at full scale.'),
  months: z
    .array(z.number().int().min(1).max(12))
    .min(1)
    .default([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    .describe('Months of the year in which they enter (7: graduation in July); spread evenly over them.'),
  native: share('Share who are natives of the home city.'),
  tiers: shares('tier'),
  industries: shares('industry'),
  family: shares('family stage'),
  age: ageRange,
  firstJob: z
    .boolean()
    .default(false)
    .describe(
      'true: graduates who choose where to take their first job on entry, by the utility of a move from where they studied, with the job-finding step at every destination (see `firstJob`).',
    ),
  resident: z
    .boolean()
    .default(false)
    .describe(
      'true: people who already live and work at the location and join the talent stock by qualifying (newly certified skilled workers): their time there is drawn as for the starting population, and they are not newcomers to its policies.',
    ),
});

const band = z.strictObject({
  upTo: z.number().min(0).describe('Upper bound of the band (exclusive), in years.'),
  factor: nonNegative('Multiplier on the base rate in this band.'),
});

const hazard = z
  .strictObject({
    perYear: z.record(id, share('probability per year')).describe('By tier id: probability per year that an agent reconsiders where to live and work.'),
    age: z.array(band).min(1).describe('Age bands (upper bounds ascending; the last must cover the retirement age) and their multipliers.'),
    tenure: z.array(band).min(1).describe('Bands of years at the current location and their multipliers; the last band covers all longer tenures.'),
  })
  .describe('The reconsideration hazard: perYear[tier] × age factor × tenure factor, capped at 1.');

const term = z.looseObject({ coefficient: anyNumber('Weight of this term in the utility.') });

const lifecycle = z.strictObject({
  retirementAge: param(z.number().min(40).max(80), 'Age in years at which talent leaves the workforce.'),
  upgrades: z
    .array(z.strictObject({ from: id, to: id, perYear: share('probability per year') }))
    .describe('Tier upgrades (training, experience): from tier id, to tier id, probability per year.'),
  family: z
    .array(z.strictObject({ from: id, to: id, perYear: share('probability per year') }))
    .describe('Family-stage changes: from stage id, to stage id, probability per year.'),
});

/** When a policy starts or ends: a calendar year (start: from its first tick; end: through its last), or a tick. */
const when = z.union([z.number().int().min(1900).max(2200), z.strictObject({ tick: z.number().int().min(0) })]);

/** Fields every policy entry may have besides its module's own parameters. */
export const policyCommonFields = {
  type: z.string().describe('The policy module, e.g. flexible-hiring (see docs/policies.md).'),
  name: name().optional().describe("Unique name, needed when a type is used twice; names the policy's random stream and its rows in policies.csv."),
  description: text().optional(),
  start: when.optional().describe('First calendar year (or {tick: n}) in force; default: the first tick.'),
  end: when.optional().describe('Last calendar year in force (or {tick: n}, the first tick no longer in force); default: the end of the run.'),
  budget: param(z.number().min(0), 'Yearly budget cap, CNY: once spent, no new grants or slots that year.').optional(),
  eligibility: z
    .strictObject({
      tiers: z.array(id).optional().describe('Tier ids eligible; default all.'),
      industries: z.array(id).optional().describe('Industry ids eligible; default all.'),
      native: z.boolean().optional().describe('true: natives of the home city only; false: non-natives only; default both.'),
      age: z
        .strictObject({ min: z.number().min(0).max(100).optional(), max: z.number().min(0).max(100).optional() })
        .optional()
        .describe('Age range in years, inclusive.'),
      locations: z.array(id).optional().describe('Location ids where eligible agents live; default depends on the module.'),
    })
    .optional()
    .describe('Who the policy is for.'),
  awareness: z
    .strictObject({ residents: share('share').optional(), diaspora: share('share').optional(), others: share('share').optional() })
    .optional()
    .describe("Share who know of this policy at the start, by audience; default: the scenario's policyAwareness."),
};

/** Words in Chinese and English. */
const bilingual = z.strictObject({ zh: name(), en: name() });

/** A slider of `sim explore`: a number of the scenario (a policy's, usually), its words, range and step. */
const lever = z
  .strictObject({
    path: z.string().min(1).describe('The number it moves, as `sim sweep --vary` names it, e.g. policies[候鸟型专家].slots.'),
    label: bilingual.describe('What it is, in Chinese and English, e.g. { zh: 柔性引才名额, en: Flexible posts }.'),
    unit: bilingual.optional().describe('Its unit in both languages, e.g. { zh: 个, en: posts }.'),
    range: z.tuple([z.number(), z.number()]).optional().describe("The slider's ends; default: the parameter's declared range (one of the two is needed)."),
    step: z.number().positive().optional().describe("The slider's step; default: a round hundredth of the range."),
  })
  .superRefine((l, ctx) => {
    if (l.range && !(l.range[0] < l.range[1])) ctx.addIssue({ code: 'custom', path: ['range'], ...zodMessage(scenarioFields.leverRange(l.range)) });
  });

export const scenarioShape = {
  $schema: z.string().optional().describe('Path to the JSON Schema, for editors.'),
  extends: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .describe(
      'Scenario file(s) (relative to this one, or in scenarios/) that this one inherits and overrides; with a list, later files override earlier ones.',
    ),
  name: name().optional().describe('Scenario name; defaults to the file name. Names the output folder.'),
  title: z
    .union([name(), z.strictObject({ zh: name(), en: name() })])
    .optional()
    .describe(
      'Display name in charts, tables and summaries, in Chinese and English, e.g. { zh: 候鸟型专家, en: Flexible expert hiring }; one text for both languages, or the name when absent. Not inherited.',
    ),
  summary: z
    .union([text(), z.strictObject({ zh: text(), en: text() })])
    .optional()
    .describe('What the scenario does, in one short sentence per language, shown beside its title in reports. Not inherited.'),
  description: text().optional().describe('What this scenario asks, in a sentence or two.'),
  run,
  tiers: z.array(tier).min(1).describe('Talent tiers, highest first.'),
  industries: z.array(industry).min(1),
  familyStages: z.array(familyStage).min(1),
  locations: z.array(location).min(2),
  populations: z.array(population).min(1).describe('Who is modelled at the start: each group with its count, source and composition.'),
  entries: z.array(entry).default([]).describe('People entering the model each year: graduating cohorts, newly certified skilled workers, experienced hires.'),
  topTiers: z.array(id).min(1).describe('Tier ids counted as top talent for the top-talent share.'),
  recruitedTiers: z.array(id).min(1).describe('Tier ids counted as "management and technical talents brought in".'),
  hazard,
  utility: z
    .record(z.string(), term)
    .describe(
      'Utility terms by name, each with its coefficient and parameters. Built-in terms: income, services, platforms, jobChance, housing, hometown, distance, movingCost.',
    ),
  firstJob: z
    .strictObject({
      coefficients: z
        .record(z.string(), anyNumber('Coefficient of this utility term in a first-job choice.'))
        .default({})
        .describe(
          'Utility terms (by name, as under `utility` or `terms`) weighed differently in a first-job choice, with their coefficient there; the others keep their own. A graduate holds no job where it studied, so the status quo (`movingCost`) may weigh less.',
        ),
      retryMonths: param(
        z.number().min(0.1).max(60),
        'Months a graduate who found no job at the place it chose searches, staying where it studied, before it chooses again.',
      ).default(3),
    })
    .default({ coefficients: {}, retryMonths: 3 })
    .describe(
      "First-job choice of the graduates of the entry streams marked `firstJob: true`: the same random utility as a move, scored from where they studied, without the incumbent's job at the study location (staying there needs a job found too).",
    ),
  taste: z.strictObject({ sd: nonNegative("Standard deviation of each agent's persistent taste for each location (utility units).") }),
  jobMatching: z
    .strictObject({
      elasticity: param(
        z.number().min(0.1).max(100),
        'Job chance = 1 − (stock / capacity)^elasticity: higher means chances stay high until capacity is nearly full.',
      ),
      floor: share('Lowest job chance, even when capacity is full.'),
      vacancyDecay: share('Share a year of the vacancies beyond the usual slack (left by movers) that close: firms that lose staff shrink.').default(0.5),
      jobsPerArrival: nonNegative(
        'Jobs follow people: talent positions that open in a location for each talent who moves there (local demand, firm entry), spread over its ' +
          'industries and tiers like its stock; unfilled, they close at vacancyDecay like any vacancy. 0: arrivals only fill vacancies.',
      ).default(0),
    })
    .describe('Chance of finding a job at a destination, falling as capacity fills.'),
  agglomeration: z
    .strictObject({
      enabled: z.boolean().default(true),
      elasticity: nonNegative("Elasticity of platforms' effective value with respect to the stock of top and professional talent in the industry."),
      tiers: z.array(id).min(1).describe('Tier ids whose stock drives agglomeration.'),
    })
    .describe('人才集聚: platforms become more attractive as their talent stock grows.'),
  lifecycle,
  policyAwareness: z
    .strictObject({
      residents: share('Share of home-city residents who know of a policy without publicity.'),
      diaspora: share('Share of natives living elsewhere who know of it.'),
      others: share('Share of everyone else who know of it.'),
    })
    .default({ residents: 0.4, diaspora: 0.15, others: 0.05 })
    .describe('Who knows of a policy when no publicity spreads it (report 二(二): 政策宣传不到位). Agents respond only to policies they know.'),
  posterior: z
    .string()
    .optional()
    .describe(
      'A posterior ensemble (posterior.csv, as sim calibrate writes it; relative to this scenario file): each replication then runs with the parameter values of one particle, drawn by weight (--uncertainty posterior, the default when this is set). A file that extends this one inherits it.',
    ),
  plugins: z
    .array(z.string())
    .default([])
    .describe(
      'TypeScript or JavaScript files (relative to this scenario) whose exported utility terms and policy modules the scenario may name (docs/extending.md).',
    ),
  terms: z
    .array(
      z.strictObject({
        name: id.describe('Name of the term, as it appears in outputs and errors.'),
        expr: z
          .string()
          .describe('A mathjs expression over location and agent attributes, e.g. "0.2 * services - 0.1 * travelHours" (docs/extending.md lists the symbols).'),
        coefficient: anyNumber('Weight of the term in the utility (default 1).').default(1),
        description: text().optional(),
      }),
    )
    .default([])
    .describe('Utility terms written as expressions, no code needed: evaluated per agent type, origin and destination.'),
  policies: z
    .array(z.looseObject(policyCommonFields))
    .default([])
    .describe('Policy modules switched on, each with its type, schedule, eligibility, budget and own parameters (docs/policies.md).'),
  levers: z
    .array(lever)
    .default([])
    .describe(
      'The numbers `sim explore` shows as sliders (docs/explorer.md): each by its path, as `sim sweep --vary` names it. A file that extends others gathers their levers (one per path, the later file winning).',
    ),
};

export const Scenario = z.strictObject(scenarioShape);
export type ScenarioInput = z.input<typeof Scenario>;
export type Scenario = z.output<typeof Scenario>;

/**
 * The JSON Schema that scenario files point to (`$schema`); written to schema/scenario.schema.json.
 * It checks types, ranges and unknown keys as a file is typed, but requires no field: a file that `extends`
 * another may give only what it changes. Completeness is checked when the scenario loads.
 */
export function scenarioJsonSchema(): object {
  return dropRequired(z.toJSONSchema(Scenario, { io: 'input', unrepresentable: 'any' }));
}

export function dropRequired(node: unknown): any {
  if (Array.isArray(node)) return node.map(dropRequired);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => key !== 'required')
      .map(([key, value]) => [key, dropRequired(value)]),
  );
}
