// resolveGroups and checkGroupAges: populations and entry streams by index, with shares summing to 1, entry months, and ages below retirement.
import { describe, expect, it } from 'vitest';
import { checkGroupAges, resolveGroups } from '../../../src/scenario/resolvers/groups.js';
import { assumptionPaths, contextOf } from './support.js';

describe('resolveGroups', () => {
  it('gives each group its location by index, its native share and ages as written, counts and yearly numbers', () => {
    const ctx = contextOf();
    const { populations, entries } = resolveGroups(ctx);
    const { scenario } = ctx;
    expect(populations.map((p) => p.location)).toEqual([0, 1, 2, 3]);
    expect(populations.map((p) => p.name)).toEqual(scenario.populations.map((p) => p.name));
    expect(populations.map((p) => [p.count, p.native, p.ageMin, p.ageMax])).toEqual(scenario.populations.map((p) => [p.count, p.native, 22, 58]));
    expect(entries.map((e) => [e.name, e.location, e.perYear, e.months, e.ageMin, e.ageMax])).toEqual([
      ['Bazhong graduates', 0, 400, [7], 21, 24],
      ['Chengdu graduates', 1, 600, [7], 21, 24],
    ]);
    expect(ctx.issues).toEqual([]);
  });

  it('normalises tier, industry and family shares to sum to 1 in id order; a missing id has share 0', () => {
    const ctx = contextOf((input) => {
      input.populations[0].tiers = { skilled: 1, top: 0.5, professional: 0.5 };
      input.populations[0].industries = { emerging: 0.25 };
      input.populations[0].family = { children: 0.75, single: 0.75 };
    });
    const [bazhong] = resolveGroups(ctx).populations;
    expect(bazhong.tierShares).toEqual([0.25, 0.25, 0.5]);
    expect(bazhong.industryShares).toEqual([0, 1]);
    expect(bazhong.familyShares).toEqual([0.5, 0.5]);
  });

  it('entry shares are normalised too; shares that add up to 0 are a problem naming the kind of share', () => {
    const ctx = contextOf((input) => {
      input.entries![1].tiers = { professional: 0.2, skilled: 0.6 };
      input.entries![0].family = { single: 0, children: 0 };
    });
    const { entries } = resolveGroups(ctx);
    expect(entries[1].tierShares).toEqual([0, expect.closeTo(0.25, 12), expect.closeTo(0.75, 12)]);
    expect(ctx.issues).toEqual([
      { path: ['entries', 0, 'family'], message: 'the family stage shares add up to 0', hint: 'give at least one family stage a positive share' },
    ]);
  });

  it('an unknown location is a problem at the group, which gets location -1', () => {
    const ctx = contextOf((input) => {
      input.populations[1].location = 'chengdou';
      input.entries![0].location = 'guangyuan';
    });
    const { populations, entries } = resolveGroups(ctx);
    expect([populations[1].location, entries[0].location]).toEqual([-1, -1]);
    expect(ctx.issues).toEqual([
      { path: ['populations', 1, 'location'], message: 'unknown location "chengdou"', hint: 'did you mean "chengdu"?' },
      { path: ['entries', 0, 'location'], message: 'unknown location "guangyuan"', hint: 'known location ids: bazhong, chengdu, chongqing, elsewhere' },
    ]);
  });

  it('entry months lose repeats and are sorted as numbers; without months, entrants come every month', () => {
    const ctx = contextOf((input) => {
      input.entries![0].months = [12, 7, 1, 7, 9];
      delete input.entries![1].months;
    });
    const { entries } = resolveGroups(ctx);
    expect(entries[0].months).toEqual([1, 7, 9, 12]);
    expect(entries[1].months).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('lists ranged numbers in the order read: populations then entries; in each group its native share and shares, then its size', () => {
    const ctx = contextOf((input) => {
      const ranged = (value: number) => ({ value, range: [value / 2, value * 2] as [number, number] });
      input.populations[2].count = ranged(3000);
      input.populations[2].native = ranged(0.05);
      input.populations[2].tiers.top = ranged(0.07);
      input.entries![0].perYear = ranged(400);
    });
    const { populations, entries } = resolveGroups(ctx);
    expect([populations[2].count, populations[2].native, entries[0].perYear]).toEqual([3000, 0.05, 400]);
    expect(assumptionPaths(ctx)).toEqual(['populations.2.native', 'populations.2.tiers.top', 'populations.2.count', 'entries.0.perYear']);
  });
});

describe('checkGroupAges', () => {
  it('a group whose youngest are at the retirement age is a problem; one a year younger is not', () => {
    const ctx = contextOf((input) => {
      input.populations[1].age = { min: 60, max: 65 };
      input.entries![1].age = { min: 59, max: 62 };
    });
    checkGroupAges(ctx, 60);
    expect(ctx.issues).toEqual([
      {
        path: ['populations', 1, 'age', 'min'],
        message: 'age.min 60 is at or above the retirement age 60: the group would retire at once',
        hint: 'lower age.min below 60',
      },
    ]);
  });

  it('checks populations then entries against the retirement age it is given', () => {
    // The tiny scenario's populations start at 22 and its entrants at 21: a retirement age of 22 catches the populations only.
    const ctx = contextOf();
    checkGroupAges(ctx, 22);
    expect(ctx.issues.map((i) => i.path)).toEqual([0, 1, 2, 3].map((i) => ['populations', i, 'age', 'min']));
    expect(ctx.issues[0].message).toBe('age.min 22 is at or above the retirement age 22: the group would retire at once');
  });
});
