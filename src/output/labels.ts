// Display names in words, in Chinese and English: a scenario's title, and a scenario field's name (a parameter of a
// sweep, a sensitivity analysis, a posterior or a report's table) instead of its path.
import type { ResolvedScenario } from '../scenario/resolve.js';
import type { Scenario } from '../scenario/schema.js';
import { parseFieldPath } from '../scenario/paths.js';
import type { Lang } from './format.js';

/** A scenario's display name in charts, tables and summaries: its `title` (its name when it gives none). */
export function scenarioTitle(scenario: Pick<ResolvedScenario, 'title'>, lang: Lang): string {
  return scenario.title[lang];
}

/** A scenario's one-sentence summary in `lang` (empty when it gives none). */
export function scenarioSummary(scenario: Pick<ResolvedScenario, 'summary'>, lang: Lang): string {
  return scenario.summary[lang];
}

/** A name in both languages. */
export type Words = Readonly<Record<Lang, string>>;
const w = (zh: string, en: string): Words => ({ zh, en });

/**
 * Every key of a scenario file (src/scenario/schema.ts), of the built-in policy modules' parameters
 * (src/policies/*.ts) and the built-in utility terms (src/core/terms.ts), in words. English is lower case: a label
 * starts with a capital only at its start. test/output/labels.test.ts checks that no key of the schema or of a
 * module is missing.
 */
