// resolveHome and resolveLocations: the home city, travel times either way round, wages by tier and industry, services and platforms.
import { describe, expect, it } from 'vitest';
import { SERVICE_KINDS } from '../../../src/core/scenario.js';
import { resolveHome, resolveLocations } from '../../../src/scenario/resolvers/locations.js';
import { assumptionPaths, contextOf } from './support.js';

describe('resolveHome', () => {
  it('gives the index of the one location marked home', () => {
    const ctx = contextOf((input) => {
      input.locations[0].home = false;
      input.locations[2].home = true;
    });
    expect(resolveHome(ctx)).toBe(2);
    expect(ctx.issues).toEqual([]);
  });

  it.each([
    [0, [] as number[], 0],
    [2, [1, 3], 1],
  ])('%i homes is a problem; the first home marked (else 0) stands in', (count, homes, index) => {
    const ctx = contextOf((input) => input.locations.forEach((l, i) => (l.home = homes.includes(i))));
    expect(resolveHome(ctx)).toBe(index);
    expect(ctx.issues).toEqual([
      {
        path: ['locations'],
        message: `${count} locations are marked home: true; exactly one must be`,
        hint: 'mark the focal city (Bazhong) with home: true, and only it',
      },
    ]);
  });
});

describe('travel hours', () => {
  it('a time given under either location serves both directions, and a location is 0 hours from itself', () => {
    const ctx = contextOf();
    // The tiny scenario gives each pair once: bazhong lists all three others, chengdu lists chongqing and elsewhere, chongqing lists elsewhere.
    expect(resolveLocations(ctx).map((l) => l.travelHours)).toEqual([
      [0, 3, 3, 8],
      [3, 0, 2, 5],
      [3, 2, 0, 5],
      [8, 5, 5, 0],
    ]);
    expect(ctx.issues).toEqual([]);
  });

  it('given both ways round, each direction keeps its own time', () => {
    const ctx = contextOf((input) => (input.locations[1].travelHours.bazhong = 4));
    const hours = resolveLocations(ctx).map((l) => l.travelHours);
    expect([hours[0][1], hours[1][0]]).toEqual([3, 4]);
  });

  it('a ranged time is one assumption, at the location that gives it, though both directions use it', () => {
    const ctx = contextOf((input) => (input.locations[0].travelHours.chengdu = { value: 3.5, range: [3, 4] }));
    const hours = resolveLocations(ctx).map((l) => l.travelHours);
    expect([hours[0][1], hours[1][0]]).toEqual([3.5, 3.5]);
    // Location 0's travel hours are read before its other numbers (its wage growth is ranged in the tiny scenario).
    expect(assumptionPaths(ctx)).toEqual(['locations.0.travelHours.chengdu', 'locations.0.wageGrowth']);
  });

  it('a pair given neither way round is a problem at both locations, each saying what to add', () => {
    const ctx = contextOf((input) => delete input.locations[2].travelHours.elsewhere);
    const hours = resolveLocations(ctx).map((l) => l.travelHours);
    expect([hours[2][3], hours[3][2]]).toEqual([0, 0]);
    expect(ctx.issues).toEqual([
      {
        path: ['locations', 2, 'travelHours'],
        message: 'no travel time from "chongqing" to "elsewhere"',
        hint: 'add "elsewhere: <hours>" here or "chongqing: <hours>" under that location',
      },
      {
        path: ['locations', 3, 'travelHours'],
        message: 'no travel time from "elsewhere" to "chongqing"',
        hint: 'add "chongqing: <hours>" here or "elsewhere: <hours>" under that location',
      },
    ]);
  });

  it('an unknown location among the keys is a problem at that key; the location itself is ignored', () => {
    const ctx = contextOf((input) => {
      input.locations[1].travelHours.chongqnig = 2;
      input.locations[1].travelHours.chengdu = 1;
    });
    expect(resolveLocations(ctx)[1].travelHours).toEqual([3, 0, 2, 5]);
    expect(ctx.issues).toEqual([
      { path: ['locations', 1, 'travelHours', 'chongqnig'], message: 'unknown location "chongqnig"', hint: 'did you mean "chongqing"?' },
    ]);
  });
});

