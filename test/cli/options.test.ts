// What a mistyped option is told: the option, the value typed, what it takes, and a fix.
import { describe, expect, it } from 'vitest';
import { argumentProblem, checkNumber, takeRenamed, takes } from '../../src/cli/options.js';

describe('option values', () => {
  it.each([
    ['', /^--runs is empty: it takes a whole number from 1 to 10\n/],
    ['abc', /^--runs "abc" is not a number/],
    ['1.5', /^--runs 1\.5 is not a whole number/],
    ['-1', /^--runs -1 is out of range/],
    ['1e9', /^--runs 1e9 is out of range/],
    ['Infinity', /^--runs Infinity is out of range/],
    ['0x10', /^--runs 0x10 is not a decimal number: it takes a whole number from 1 to 10\n    fix: write it in decimal digits/],
    ['0b11', /^--runs 0b11 is not a decimal number/],
    ['0o7', /^--runs 0o7 is not a decimal number/],
  ])('refuses %j', (typed, message) => {
    expect(() => checkNumber('runs', typed, 5, { min: 1, max: 10, whole: true })).toThrow(message);
    expect(() => checkNumber('runs', typed, 5, { min: 1, max: 10, whole: true })).toThrow(/fix: /);
  });
  it('takes a number written with underscores, and says a range in words', () => {
    expect(checkNumber('scale', '1_000', 10, { min: 1 })).toBe(1000);
    expect(takes({ min: 1, whole: true })).toBe('a whole number of at least 1');
    expect(takes({ takes: 'a calendar year' })).toBe('a calendar year');
  });
  it('takes decimal forms: a point, an exponent, a sign', () => {
    expect(checkNumber('scale', '2.5', 10, { min: 1 })).toBe(2.5);
    expect(checkNumber('scale', '1e2', 10, { min: 1 })).toBe(100);
    expect(checkNumber('seed', '+7', 10, { min: 0 })).toBe(7);
    expect(checkNumber('scale', '.5', 10, { min: 0 })).toBe(0.5);
  });
  it('names a one-letter option as it is typed, -n, not --n', () => {
    expect(() => checkNumber('n', '0', 20, { min: 1, max: 100, whole: true })).toThrow(/^-n 0 is out of range: [^]*fix: e\.g\. -n 20$/);
    expect(() => checkNumber('n', ['1', '2'], 20)).toThrow(/^-n is given 2 times[^]*give -n once/);
  });
});

describe('argument errors', () => {
  const known = ['help', 'version', 'scenario', 's', 'runs', 'seed', 'years', 'vary', 'quiet', 'q'];
  const commands = ['validate', 'compare', 'sweep', 'sensitivity', 'calibrate', 'completion'];
  it('suggests the option meant', async () => {
    expect(await argumentProblem('Unknown argument: run', ['--scenario', 'x', '--run', '3'], known, commands)).toEqual({
      message: 'unknown option --run',
      hint: 'did you mean --runs?',
    });
  });
  it('takes a bare scenario name for a missing --scenario, and a misspelt command for the command', async () => {
    expect((await argumentProblem('Unknown argument: baseline', ['baseline'], known, commands)).hint).toBe('did you mean sim --scenario baseline?');
    expect((await argumentProblem('Unknown argument: sweeep', ['sweeep'], known, commands)).hint).toBe('did you mean sim sweep?');
    expect((await argumentProblem('Unknown argument: comapre', ['comapre'], known, commands)).hint).toBe('did you mean sim compare?');
    expect((await argumentProblem('Unknown argument: calibarte', ['calibarte'], known, commands)).hint).toBe('did you mean sim calibrate?');
  });
  it('takes a misspelt bare scenario name for the shipped scenario it is close to', async () => {
    expect(await argumentProblem('Unknown argument: flexibel', ['flexibel'], known, commands)).toEqual({
      message: '"flexibel" is neither an option nor a command of sim',
      hint: 'did you mean sim --scenario flexible?',
    });
  });
  it('says a long option typed with one dash, whatever yargs made of its letters', async () => {
    const expected = { message: 'unknown option -run (long options start with --)', hint: 'did you mean --runs?' };
    expect(await argumentProblem('Unknown arguments: r, u, n', ['-s', 'x', '-run', '3'], known, commands)).toEqual(expected);
    expect((await argumentProblem('--scenario is given 2 times\n    fix: give --scenario once', ['-s', 'x', '-runs=3'], known, commands)).hint).toBe(
      'did you mean --runs?',
    );
    // Short options run together are not a long option.
    expect((await argumentProblem('Unknown argument: zz', ['-qs', 'x', '--zz'], known, commands)).message).toBe('unknown option --zz');
  });
  it('names an unknown short option with its one dash', async () => {
    expect((await argumentProblem('Unknown argument: x', ['-x', '3'], known, commands)).message).toBe('unknown option -x');
  });
  it('says what a run option takes when its value is missing', async () => {
    expect(await argumentProblem('Not enough arguments following: years', ['-s', 'x', '--years'], known, commands)).toEqual({
      message: '--years needs a value: a whole number from 1 to 100',
      hint: 'e.g. --years 10',
    });
  });
  it('words a choice not offered, with a suggestion', async () => {
    const problem = await argumentProblem('Invalid values:\n  Argument: lang, Given: "EN", Choices: "zh", "en"', [], known, commands);
    expect(problem).toEqual({ message: '--lang "EN" is not one of zh, en', hint: 'did you mean --lang en?' });
  });
  it("keeps a coercion's own message and fix", async () => {
    expect(await argumentProblem('--out is empty: it takes a folder\n    fix: give a value', [], known, commands)).toEqual({
      message: '--out is empty: it takes a folder',
      hint: 'give a value',
    });
  });
});

describe('renamed options', () => {
  const stderr = () => {
    const lines: string[] = [];
    return { lines, write: (text: string) => lines.push(text) };
  };
  it('moves --outcome and --year to --metric and --horizon, with a one-line note each', () => {
    const err = stderr();
    expect(takeRenamed({ outcome: 'residents', year: 2026, runs: '3' }, err)).toEqual({ metric: 'residents', horizon: 2026, runs: '3' });
    expect(err.lines).toEqual([
      'note: --outcome is now --metric, as in every command; --outcome still works but may go away\n',
      'note: --year is now --horizon, as in every command; --year still works but may go away\n',
    ]);
  });
  it('leaves the new names alone, and refuses both names of one option at once', () => {
    const err = stderr();
    expect(takeRenamed({ metric: 'residents', horizon: 2026 }, err)).toEqual({ metric: 'residents', horizon: 2026 });
    expect(err.lines).toEqual([]);
    expect(() => takeRenamed({ outcome: 'residents', metric: 'recruited' }, err)).toThrow(
      /^--outcome and --metric are the same option .*\n {4}fix: give --metric once/,
    );
  });
});