export const FIELD_WORDS: Readonly<Record<string, Words>> = {
  // ---- scenario file ----
  $schema: w('模式文件', 'schema file'),
  age: w('年龄', 'age'),
  agglomeration: w('人才集聚', 'agglomeration'),
  awareness: w('知晓度', 'awareness'),
  budget: w('年度预算', 'budget a year'),
  burnInYears: w('预热年数', 'burn-in years'),
  coefficient: w('系数', 'coefficient'),
  coefficients: w('系数', 'coefficients'),
  count: w('人数', 'persons'),
  culture: w('文化生活', 'culture'),
  description: w('说明', 'description'),
  diaspora: w('在外乡友', 'natives living elsewhere'),
  elasticity: w('弹性', 'elasticity'),
  elderlyCare: w('养老', 'elderly care'),
  eligibility: w('适用对象', 'eligibility'),
  en: w('英文', 'English'),
  enabled: w('启用', 'enabled'),
  end: w('结束年份', 'last year'),
  entries: w('新进入人群', 'entry streams'),
  expr: w('表达式', 'expression'),
  extends: w('继承', 'extends'),
  factor: w('倍数', 'multiplier'),
  family: w('家庭阶段构成', 'family stages'),
  familyStages: w('家庭阶段', 'family stages'),
  firstJob: w('首份工作选择', 'first-job choice'),
  floor: w('最低就业机会', 'lowest job chance'),
  from: w('从', 'from'),
  hazard: w('重新择地概率', 'reconsideration hazard'),
  healthcare: w('医疗', 'healthcare'),
  home: w('本市', 'home city'),
  housingCost: w('房价', 'housing price'),
  id: w('标识', 'id'),
  industries: w('产业构成', 'industries'),
  industryWage: w('分产业工资系数', 'wage by industry'),
  jobGrowth: w('岗位年增长率', 'job growth a year'),
  jobMatching: w('就业匹配', 'job matching'),
  jobSlack: w('岗位余量', 'job slack'),
  jobsPerArrival: w('每名迁入者带来的岗位', 'jobs per arrival'),
  label: w('名称', 'label'),
  levers: w('杠杆（滑块）', 'levers (sliders)'),
  labelEn: w('英文名称', 'English label'),
  lifecycle: w('生命周期', 'life cycle'),
  location: w('所在地', 'location'),
  locations: w('地区', 'locations'),
  max: w('上限', 'max'),
  min: w('下限', 'min'),
  months: w('进入月份', 'months of entry'),
  name: w('名称', 'name'),
  native: w('巴中籍比例', 'share native'),
  note: w('备注', 'note'),
  others: w('其他人群', 'everyone else'),
  path: w('字段路径', 'field path'),
  perYear: w('年概率', 'probability a year'),
  platforms: w('创新平台', 'platforms'),
  plugins: w('插件', 'plugins'),
  policies: w('政策', 'policies'),
  policyAwareness: w('政策知晓度', 'policy awareness'),
  populations: w('起始人群', 'starting populations'),
  posterior: w('后验集合', 'posterior ensemble'),
  range: w('区间', 'range'),
  step: w('步长', 'step'),
  recruitedTiers: w('计入引进人才的层次', 'tiers counted as recruited'),
  resident: w('本地在职', 'already resident'),
  residents: w('本地居民', 'residents'),
  retirementAge: w('退休年龄', 'retirement age'),
  retryMonths: w('再次选择前的求职月数', 'months before choosing again'),
  run: w('运行设置', 'run settings'),
  runs: w('重复次数', 'replications'),
  scale: w('每个主体代表人数', 'persons per agent'),
  schools: w('教育', 'schools'),
  sd: w('标准差', 'standard deviation'),
  seed: w('随机种子', 'seed'),
  serviceWeights: w('公共服务权重', 'service weights'),
  services: w('公共服务', 'public services'),
  source: w('来源', 'source'),
  start: w('开始年份', 'first year'),
  startYear: w('起始年份', 'start year'),
  summary: w('摘要', 'summary'),
  talentPool: w('全市人才总量', "city's talent pool"),
  taste: w('地区偏好', 'taste for places'),
  tenure: w('在当地年数', 'years in place'),
  terms: w('表达式效用项', 'expression terms'),
  tick: w('时间步', 'tick'),
  ticksPerYear: w('每年时间步数', 'ticks per year'),
  tiers: w('人才层次构成', 'tiers'),
  title: w('标题', 'title'),
  to: w('到', 'to'),
  topTiers: w('计入高层次人才的层次', 'tiers counted as top talent'),
  travelHours: w('通行时间（小时）', 'travel hours'),
  type: w('模块', 'module'),
  upTo: w('上界', 'up to'),
  upgrades: w('层次提升', 'tier upgrades'),
  unit: w('单位', 'unit'),
  utility: w('效用', 'utility'),
  vacancyDecay: w('空缺岗位年消减率', 'vacancy decay a year'),
  value: w('取值', 'value'),
  wage: w('工资', 'wage'),
  wageFactor: w('工资系数', 'wage factor'),
  wageGrowth: w('工资年增长率', 'wage growth a year'),
  years: w('年数', 'years'),
  zh: w('中文', 'Chinese'),
  // ---- built-in utility terms ----
  income: w('收入', 'income'),
  jobChance: w('就业机会', 'job chance'),
  housing: w('住房成本', 'housing cost'),
  hometown: w('乡情', 'hometown'),
  distance: w('距离', 'distance'),
  movingCost: w('迁移成本', 'moving cost'),
  // ---- policy modules' parameters ----
  acceptance: w('接受意愿', 'acceptance'),
  approachesPerPlace: w('每个名额接触人数', 'approaches per place'),
  atZeroPrice: w('零价格时的需求', 'demand at no cost'),
  audienceWeights: w('受众权重', 'audience weights'),
  awardUtility: w('获奖留任效用', 'utility of holding the award'),
  awardYears: w('获奖持有年数', 'years holding the award'),
  base: w('基准对数几率', 'base log-odds'),
  bindYears: w('服务年限', 'years bound to stay'),
  bondUtility: w('服务期效用', 'utility while bonded'),
  bondYears: w('服务期年数', 'bond years'),
  builds: w('建设计划', 'builds'),
  careerValue: w('职业发展价值', 'career value'),
  chokePrice: w('需求为零的价格', 'choke price'),
  contactCost: w('每次联络成本', 'cost per contact'),
  contactsPerYear: w('每年联络人数', 'contacts a year'),
  coordinationCostPerYear: w('每年协调成本', 'coordination cost a year'),
  cost: w('单位建设成本', 'cost per unit'),
  costPerJob: w('每个岗位补贴', 'subsidy per job'),
  costPerPlace: w('每个名额年成本', 'cost per place a year'),
  costPerPlatform: w('每个平台成本', 'cost per platform'),
  costPerPromotion: w('每次晋升奖励', 'award per promotion'),
  costPerTrainee: w('每名学员成本', 'cost per trainee'),
  databaseCost: w('乡友数据库年费用', 'database cost a year'),
  days: w('每周占用天数', 'days a week'),
  demand: w('用人单位需求', "employers' demand"),
  discountRate: w('贴现率', 'discount rate'),
  employerShare: w('用人单位承担比例', "employer's share"),
  enrolCost: w('报名成本权重', 'weight of own cost'),
  enrolGain: w('报名收益权重', 'weight of expected gain'),
  enrolIntercept: w('报名意愿截距', 'enrolment intercept'),
  feePerHire: w('每引进一人猎头费', 'fee per hire'),
  firmSubsidy: w('企业引才补贴', 'subsidy to the firm per hire'),
  frictionCut: w('迁移阻力削减比例', 'friction cut'),
  fte: w('工作量（全职当量）', 'full-time equivalent'),
  grants: w('一次性补助', 'grants'),
  hassleCny: w('申领麻烦成本', 'hassle of claiming'),
  hassleSpread: w('申领成本离散度', 'spread of the hassle'),
  housingCut: w('住房成本降幅', 'housing cost cut'),
  increments: w('公共服务提升', 'service increments'),
  industry: w('产业', 'industry'),
  investmentPerTeam: w('每个团队投资', 'investment per team'),
  jobChanceAtHome: w('在巴中找到工作的概率', 'job chance in Bazhong'),
  jobTiers: w('新岗位层次构成', 'tiers of the new jobs'),
  jobsPerYear: w('每年新增岗位', 'jobs a year'),
  landing: w('成果落地', 'results landing at home'),
  localStarters: w('本地起步者可申请', 'local starters count'),
  lumpSum: w('一次性补助', 'lump sum'),
  minTenureYears: w('最低任职年限', 'minimum years in place'),
  newcomersOnly: w('仅限新引进者', 'newcomers only'),
  offerPremium: w('薪酬溢价', 'offer premium'),
  orderShare: w('订单式培养比例', 'share trained to order'),
  passRate: w('评价通过率', 'pass rate'),
  pay: w('报酬', 'pay'),
  payoutDelayMonths: w('兑现延迟（月）', 'payout delay in months'),
  places: w('名额', 'places'),
  platformCost: w('平台运行年费用', 'platform cost a year'),
  platformsEach: w('每单位折合平台数', 'platforms per unit'),
  platformsElasticity: w('对创新平台的弹性', 'elasticity to platforms'),
  platformsPerStaffYear: w('每人年新增平台', 'platforms per staff-year'),
  platformsPerYear: w('每年新建平台', 'platforms a year'),
  positions: w('岗位数', 'posts'),
  positionsPerStaffYear: w('每人年新增岗位', 'positions per staff-year'),
  programmeCost: w('项目运行年费用', 'programme cost a year'),
  promotions: w('晋升路径', 'promotions'),
  promotionsPerYear: w('每年晋升名额', 'promotions a year'),
  quitPerYear: w('年退出率', 'quit rate a year'),
  reach: w('年触达率', 'reach a year'),
  reachPer10M: w('每千万元年触达率', 'reach per 10 M CNY'),
  reachPerYear: w('年触达率', 'reach a year'),
  redemptionCostPerYear: w('兑现服务年费用', 'redemption service cost a year'),
  redemptionSpeed: w('兑现速度系数', 'redemption speed factor'),
  region: w('一体化区域', 'integrated region'),
  rent: w('租金', 'rent'),
  runningCost: w('运行成本', 'running cost'),
  slots: w('名额', 'slots'),
  spendPerYear: w('每年宣传投入', 'spending a year'),
  startupGrant: w('返乡创业补助', 'return-startup grant'),
  studyMonths: w('脱产学习月数', 'months of study'),
  successRate: w('结业通过率', 'pass rate'),
  takeUp: w('申领率', 'take-up'),
  targetIndustry: w('订单产业', 'target industry'),
  targets: w('宣传的政策', 'policies promoted'),
  teamLeaders: w('团队带头人层次', 'tiers leading a team'),
  teamPull: w('团队吸引力', 'team pull'),
  teamSize: w('团队规模', 'team size'),
  termYears: w('期限（年）', 'term in years'),
  traineeFee: w('学员自付费用', 'trainee fee'),
  traineesPerYear: w('每年培训名额', 'trainees a year'),
  wagePremium: w('工资溢价', 'wage premium'),
  wordOfMouth: w('口碑传播', 'word of mouth'),
  worthAtMost: w('价值上限', 'worth at most'),
  year: w('年份', 'year'),
};

