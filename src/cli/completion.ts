// Shell completion: `sim completion [bash|zsh]` prints a script for the shell; the script asks
// `sim --get-completions WORDS…` for the candidates of the word being typed, which this module answers from the
// command declarations alone (commands.ts), so completing loads nothing of the model.
import yargs, { type Argv } from 'yargs';
import { shippedScenarios } from './options.js';
import type { CommandAction } from './session.js';

/** The hidden option the scripts call sim with. */
export const COMPLETION_FLAG = '--get-completions';

export const SHELLS = ['bash', 'zsh'] as const;
export type Shell = (typeof SHELLS)[number];

/** The command names the scripts complete: the short one and the unambiguous one (package.json `bin`). */
const PROGRAMS = 'sim bazhong-sim';

const BASH = `###-begin-sim-completions-###
# Completion of sim (and bazhong-sim) for bash. Install: sim completion bash >> ~/.bashrc
# (or: sim completion bash > ~/.local/share/bash-completion/completions/sim), then open a new shell.
_sim_completions()
{
    local IFS=$'\\n'
    local cur="\${COMP_WORDS[COMP_CWORD]}"
    COMPREPLY=($(compgen -W "$("\${COMP_WORDS[0]}" ${COMPLETION_FLAG} "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)" -- "$cur"))
}
complete -o bashdefault -o default -F _sim_completions ${PROGRAMS}
###-end-sim-completions-###
`;

const ZSH = `#compdef ${PROGRAMS}
###-begin-sim-completions-###
# Completion of sim (and bazhong-sim) for zsh. Install: sim completion zsh >> ~/.zshrc (after compinit),
# or: sim completion zsh > "\${fpath[1]}/_sim", then open a new shell.
_sim_completions()
{
  local -a candidates
  candidates=(\${(f)"$(\${words[1]} ${COMPLETION_FLAG} "\${(@)words[2,CURRENT]}" 2>/dev/null)"})
  if (( \${#candidates} )); then
    compadd -a candidates
  else
    _files
  fi
}
if [[ "\${zsh_eval_context[-1]}" == "loadautofunc" ]]; then
  _sim_completions "$@"
else
  compdef _sim_completions ${PROGRAMS}
fi
###-end-sim-completions-###
`;

/** The completion script for `shell`. */
export function completionScript(shell: Shell): string {
  return shell === 'zsh' ? ZSH : BASH;
}

/** The shell of $SHELL when it is one with a script, else bash. */
export function shellOf(env: Record<string, string | undefined>): Shell {
  return /zsh$/.test(env.SHELL ?? '') ? 'zsh' : 'bash';
}

/** `sim completion [shell]`: prints the script. */
export const completion: CommandAction = async (args, { context }) => {
  context.stdout.write(completionScript((args.shell as Shell | undefined) ?? shellOf(context.env)));
};

/** What completion needs of a command (src/cli/commands.ts, which imports this module when `sim completion` runs). */
interface Declared {
  command: string;
  builder: (y: Argv) => Argv;
}

interface OptionSpec {
  /** Long names (the option keys), each as typed: "--runs". */
  long: string[];
  /** Option name or alias → the option's key. */
  keyOf: Map<string, string>;
  choices: Record<string, readonly string[]>;
  boolean: Set<string>;
}

function specOf(command: Declared): OptionSpec {
  const built = command.builder(yargs([]) as Argv) as unknown as {
    getOptions(): {
      key: Record<string, unknown>;
      alias: Record<string, string[]>;
      choices: Record<string, string[]>;
      boolean: string[];
      hiddenOptions: string[];
    };
  };
  const options = built.getOptions();
  // Hidden options (old names kept working, see RENAMED_OPTIONS) are not offered.
  const hidden = new Set(options.hiddenOptions);
  const keyOf = new Map<string, string>();
  for (const key of Object.keys(options.key)) keyOf.set(key, key);
  for (const [key, aliases] of Object.entries(options.alias)) for (const alias of aliases) keyOf.set(alias, key);
  const long = Object.keys(options.key).filter(
    (key) => key.length > 1 && !hidden.has(key) && !Object.values(options.alias).some((aliases) => aliases.includes(key)),
  );
  return { long: long.map((key) => `--${key}`), keyOf, choices: options.choices, boolean: new Set(options.boolean) };
}

/** Options whose value is a scenario: completed with the shipped scenarios' names (the shell adds file names). */
const SCENARIO_OPTIONS = new Set(['scenario', 'baseline', 'policies']);

/**
 * The candidates for the last of `words` (the words after the program's name; the last is the one being typed, ''
 * for a new one): the commands, the options of the command being typed, an option's choices, or scenario names.
 * An empty list lets the shell complete file names.
 */
export function completions(words: readonly string[], commands: readonly Declared[]): string[] {
  const current = words.at(-1) ?? '';
  const before = words.slice(0, -1);
  const names = commands.map((c) => c.command.split(' ')[0]);
  const named = before.length > 0 && names.includes(before[0]) && before[0] !== '$0' ? before[0] : undefined;
  const command = commands[names.indexOf(named ?? '$0')];
  const spec = specOf(command);
  const matching = (candidates: readonly string[]) => candidates.filter((c) => c.startsWith(current));

  const previous = before.at(-1);
  const previousKey = previous?.startsWith('-') && !previous.includes('=') ? spec.keyOf.get(previous.replace(/^--?/, '')) : undefined;
  if (previousKey && !spec.boolean.has(previousKey)) {
    if (spec.choices[previousKey]) return matching(spec.choices[previousKey]);
    return SCENARIO_OPTIONS.has(previousKey) ? matching(shippedScenarios()) : [];
  }
  if (current.startsWith('-')) {
    const given = new Set(before.filter((w) => w.startsWith('-')).map((w) => spec.keyOf.get(w.replace(/^--?/, '').split('=')[0])));
    return matching(spec.long.filter((option) => !given.has(option.slice(2)) || option === '--vary'));
  }
  if (named === 'compare') return matching(shippedScenarios());
  if (named === 'completion') return matching(SHELLS);
  if (!named && before.length === 0) return matching([...names.filter((n) => n !== '$0'), '--scenario']);
  return [];
}
