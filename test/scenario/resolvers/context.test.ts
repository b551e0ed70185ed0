// ResolveContext and checkNames: reading numbers and ids, keyed records, shares, masks, ranges inside free-form entries, and duplicate names.
import { describe, expect, it } from 'vitest';
import { checkNames } from '../../../src/scenario/resolvers/context.js';
import type { ScenarioInput } from '../../../src/scenario/schema.js';
import { assumptionPaths, contextOf } from './support.js';

describe('value', () => {
  it('gives a plain number as it is, and lists no assumption', () => {
    const ctx = contextOf();
    expect(ctx.value(0.3, ['taste', 'sd'])).toBe(0.3);
    expect(ctx.assumptions).toEqual([]);
  });

  it('gives a {value} without a range as its value, and lists no assumption: only a range makes it one', () => {
    const ctx = contextOf();
    expect(ctx.value({ value: 0.4, source: 'census' }, ['taste', 'sd'])).toBe(0.4);
    expect(ctx.assumptions).toEqual([]);
  });

  it('lists a ranged number as an assumption with its range and source, once per path, in the order met', () => {
    const ctx = contextOf();
    const wage = { value: 80000, range: [70000, 90000] as [number, number], source: 'survey' };
    const sd = { value: 0.5, range: [0.2, 0.8] as [number, number] };
    expect(ctx.value(wage, ['locations', 0, 'wage', 'professional'])).toBe(80000);
    expect(ctx.value(sd, ['taste', 'sd'])).toBe(0.5);
    expect(ctx.value(wage, ['locations', 0, 'wage', 'professional'])).toBe(80000);
    // The same number at another path is another assumption.
    expect(ctx.value(wage, ['locations', 1, 'wage', 'professional'])).toBe(80000);
    expect(ctx.assumptions).toEqual([
      { path: ['locations', 0, 'wage', 'professional'], value: 80000, range: [70000, 90000], source: 'survey' },
      { path: ['taste', 'sd'], value: 0.5, range: [0.2, 0.8], source: undefined },
      { path: ['locations', 1, 'wage', 'professional'], value: 80000, range: [70000, 90000], source: 'survey' },
    ]);
    expect(ctx.issues).toEqual([]);
  });
});

describe('indexOf', () => {
  it('gives the index of a known id and records nothing', () => {
    const ctx = contextOf();
    expect(ctx.indexOf(ctx.tierIds, 'skilled', 'tier', ['topTiers', 0])).toBe(2);
    expect(ctx.issues).toEqual([]);
  });

  it('gives -1 for a close typo and suggests the id meant', () => {
    const ctx = contextOf();
    expect(ctx.indexOf(ctx.tierIds, 'tpo', 'tier', ['topTiers', 0])).toBe(-1);
    expect(ctx.issues).toEqual([{ path: ['topTiers', 0], message: 'unknown tier "tpo"', hint: 'did you mean "top"?' }]);
  });

  it('gives -1 for an id far from every known one and lists the known ids', () => {
    const ctx = contextOf();
    expect(ctx.indexOf(ctx.locationIds, 'mianyang', 'location', ['populations', 1, 'location'])).toBe(-1);
    expect(ctx.issues).toEqual([
      { path: ['populations', 1, 'location'], message: 'unknown location "mianyang"', hint: 'known location ids: bazhong, chengdu, chongqing, elsewhere' },
    ]);
  });
});

describe('byId', () => {
  const path = ['locations', 1, 'wage'];

  it('puts a complete record in id order, whatever order its keys are written in, listing ranged values', () => {
    const ctx = contextOf();
    const record = { skilled: 3, top: { value: 1, range: [0, 2] as [number, number] }, professional: 2 };
    expect(ctx.byId(record, ctx.tierIds, 'tier', path, true)).toEqual([1, 2, 3]);
    expect(ctx.issues).toEqual([]);
    expect(assumptionPaths(ctx)).toEqual(['locations.1.wage.top']);
  });

  it('when complete, a missing id is a problem at the record, with the line to add, and takes the fallback', () => {
    const ctx = contextOf();
    expect(ctx.byId({ top: 1, skilled: 3 }, ctx.tierIds, 'tier', path, true, 9)).toEqual([1, 9, 3]);
    expect(ctx.issues).toEqual([{ path, message: 'no value for tier "professional"', hint: 'add "professional: <number>" under wage' }]);
  });

  it('when not complete, a missing id quietly takes the fallback (0 unless given)', () => {
    const ctx = contextOf();
    expect(ctx.byId({ emerging: 5 }, ctx.industryIds, 'industry', ['locations', 0, 'platforms'], false)).toEqual([0, 5]);
    expect(ctx.byId({ emerging: 5 }, ctx.industryIds, 'industry', ['locations', 0, 'platforms'], false, 7)).toEqual([7, 5]);
    expect(ctx.issues).toEqual([]);
  });

  it('an unknown key is a problem at that key, and is left out', () => {
    const ctx = contextOf();
    expect(ctx.byId({ top: 1, professional: 2, skilled: 3, skiled: 4 }, ctx.tierIds, 'tier', path, true)).toEqual([1, 2, 3]);
    expect(ctx.issues).toEqual([{ path: [...path, 'skiled'], message: 'unknown tier "skiled"', hint: 'did you mean "skilled"?' }]);
  });
});