/** A key whose meaning depends on where it is: `parent.key`, the parent being the key or list above it. */
const FIELD_WORDS_IN: Readonly<Record<string, Words>> = {
  'entries.perYear': w('每年人数', 'persons a year'),
  'entries.firstJob': w('选择首份工作', 'choose a first job'),
  'policies.perYear': w('每年补贴', 'subsidy a year'),
  'policies.tiers': w('人才层次', 'tiers'),
  'policies.industries': w('产业', 'industries'),
  'policies.from': w('专家所在地', 'where the experts live'),
  'policies.upgrades': w('培训提升路径', 'tier reached by training'),
  'policies.years': w('留任年数', 'years to stay'),
  'policies.location': w('中心所在地', 'location of the centre'),
  'builds.count': w('建设数量', 'units built'),
  'builds.label': w('建设内容', 'what is built'),
  'builds.runningCost': w('单位年运行成本', 'running cost per unit a year'),
  'eligibility.tiers': w('人才层次', 'tiers'),
  'eligibility.industries': w('产业', 'industries'),
  'eligibility.native': w('仅限巴中籍', 'natives only'),
  'eligibility.locations': w('居住地', 'where they live'),
  'lifecycle.family': w('家庭阶段变化', 'family-stage changes'),
  'landing.tiers': w('新岗位层次构成', 'tiers of the new jobs'),
  'run.years': w('模拟年数', 'simulated years'),
  'acceptance.pay': w('报酬效应', 'effect of pay'),
  'acceptance.wage': w('工资效应', 'effect of wage'),
  'acceptance.native': w('巴中籍加成', 'native bonus'),
  'acceptance.travelHours': w('通行时间效应', 'effect of travel hours'),
  'acceptance.days': w('占用天数效应', 'effect of days taken'),
  'agglomeration.tiers': w('驱动集聚的层次', 'tiers that drive it'),
  'agglomeration.elasticity': w('平台弹性', 'elasticity of platforms'),
  'jobMatching.elasticity': w('就业机会弹性', 'elasticity of job chances'),
};

