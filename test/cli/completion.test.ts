// Shell completion: the candidates `sim --get-completions` gives for the word being typed, and the bash script
// sourced in a real bash, completing through the built `sim`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.js';
import { completions, completionScript, shellOf } from '../../src/cli/completion.js';

const complete = (...words: string[]) => completions(words, COMMANDS);

describe('completion candidates', () => {
  it('completes commands, then the options of the command typed', () => {
    expect(complete('c')).toEqual(['compare', 'calibrate', 'completion']);
    expect(complete('compare', '--l')).toEqual(['--lang']);
    expect(complete('sweep', '--va')).toEqual(['--vary']);
    expect(complete('--sc')).toEqual(['--scenario', '--scale']);
  });
  it('offers the one name of an idea in every command (--metric, --horizon), never the hidden old names', () => {
    for (const command of ['compare', 'sweep', 'sensitivity']) {
      expect(complete(command, '--metr')).toEqual(['--metric']);
      expect(complete(command, '--ho')).toEqual(['--horizon']);
      expect(complete(command, '--ye')).toEqual(['--years']);
    }
    expect(complete('sweep', '--out')).toEqual(['--out']);
    expect(complete('sweep', '--metric', 'res')).toEqual(['residents']);
    expect(complete('sweep', '--la')).toEqual(['--lang']);
  });
  it('leaves out an option already given, but not one given again by design (--vary)', () => {
    expect(complete('-s', 'baseline', '--sc')).toEqual(['--scale']);
    expect(complete('sweep', '--vary', 'a=1,2', '--va')).toEqual(['--vary']);
  });
  it("offers an option's choices and the shipped scenarios' names", () => {
    expect(complete('--lang', '')).toEqual(['zh', 'en']);
    expect(complete('sensitivity', '--method', 'm')).toEqual(['morris']);
    expect(complete('-s', 'fle')).toEqual(['flexible']);
    expect(complete('compare', 'baseline', 'sub')).toEqual(['subsidy']);
    expect(complete('completion', '')).toEqual(['bash', 'zsh']);
  });
  it('offers nothing for a free value, so that the shell completes file names', () => {
    expect(complete('--runs', '')).toEqual([]);
    expect(complete('validate', '')).toEqual([]);
  });
  it("picks the script of $SHELL's shell", () => {
    expect(shellOf({ SHELL: '/usr/bin/zsh' })).toBe('zsh');
    expect(shellOf({ SHELL: '/bin/bash' })).toBe('bash');
    expect(shellOf({})).toBe('bash');
    expect(completionScript('zsh')).toMatch(/^#compdef sim bazhong-sim\n/);
  });
});

const scratch = mkdtempSync(join(tmpdir(), 'sim-completion-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the bash script', () => {
  const bash = spawnSync('bash', ['--version']).status === 0;
  it.skipIf(!bash)('completes through sim and bazhong-sim on the PATH', () => {
    const bin = fileURLToPath(new URL('../../bin/sim.js', import.meta.url));
    symlinkSync(bin, join(scratch, 'sim'));
    symlinkSync(bin, join(scratch, 'bazhong-sim'));
    // What bash does on Tab: the words of the line and the index of the one being typed, then the function.
    const script = `source <(sim completion bash)
for line in "sim comp" "bazhong-sim -s fle" "sim --lang "; do
  read -ra COMP_WORDS <<< "$line"; [[ "$line" == *" " ]] && COMP_WORDS+=("")
  COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _sim_completions; echo "\${COMPREPLY[*]}"
done`;
    const result = spawnSync('bash', ['-c', script], { env: { ...process.env, PATH: `${scratch}${delimiter}${process.env.PATH}` }, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('compare completion\nflexible\nzh en\n');
  });
});