describe('normalised', () => {
  const path = ['populations', 0, 'tiers'];

  it('scales shares to sum to 1, in id order, a missing id having share 0', () => {
    const ctx = contextOf();
    const shares = ctx.normalised({ skilled: 0.5, top: 0.25 }, ctx.tierIds, 'tier', path);
    expect(shares).toEqual([0.25 / 0.75, 0, 0.5 / 0.75]);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(ctx.issues).toEqual([]);
  });

  it('lists a ranged share as an assumption with its value as written, not normalised', () => {
    const ctx = contextOf();
    expect(ctx.normalised({ top: { value: 0.5, range: [0.25, 1] }, skilled: 0.5 }, ctx.tierIds, 'tier', path)).toEqual([0.5, 0, 0.5]);
    expect(ctx.assumptions).toEqual([{ path: [...path, 'top'], value: 0.5, range: [0.25, 1], source: undefined }]);
  });

  it.each([
    ['all zero', { top: 0, skilled: 0 }],
    ['empty', {}],
  ])('refuses shares that add up to 0 (%s), giving them unscaled', (_case, record) => {
    const ctx = contextOf();
    expect(ctx.normalised(record, ctx.tierIds, 'tier', path)).toEqual([0, 0, 0]);
    expect(ctx.issues).toEqual([{ path, message: 'the tier shares add up to 0', hint: 'give at least one tier a positive share' }]);
  });
});

describe('mask', () => {
  const path = ['policies', 0, 'eligibility', 'tiers'];

  it('with nothing chosen, admits every id', () => {
    const ctx = contextOf();
    expect([...ctx.mask(ctx.tierIds, undefined, 'tier', path)]).toEqual([1, 1, 1]);
  });

  it('with ids chosen, admits those only, in id order', () => {
    const ctx = contextOf();
    expect([...ctx.mask(ctx.tierIds, ['skilled', 'top'], 'tier', path)]).toEqual([1, 0, 1]);
    expect(ctx.issues).toEqual([]);
  });

  it('an unknown id is a problem at its place in the list, and admits nothing', () => {
    const ctx = contextOf();
    expect([...ctx.mask(ctx.locationIds, ['chengdu', 'chengdou'], 'location', path)]).toEqual([0, 1, 0, 0]);
    expect(ctx.issues).toEqual([{ path: [...path, 1], message: 'unknown location "chengdou"', hint: 'did you mean "chengdu"?' }]);
  });

  // Bug in src: core/scenario.ts documents Eligibility as "every list empty or absent means everyone", and mask's own
  // comment says "for every id when none are chosen", but an empty list gives an all-zero mask (nobody is eligible).
  it('an empty list chooses no id, so admits none (only an absent list admits every id, as Eligibility documents)', () => {
    const ctx = contextOf();
    expect([...ctx.mask(ctx.tierIds, [], 'tier', path)]).toEqual([0, 0, 0]);
  });
});

describe('collectRanges', () => {
  it('lists every {value, range} inside a free-form entry with its path, object keys and list indices alike', () => {
    const ctx = contextOf();
    const params = {
      plain: 3,
      fixed: { value: 2 },
      rate: { value: 0.1, range: [0, 0.2], source: 'assumption' },
      acceptance: { base: -1, wage: { value: 8, range: [4, 12] } },
      steps: [1, { value: 5, range: [4, 6] }],
    };
    ctx.collectRanges(params, ['policies', 2]);
    expect(ctx.assumptions).toEqual([
      { path: ['policies', 2, 'rate'], value: 0.1, range: [0, 0.2], source: 'assumption' },
      { path: ['policies', 2, 'acceptance', 'wage'], value: 8, range: [4, 12], source: undefined },
      { path: ['policies', 2, 'steps', 1], value: 5, range: [4, 6], source: undefined },
    ]);
  });

  it('finds nothing in plain numbers, text, null or nothing', () => {
    const ctx = contextOf();
    for (const x of [1, 'text', null, undefined, { a: 1, b: 'two', c: [3] }]) ctx.collectRanges(x, ['utility', 'income']);
    expect(ctx.assumptions).toEqual([]);
  });
});

describe('checkNames', () => {
  it('finds nothing wrong in the tiny scenario', () => {
    const ctx = contextOf();
    checkNames(ctx);
    expect(ctx.issues).toEqual([]);
  });

  it.each([
    ['tier', 'tiers', 'professional', (i: ScenarioInput) => i.tiers.push({ ...i.tiers[0], id: 'professional' })],
    ['industry', 'industries', 'traditional', (i: ScenarioInput) => i.industries.push({ ...i.industries[1], id: 'traditional' })],
    ['family stage', 'familyStages', 'single', (i: ScenarioInput) => i.familyStages.push({ ...i.familyStages[1], id: 'single' })],
    ['location', 'locations', 'chengdu', (i: ScenarioInput) => i.locations.push({ ...i.locations[2], id: 'chengdu' })],
  ] as const)('a %s id used twice is a problem at the second use', (what, list, id, change) => {
    const ctx = contextOf(change);
    const second = (ctx.scenario[list] as { id: string }[]).length - 1;
    checkNames(ctx);
    expect(ctx.issues).toEqual([{ path: [list, second, 'id'], message: `${what} id "${id}" is used twice`, hint: 'give each an id of its own' }]);
  });

  it.each(['populations', 'entries'] as const)('a group name used twice in %s is a problem at the second use', (kind) => {
    const ctx = contextOf((input) => {
      const groups = input[kind]!;
      groups.push({ ...groups[0] } as never);
    });
    const name = ctx.scenario[kind][0].name;
    checkNames(ctx);
    expect(ctx.issues).toEqual([
      {
        path: [kind, ctx.scenario[kind].length - 1, 'name'],
        message: `the name "${name}" is used twice in ${kind}`,
        hint: 'give each group a name of its own: an extending file finds groups by name',
      },
    ]);
  });

  it('a population and an entry stream may share a name: each list finds its own groups', () => {
    const ctx = contextOf((input) => {
      input.entries![0].name = input.populations[0].name;
    });
    checkNames(ctx);
    expect(ctx.issues).toEqual([]);
  });
});