/** The ids of the shipped scenarios (tiers, industries, family stages, locations), for a path read without its scenario. */
const ID_WORDS: Readonly<Record<string, Words>> = {
  top: w('高层次人才', 'top talent'),
  professional: w('专业技术人才', 'professional and technical'),
  skilled: w('技能人才', 'skilled workers'),
  graduate: w('青年人才', 'young graduates'),
  traditional: w('传统产业', 'traditional industry'),
  emerging: w('新兴产业', 'emerging industry'),
  public: w('公共服务业', 'public services'),
  single: w('单身', 'single'),
  children: w('有子女', 'with children'),
  elderly: w('赡养父母', 'caring for elderly parents'),
  bazhong: w('巴中', 'Bazhong'),
  chengdu: w('成都', 'Chengdu'),
  chongqing: w('重庆', 'Chongqing'),
  elsewhere: w('其他地区', 'elsewhere'),
};

/** The built-in policy modules by type (src/policies/index.ts), as a policy with no name of its own is called. */
export const POLICY_WORDS: Readonly<Record<string, Words>> = {
  subsidy: w('人才补贴', 'talent subsidies'),
  publicity: w('宣传与落实', 'publicity'),
  'industry-program': w('产业人才专项', 'industry talent programme'),
  'flexible-hiring': w('柔性引才', 'flexible hiring'),
  enclave: w('飞地引才', 'enclave centre'),
  remote: w('远程协作', 'remote collaboration'),
  'market-recruitment': w('市场化引才', 'market recruitment'),
  hometown: w('乡情引才', 'hometown recruitment'),
  training: w('人才培育', 'training'),
  services: w('人才服务', 'services for talent'),
  platforms: w('创业环境与平台', 'platforms and parks'),
  integration: w('成渝一体化', 'regional integration'),
  career: w('评价与激励', 'evaluation and awards'),
};

/**
 * The names written in the shipped scenarios (starting populations, entry streams, policies, builds), each in the
 * other language; a name not here is shown as written.
 */
