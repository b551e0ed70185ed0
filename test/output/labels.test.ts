// Field names in words: every key a scenario or a built-in policy module may hold has Chinese and English words, and
// every number of every shipped scenario gets a label with no path part left in it.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { flattenParams } from '../../src/charts/report.js';
import { builtinTerms } from '../../src/core/terms.js';
import { FIELD_WORDS, fieldLabel, hasChinese, idsInWords, POLICY_WORDS } from '../../src/output/labels.js';
import { builtinPolicies } from '../../src/policies/index.js';
import { listScenarios, loadScenarioSync } from '../../src/scenario/load.js';
import { findFactor, numericPaths } from '../../src/scenario/paths.js';
import { Scenario } from '../../src/scenario/schema.js';
import { tinyScenarioInput } from '../fixtures.js';

/** Every key of an object schema reachable from `schema` (through unions, lists, records, defaults and pipes). */
function schemaKeys(schema: z.ZodType, keys = new Set<string>(), seen = new Set<unknown>()): Set<string> {
  if (seen.has(schema)) return keys;
  seen.add(schema);
  const def = (schema as unknown as { _zod: { def: Record<string, any> } })._zod.def;
  const walk = (s: unknown) => s && schemaKeys(s as z.ZodType, keys, seen);
  switch (def.type) {
    case 'object':
      for (const [key, value] of Object.entries(def.shape)) {
        keys.add(key);
        walk(value);
      }
      walk(def.catchall);
      break;
    case 'array':
      walk(def.element);
      break;
    case 'record':
      walk(def.valueType);
      break;
    case 'union':
      def.options.forEach(walk);
      break;
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
    case 'readonly':
      walk(def.innerType);
      break;
    case 'pipe':
      walk(def.in);
      walk(def.out);
      break;
  }
  return keys;
}

const CAMEL = /[a-z][A-Z]/;
const LATIN = /[A-Za-z]/;

const shipped = listScenarios().map((path) => ({ ...loadScenarioSync(path), file: path }));

describe('the words for keys', () => {
  it('has zh and en for every key of the scenario schema, of every built-in module and for every built-in utility term', () => {
    const keys = schemaKeys(Scenario);
    for (const module of Object.values(builtinPolicies)) schemaKeys(module.params as unknown as z.ZodType, keys);
    for (const term of Object.keys(builtinTerms)) keys.add(term);
    // The walk finds the keys (a sample of each source), so an empty set cannot pass.
    expect([...keys]).toEqual(expect.arrayContaining(['wage', 'travelHours', 'retryMonths', 'lumpSum', 'platformsPerStaffYear', 'movingCost']));
    expect([...keys].filter((key) => !FIELD_WORDS[key])).toEqual([]);
  });

  it('writes every word in its language: Chinese for zh, English words without camelCase or Chinese for en', () => {
    for (const [key, words] of Object.entries({ ...FIELD_WORDS, ...POLICY_WORDS })) {
      expect(hasChinese(words.zh), `${key}: ${words.zh}`).toBe(true);
      expect(LATIN.test(words.zh), `${key}: ${words.zh}`).toBe(false);
      expect(hasChinese(words.en) || CAMEL.test(words.en), `${key}: ${words.en}`).toBe(false);
    }
  });

  it('names every built-in policy module', () => {
    expect(Object.keys(POLICY_WORDS).sort()).toEqual(Object.keys(builtinPolicies).sort());
  });
});

