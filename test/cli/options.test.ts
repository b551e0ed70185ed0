// What a mistyped option is told: the option, the value typed, what it takes, and a fix.
import { describe, expect, it } from 'vitest';
import { argumentProblem, checkNumber, takes } from '../../src/cli/options.js';

describe('option values', () => {
  it.each([
    ['', /^--runs is empty: it takes a whole number from 1 to 10\n/],
    ['abc', /^--runs "abc" is not a number/],
    ['1.5', /^--runs 1\.5 is not a whole number/],
    ['-1', /^--runs -1 is out of range/],
    ['1e9', /^--runs 1e9 is out of range/],
    ['Infinity', /^--runs Infinity is out of range/],
  ])('refuses %j', (typed, message) => {
    expect(() => checkNumber('runs', typed, 5, { min: 1, max: 10, whole: true })).toThrow(message);
    expect(() => checkNumber('runs', typed, 5, { min: 1, max: 10, whole: true })).toThrow(/fix: /);
  });
  it('takes a number written with underscores, and says a range in words', () => {
    expect(checkNumber('scale', '1_000', 10, { min: 1 })).toBe(1000);
    expect(takes({ min: 1, whole: true })).toBe('a whole number of at least 1');
    expect(takes({ takes: 'a calendar year' })).toBe('a calendar year');
  });
});

describe('argument errors', () => {
  const known = ['help', 'version', 'scenario', 'runs', 'seed', 'years', 'vary'];
  it('suggests the option meant', async () => {
    expect(await argumentProblem('Unknown argument: run', ['--scenario', 'x', '--run', '3'], known)).toEqual({
      message: 'unknown option --run',
      hint: 'did you mean --runs?',
    });
  });
  it('takes a bare scenario name for a missing --scenario, and a misspelt command for the command', async () => {
    expect((await argumentProblem('Unknown argument: baseline', ['baseline'], known)).hint).toBe('did you mean sim --scenario baseline?');
    expect((await argumentProblem('Unknown argument: sweeep', ['sweeep'], known)).hint).toBe('did you mean sim sweep?');
  });
  it('says what a run option takes when its value is missing', async () => {
    expect(await argumentProblem('Not enough arguments following: years', ['-s', 'x', '--years'], known)).toEqual({
      message: '--years needs a value: a whole number from 1 to 100',
      hint: 'e.g. --years 10',
    });
  });
  it('words a choice not offered, with a suggestion', async () => {
    const problem = await argumentProblem('Invalid values:\n  Argument: lang, Given: "EN", Choices: "zh", "en"', [], known);
    expect(problem).toEqual({ message: '--lang "EN" is not one of zh, en', hint: 'did you mean --lang en?' });
  });
  it("keeps a coercion's own message and fix", async () => {
    expect(await argumentProblem('--out is empty: it takes a folder\n    fix: give a value', [], known)).toEqual({
      message: '--out is empty: it takes a folder',
      hint: 'give a value',
    });
  });
});