const NAME_WORDS: Readonly<Record<string, Words>> = {
  'talent in Bazhong': w('巴中人才', 'talent in Bazhong'),
  'Bazhong natives in Chengdu': w('在成都的巴中籍人才', 'Bazhong natives in Chengdu'),
  'Bazhong natives in Chongqing': w('在重庆的巴中籍人才', 'Bazhong natives in Chongqing'),
  'Bazhong natives elsewhere': w('在其他地区的巴中籍人才', 'Bazhong natives elsewhere'),
  'recruitable talent in Chengdu': w('成都可引进人才', 'recruitable talent in Chengdu'),
  'recruitable talent in Chongqing': w('重庆可引进人才', 'recruitable talent in Chongqing'),
  'recruitable talent elsewhere': w('其他地区可引进人才', 'recruitable talent elsewhere'),
  "graduates of Bazhong's colleges": w('巴中高校毕业生', "graduates of Bazhong's colleges"),
  'newly certified skilled workers in Bazhong': w('巴中新增技能人才', 'newly certified skilled workers in Bazhong'),
  'Bazhong natives graduating in Chengdu': w('在成都毕业的巴中籍学生', 'Bazhong natives graduating in Chengdu'),
  'Bazhong natives graduating in Chongqing': w('在重庆毕业的巴中籍学生', 'Bazhong natives graduating in Chongqing'),
  'Bazhong natives graduating elsewhere': w('在其他地区毕业的巴中籍学生', 'Bazhong natives graduating elsewhere'),
  "graduates joining Chengdu's recruitable pool": w('进入成都可引进人才的毕业生', "graduates joining Chengdu's recruitable pool"),
  "graduates joining Chongqing's recruitable pool": w('进入重庆可引进人才的毕业生', "graduates joining Chongqing's recruitable pool"),
  'graduates joining the pool elsewhere': w('进入其他地区可引进人才的毕业生', 'graduates joining the pool elsewhere'),
  'experienced hires joining the pool elsewhere': w('进入其他地区可引进人才的有经验者', 'experienced hires joining the pool elsewhere'),
  '评价改革 and 巴山英才奖': w('评价改革与巴山英才奖', 'evaluation reform and Bashan talent award'),
  '雏鹰计划 young talent': w('雏鹰计划（青年人才）', 'Young Eagles (young talent)'),
  '巴山优才 leading talent': w('巴山优才（领军人才）', 'Bashan talent (leading talent)'),
  '一人一策 top talent': w('一人一策（高层次人才）', 'one talent, one policy (top talent)'),
  候鸟型专家: w('候鸟型专家', 'migratory experts'),
  成都离岸创新中心: w('成都离岸创新中心', 'offshore innovation centre in Chengdu'),
  重庆离岸创新中心: w('重庆离岸创新中心', 'offshore innovation centre in Chongqing'),
  云上实验室: w('云上实验室', 'cloud lab'),
  '猎头合作 and 企业引才补贴': w('猎头合作与企业引才补贴', 'headhunters and firm recruitment subsidies'),
  '以投代引 teams': w('以投代引（团队）', 'investment for teams'),
  百万乡友: w('百万乡友', 'a million natives abroad'),
  '进修学院 and 实训基地': w('进修学院与实训基地', 'training college and bases'),
  订单式培养: w('订单式培养', 'training to order'),
  '巴中人才创新创业园 (talent innovation and startup park)': w('巴中人才创新创业园', 'talent innovation and startup park'),
  '川东北数字经济产业园 (digital economy cluster)': w('川东北数字经济产业园', 'digital economy cluster'),
  '秦巴山区特色农业创新园 (Qinba mountain agriculture cluster)': w('秦巴山区特色农业创新园', 'Qinba mountain agriculture cluster'),
  'provincial key labs and engineering research centres (二(四))': w('省级重点实验室和工程技术研究中心', 'provincial key labs and engineering research centres'),
};

/** Lists of items, by the keys above them (`*`: any item): their items are named by id, name or index. */
const LISTS = new Set([
  'tiers',
  'industries',
  'familyStages',
  'locations',
  'populations',
  'entries',
  'policies',
  'terms',
  'hazard.age',
  'hazard.tenure',
  'lifecycle.upgrades',
  'lifecycle.family',
  'policies.*.builds',
]);

/** Records keyed by the ids of tiers, industries, family stages or locations: their keys are looked up as ids first. */
const BY_ID = new Set(['wage', 'industryWage', 'platforms', 'travelHours', 'tiers', 'industries', 'family', 'perYear', 'grants', 'jobTiers', 'upgrades', 'promotions']);

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const HAN = /\p{Script=Han}/u;