describe('fieldLabel on the shipped scenarios', () => {
  /** Checks a label in both languages, with and without the scenario: words, no part of the path left. */
  const check = (path: string, scenario: Scenario | undefined, where: string) => {
    const zh = fieldLabel(path, 'zh', scenario);
    const en = fieldLabel(path, 'en', scenario);
    expect(hasChinese(zh), `${where} ${path}: ${zh}`).toBe(true);
    expect(LATIN.test(zh), `${where} ${path}: ${zh}`).toBe(false);
    expect(hasChinese(en) || CAMEL.test(en), `${where} ${path}: ${en}`).toBe(false);
    expect(en, path).toMatch(/^[A-Z#]/);
    expect(en).not.toContain('[');
  };

  it.each(shipped.map((s) => [s.file, s] as const))(
    '%s: every numeric field (as experiments name it) and every parameter (as the report lists it) in words',
    (_, { scenario }) => {
      const numeric = numericPaths(scenario);
      expect(numeric.length).toBeGreaterThan(100);
      for (const path of numeric) {
        // The path is one an experiment accepts.
        expect(findFactor(scenario, path).label).toBe(path);
        check(path, scenario, 'with its scenario');
        check(path, undefined, 'alone');
      }
      // Levers are the explorer's sliders over these fields, not fields of the model: the report does not list them.
      for (const { path } of flattenParams({ ...scenario, levers: undefined })) check(path, scenario, 'report');
    },
  );

  it('reads an item by id after a dot or in brackets alike, and a trailing .value as the parameter', () => {
    const { scenario } = shipped.find((s) => s.file.endsWith('baseline.yaml'))!;
    for (const lang of ['zh', 'en'] as const) {
      const label = fieldLabel('locations.bazhong.wage.top', lang, scenario);
      expect(fieldLabel('locations[bazhong].wage.top', lang, scenario)).toBe(label);
      expect(fieldLabel('locations.bazhong.wage.top.value', lang)).toBe(label);
      expect(fieldLabel('hazard.perYear.top', lang)).toBe(fieldLabel('hazard.perYear.top', lang, scenario));
    }
  });

  it('gives the expected words for a handful of fields', () => {
    const { scenario } = shipped.find((s) => s.file.endsWith('baseline.yaml'))!;
    const { scenario: subsidy } = shipped.find((s) => s.file.endsWith('subsidy.yaml'))!;
    const cases: [string, Scenario | undefined, string, string][] = [
      ['locations.bazhong.wage.top', undefined, '巴中 · 工资 · 高层次人才', 'Bazhong · wage · top talent'],
      ['locations[bazhong].wage.top', scenario, '巴中 · 工资 · 高层次人才', 'Bazhong · wage · top talent'],
      ['utility.income.coefficient', scenario, '效用 · 收入 · 系数', 'Utility · income · coefficient'],
      ['jobMatching.elasticity', undefined, '就业匹配 · 就业机会弹性', 'Job matching · elasticity of job chances'],
      ['populations[talent in Bazhong].count', scenario, '巴中人才 · 人数', 'Talent in Bazhong · persons'],
      ['hazard.age[0].factor', scenario, '重新择地概率 · 年龄 · 30岁以下 · 倍数', 'Reconsideration hazard · age · under 30 · multiplier'],
      ['hazard.age[1].factor', undefined, '重新择地概率 · 年龄 · 第2档 · 倍数', 'Reconsideration hazard · age · band 2 · multiplier'],
      [
        'lifecycle.upgrades[0].perYear',
        scenario,
        '生命周期 · 层次提升 · 青年人才 → 专业技术人才 · 年概率',
        'Life cycle · tier upgrades · young graduates → professional and technical · probability a year',
      ],
      [
        'entries[graduates of Bazhong\'s colleges].perYear',
        scenario,
        '巴中高校毕业生 · 每年人数',
        "Graduates of Bazhong's colleges · persons a year",
      ],
      ['policies[巴山优才 leading talent].lumpSum', subsidy, '巴山优才（领军人才） · 一次性补助', 'Bashan talent (leading talent) · lump sum'],
      ['policies[subsidy].perYear', undefined, '人才补贴 · 每年补贴', 'Talent subsidies · subsidy a year'],
    ];
    for (const [path, s, zh, en] of cases) {
      expect(fieldLabel(path, 'zh', s), path).toBe(zh);
      expect(fieldLabel(path, 'en', s), path).toBe(en);
    }
  });
});

describe('fieldLabel on any scenario', () => {
  const tiny = Scenario.parse(tinyScenarioInput());

  it("takes a scenario's own labels for its ids, without the parenthesis a long English label ends with", () => {
    const input = tinyScenarioInput();
    input.tiers[0] = { id: 'top', label: '顶尖人才', labelEn: 'Leading experts (national level)' };
    input.locations[0] = { ...input.locations[0], label: '巴州', labelEn: 'Bazhou' };
    const own = Scenario.parse(input);
    expect(fieldLabel('locations.bazhong.wage.top', 'zh', own)).toBe('巴州 · 工资 · 顶尖人才');
    expect(fieldLabel('locations.bazhong.wage.top', 'en', own)).toBe('Bazhou · wage · leading experts');
    // Without the scenario, the shipped words.
    expect(fieldLabel('locations.bazhong.wage.top', 'en')).toBe('Bazhong · wage · top talent');
  });

  it('keeps an unknown part as written, and a path it cannot read as it is', () => {
    expect(fieldLabel('locations.bazhong.fooBar', 'zh', tiny)).toBe('巴中 · fooBar');
    expect(fieldLabel('utility.commute.coefficient', 'en')).toBe('Utility · commute · coefficient');
    expect(fieldLabel('locations.atlantis.wage.top', 'en')).toBe('Atlantis · wage · top talent');
    expect(fieldLabel('a..b', 'zh')).toBe('a..b');
    expect(fieldLabel('', 'en')).toBe('');
  });

  it('writes a value that lists ids in words, and leaves any other value as it is', () => {
    expect(idsInWords('top, graduate', 'zh')).toBe('高层次人才、青年人才');
    expect(idsInWords('chengdu, chongqing', 'en')).toBe('Chengdu, Chongqing');
    expect(idsInWords('emerging', 'zh', tiny)).toBe('新兴产业');
    expect(idsInWords('top, nowhere', 'zh')).toBe('top, nowhere');
    expect(idsInWords('true', 'zh')).toBe('true');
    expect(idsInWords('0.5', 'en')).toBe('0.5');
  });

  it('labels a field within a policy without the policy, for a table under its name', () => {
    const policies = Scenario.parse({ ...tinyScenarioInput(), policies: [{ type: 'subsidy', lumpSum: 1000, eligibility: { age: { max: 35 } } }] });
    expect(fieldLabel('lumpSum', 'zh', policies, { within: 'policies[0]' })).toBe('一次性补助');
    expect(fieldLabel('eligibility.age.max', 'en', policies, { within: 'policies[0]' })).toBe('Eligibility · age · max');
    expect(fieldLabel('policies[0].eligibility.age.max', 'en', policies)).toBe('Talent subsidies · eligibility · age · max');
  });
});