describe('wages', () => {
  it('gives wages by tier in tier order, and each industry the wageFactor unless the location overrides it', () => {
    const ctx = contextOf((input) => (input.locations[1].industryWage = { emerging: 1.4 }));
    const locations = resolveLocations(ctx);
    expect(locations[0].wage).toEqual([150000, 80000, 60000]);
    expect(locations.map((l) => l.wageFactors)).toEqual([
      [1, 1.1],
      [1, 1.4],
      [1, 1.1],
      [1, 1.1],
    ]);
    expect(ctx.issues).toEqual([]);
  });

  it("a ranged override is the location's assumption; the industry's ranged wageFactor is read but listed elsewhere", () => {
    const ctx = contextOf((input) => {
      input.industries[0].wageFactor = { value: 0.9, range: [0.8, 1] };
      input.locations[3].industryWage = { emerging: { value: 1.2, range: [1.1, 1.3] } };
    });
    expect(resolveLocations(ctx).map((l) => l.wageFactors)).toEqual([
      [0.9, 1.1],
      [0.9, 1.1],
      [0.9, 1.1],
      [0.9, 1.2],
    ]);
    // resolveScenario lists industries[0].wageFactor with the industries, after the policies: the order experiments rely on.
    expect(assumptionPaths(ctx)).toEqual(['locations.0.wageGrowth', 'locations.3.industryWage.emerging']);
  });

  it('an unknown industry in industryWage is a problem at that key', () => {
    const ctx = contextOf((input) => (input.locations[0].industryWage = { emergin: 1.2 }));
    expect(resolveLocations(ctx)[0].wageFactors).toEqual([1, 1.1]);
    expect(ctx.issues).toEqual([
      { path: ['locations', 0, 'industryWage', 'emergin'], message: 'unknown industry "emergin"', hint: 'did you mean "emerging"?' },
    ]);
  });

  it('a wage of 0 is a problem at that tier, since the income term takes its log', () => {
    const ctx = contextOf((input) => (input.locations[2].wage.skilled = 0));
    expect(resolveLocations(ctx)[2].wage).toEqual([280000, 140000, 0]);
    expect(ctx.issues).toEqual([
      {
        path: ['locations', 2, 'wage', 'skilled'],
        message: 'a wage must be positive (the income term takes its log), not 0',
        hint: 'give a wage in CNY per year, e.g. 80000',
      },
    ]);
  });

  it('a missing tier is one problem, not two: its wage falls back to 1, which is positive', () => {
    const ctx = contextOf((input) => delete input.locations[1].wage.top);
    expect(resolveLocations(ctx)[1].wage).toEqual([1, 150000, 90000]);
    expect(ctx.issues).toEqual([{ path: ['locations', 1, 'wage'], message: 'no value for tier "top"', hint: 'add "top: <number>" under wage' }]);
  });
});

describe('services, platforms and the other numbers', () => {
  it('gives services in SERVICE_KINDS order whatever order they are written in', () => {
    const ctx = contextOf((input) => (input.locations[0].services = { culture: 0.1, elderlyCare: 0.2, healthcare: 0.3, schools: 0.4 }));
    const written = { schools: 0.4, healthcare: 0.3, elderlyCare: 0.2, culture: 0.1 };
    expect(resolveLocations(ctx)[0].services).toEqual(SERVICE_KINDS.map((k) => written[k]));
  });

  it('gives platforms by industry id, 0 for an industry not listed, and flags an unknown industry', () => {
    const ctx = contextOf((input) => {
      input.locations[0].platforms = { emerging: 10, traditional: 20 };
      input.locations[1].platforms = { emerging: 150, tradition: 3 };
    });
    const locations = resolveLocations(ctx);
    expect(locations[0].platforms).toEqual([20, 10]);
    expect(locations[1].platforms).toEqual([0, 150]);
    expect(ctx.issues).toEqual([
      { path: ['locations', 1, 'platforms', 'tradition'], message: 'unknown industry "tradition"', hint: 'did you mean "traditional"?' },
    ]);
  });

  it('keeps ids, labels and the plain numbers of each location', () => {
    const ctx = contextOf();
    const { scenario } = ctx;
    const locations = resolveLocations(ctx);
    locations.forEach((l, i) => {
      const given = scenario.locations[i];
      expect(l).toMatchObject({ id: given.id, label: given.label, labelEn: given.labelEn, housingCost: given.housingCost, jobSlack: given.jobSlack });
      expect(l.jobGrowth).toBe(given.jobGrowth);
    });
    expect(locations.map((l) => l.wageGrowth)).toEqual([0.05, 0.05, 0.05, 0.05]);
    expect(ctx.assumptions).toEqual([{ path: ['locations', 0, 'wageGrowth'], value: 0.05, range: [0.03, 0.07], source: 'assumption' }]);
  });
});