/** A label as shown: English loses the parenthesis a long label ends with, and a common noun its capital. */
function shortLabel(label: string, lang: Lang, properNoun: boolean): string {
  const short = label.replace(/\s*[（(][^()（）]*(\([^()]*\)[^()（）]*)*[)）]\s*$/, '') || label;
  return lang === 'en' && !properNoun && /^[A-Z][a-z]/.test(short) ? short[0].toLowerCase() + short.slice(1) : short;
}

/** An id of a tier, industry, family stage or location: from the scenario's own labels, else the shipped ids'. */
function idWords(id: string, lang: Lang, scenario?: Scenario): string | undefined {
  if (scenario)
    for (const [list, proper] of [
      ['tiers', false],
      ['industries', false],
      ['familyStages', false],
      ['locations', true],
    ] as const) {
      const item = (scenario[list] as { id: string; label: string; labelEn?: string }[] | undefined)?.find((x) => x.id === id);
      if (item) return lang === 'en' ? (item.labelEn ? shortLabel(item.labelEn, 'en', proper) : (ID_WORDS[id]?.en ?? id)) : shortLabel(item.label, 'zh', proper);
    }
  return ID_WORDS[id]?.[lang];
}

/** An id of a tier, industry, family stage or location in words (the scenario's labels, else the shipped ids'); undefined when unknown. */
export function idLabel(id: string, lang: Lang, scenario?: Scenario): string | undefined {
  return idWords(id, lang, scenario);
}

/** A list of ids as a table shows it ("top, graduate") in words: 高层次人才、青年人才. Anything else is returned as it is. */
export function idsInWords(text: string, lang: Lang, scenario?: Scenario): string {
  const words = text.split(', ').map((id) => idWords(id, lang, scenario));
  return words.every((word) => word !== undefined) ? words.join(lang === 'zh' ? '、' : ', ') : text;
}

/** A name written in a scenario (a group, a policy, a build): in `lang` when a shipped scenario's, else as written. */
function nameWords(name: string, lang: Lang): string {
  return NAME_WORDS[name]?.[lang] ?? name;
}

/** The item of a list that `part` names: by id, name, a unique type, or index (as src/scenario/paths.ts finds it). */
function findItem(list: unknown[], part: string | number): unknown {
  if (typeof part === 'number') return list[part];
  for (const key of ['id', 'name']) {
    const found = list.find((item) => isObject(item) && item[key] === part);
    if (found) return found;
  }
  const byType = list.filter((item) => isObject(item) && item.type === part);
  return byType.length === 1 ? byType[0] : undefined;
}

/** The `n`th (from 1) of a list, for an item with no name. */
const nth = (n: number, lang: Lang) => (lang === 'zh' ? `第${n}项` : `#${n}`);

/** An item of a list in words: a tier, industry, stage or location by its label; a group, policy or build by its name. */
function itemWords(list: string, part: string | number, item: unknown, lang: Lang, scenario: Scenario | undefined, siblings: unknown[] | undefined): string {
  const zh = lang === 'zh';
  const o = isObject(item) ? item : {};
  if (['tiers', 'industries', 'familyStages', 'locations'].includes(list)) {
    const id = typeof o.id === 'string' ? o.id : String(part);
    return idWords(id, lang, scenario) ?? (typeof part === 'number' ? nth(part + 1, lang) : id);
  }
  if (list === 'policies') {
    if (typeof o.name === 'string') return nameWords(o.name, lang);
    const type = typeof o.type === 'string' ? o.type : String(part);
    return POLICY_WORDS[type]?.[lang] ?? (typeof part === 'number' ? nth(part + 1, lang) : nameWords(type, lang));
  }
  if (list === 'hazard.age' || list === 'hazard.tenure') {
    const index = typeof part === 'number' ? part : Number(part);
    if (typeof o.upTo !== 'number' || !siblings) return zh ? `第${index + 1}档` : `band ${index + 1}`;
    const previous = index > 0 ? (siblings[index - 1] as { upTo?: unknown } | undefined)?.upTo : undefined;
    const low = typeof previous === 'number' ? previous : 0;
    const unit = list === 'hazard.age' ? (zh ? '岁' : '') : zh ? '年' : o.upTo === 1 ? ' year' : ' years';
    return low === 0 ? (zh ? `${o.upTo}${unit}以下` : `under ${o.upTo}${unit}`) : `${low}–${o.upTo}${unit}`;
  }
  if (list === 'lifecycle.upgrades' || list === 'lifecycle.family') {
    if (typeof o.from === 'string' && typeof o.to === 'string')
      return `${idWords(o.from, lang, scenario) ?? o.from} → ${idWords(o.to, lang, scenario) ?? o.to}`;
    return typeof part === 'number' ? nth(part + 1, lang) : String(part);
  }
  if (list === 'policies.*.builds' && typeof o.label === 'string') return nameWords(o.label, lang);
  const name = typeof o.name === 'string' ? o.name : typeof part === 'string' ? part : undefined;
  return name !== undefined ? nameWords(name, lang) : nth((part as number) + 1, lang);
}

/** A key in words: where it is first (`parent.key`), then the key alone; undefined when unknown. */
function keyWords(key: string, parent: string | undefined, lang: Lang): string | undefined {
  return (parent !== undefined ? FIELD_WORDS_IN[`${parent}.${key}`] : undefined)?.[lang] ?? FIELD_WORDS[key]?.[lang];
}

/**
 * The parts of a field's name in words, one per part of its path (see fieldLabel). A part with no words known is
 * kept as written; a path that cannot be read is one part, itself.
 */
export function fieldLabelParts(path: string, lang: Lang, scenario?: Scenario): string[] {
  let parts: (string | number)[];
  try {
    parts = parseFieldPath(path);
  } catch {
    return [path];
  }
  // A trailing `.value` names the number of a parameter written with its range and source: the parameter itself.
  if (parts.length > 1 && parts[parts.length - 1] === 'value') parts.pop();
  const out: string[] = [];
  const keys: string[] = []; // the keys so far, `*` for an item of a list
  let node: unknown = scenario;
  for (const part of parts) {
    const chain = keys.join('.');
    const parent = [...keys].reverse().find((k) => k !== '*');
    // A list: by the keys above it, or (with the scenario) by what is there.
    const listName = LISTS.has(chain) ? chain : Array.isArray(node) ? chain : undefined;
    if (listName !== undefined && keys.length > 0) {
      const list = Array.isArray(node) ? node : undefined;
      const item = list ? findItem(list, part) : undefined;
      // A list of the scenario's top level is named by its item alone (巴中, not 地区 · 巴中).
      if (keys.length === 1) out.pop();
      out.push(itemWords(listName, part, item, lang, scenario, list));
      keys.push('*');
      node = item;
      continue;
    }
    if (typeof part === 'number') {
      out.push(nth(part + 1, lang));
      keys.push('*');
      node = Array.isArray(node) ? node[part] : undefined;
      continue;
    }
    const last = keys[keys.length - 1];
    const asId = () => idWords(part, lang, scenario);
    const asKey = () => keyWords(part, parent, lang);
    out.push((last !== undefined && BY_ID.has(last) ? (asId() ?? asKey()) : (asKey() ?? asId())) ?? part);
    keys.push(part);
    node = isObject(node) ? node[part] : undefined;
  }
  return out;
}

/**
 * A scenario field's name in words, from its canonical path (`locations.bazhong.wage.top`, as experiments and
 * posteriors name it; list items by id, or by name in brackets; or `locations[bazhong].wage.top`, as the report's
 * tables do): e.g. 巴中 · 工资 · 高层次人才 / Bazhong · wage · top talent. Ids of tiers, industries, family stages and
 * locations take the scenario's own labels when it is given (else the shipped scenarios' words), and an item of a
 * list with no id (an age band, a tier upgrade) is named from what it holds. A part with no words known is kept as
 * written, so an unknown path reads as itself. `within`: the path is relative to this one (`policies[2]`), whose
 * words are left out (a table of a policy's parameters under the policy's name).
 */
export function fieldLabel(path: string, lang: Lang, scenario?: Scenario, options: { within?: string } = {}): string {
  const parts = options.within ? fieldLabelParts(`${options.within}.${path}`, lang, scenario).slice(fieldLabelParts(options.within, lang, scenario).length) : fieldLabelParts(path, lang, scenario);
  const text = parts.join(' · ');
  return lang === 'en' && /^[a-z]/.test(text) ? text[0].toUpperCase() + text.slice(1) : text;
}

/** Whether `text` has Chinese characters (for tests and checks of a zh label). */
export const hasChinese = (text: string): boolean => HAN.test(text);
