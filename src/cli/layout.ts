// The summaries' lines fit a terminal of 100 columns: prose wraps at spaces, lists of files wrap between names, a long
// path gets a line of its own, and widths are display widths (a Chinese character takes two columns).
import { isAbsolute, relative } from 'node:path';
import stringWidth from 'string-width';

/** The widest line a summary prints. */
export const COLUMNS = 100;

/** Columns `text` takes on a terminal: two for a CJK character. */
export const displayWidth = (text: string): number => stringWidth(text);

/** `text` padded with spaces on the right to `width` columns. */
export const padEnd = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/** `path` as the user would type it from `cwd`: relative when that is shorter, absolute otherwise. */
export function pathFrom(path: string, cwd: string): string {
  const inside = relative(cwd, path);
  if (inside === '') return '.';
  return !isAbsolute(inside) && inside.length < path.length ? inside : path;
}

/** Wide (CJK) characters and punctuation: a line may break before or after one (Chinese runs have no spaces). */
const WIDE = /[\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u3000-\u303f]/u;
/** No line starts with closing punctuation, and none ends with opening punctuation. */
const NO_BREAK_BEFORE = new Set([...'，。、；：！？）》」』】%,.;:!?)']);
const NO_BREAK_AFTER = new Set([...'（《「『【(']);

/** The pieces of a word between which a line may break: between Chinese characters, and between one and a Latin run. */
function breakable(word: string): string[] {
  const pieces: string[] = [];
  let piece = '';
  let previous = '';
  for (const char of word) {
    const canBreak = piece !== '' && (WIDE.test(previous) || WIDE.test(char)) && !NO_BREAK_BEFORE.has(char) && !NO_BREAK_AFTER.has(previous);
    if (canBreak) {
      pieces.push(piece);
      piece = '';
    }
    piece += char;
    previous = char;
  }
  return [...pieces, piece];
}

/**
 * `text` broken into lines of at most `columns`, the first starting with `firstIndent` and the later ones with
 * `indent`: at spaces, and in Chinese between characters (never before closing punctuation). A word longer than a
 * line (a long path) stays whole on its own line. Ends with a newline.
 */
export function wrap(text: string, indent = '  ', columns = COLUMNS, firstIndent = ''): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    breakable(word).forEach((piece, k) => {
      const joiner = k === 0 && line !== '' ? ' ' : '';
      const start = lines.length === 0 ? firstIndent : indent;
      if (line !== '' && displayWidth(start + line + joiner + piece) > columns) {
        lines.push(start + line);
        line = piece;
      } else line += joiner + piece;
    });
  }
  lines.push((lines.length === 0 ? firstIndent : indent) + line);
  return lines.join('\n') + '\n';
}

/**
 * "outputs in output/flexible/: a.csv, b.csv, …" within `columns`: the folder relative to `cwd`, on its own line when
 * it is long, and the file names wrapped between names.
 */
export function outputsIn(dir: string, cwd: string, names: readonly string[] = [], columns = COLUMNS): string {
  const folder = `${pathFrom(dir, cwd)}/`;
  const list = names.join(', ');
  if (displayWidth(`outputs in ${folder}`) <= columns / 2) return wrap(`outputs in ${folder}${list ? `: ${list}` : ''}`, '  ', columns);
  return `outputs in\n  ${folder}\n` + (list ? wrap(list, '  ', columns, '  ') : '');
}

/**
 * Rows of a table whose first column is a label (with its own indent) and whose other columns, already lined up, are
 * `rest`: labels padded to the widest that fits within `columns`; a label longer than that gets a line of its own,
 * its figures on the next line under the others.
 */
export function table(rows: readonly { label: string; rest: string }[], columns = COLUMNS): string {
  return tableRows(rows, columns).join('');
}

/** The lines of `table`, one a row (a row with a long label holds two lines). */
export function tableRows(rows: readonly { label: string; rest: string }[], columns = COLUMNS): string[] {
  const restWidth = Math.max(0, ...rows.map((r) => displayWidth(r.rest)));
  const width = Math.min(Math.max(0, ...rows.map((r) => displayWidth(r.label))), Math.max(12, columns - 2 - restWidth));
  return rows.map(({ label, rest }) =>
    displayWidth(label) <= width ? `${padEnd(label, width)}  ${rest}`.trimEnd() + '\n' : `${label}\n${' '.repeat(width)}  ${rest}`.trimEnd() + '\n',
  );
}

/**
 * The words for a single scenario's progress: replications done and the simulated year the runs have reached on
 * average (exact on one thread; with several, the runs in flight are at different years), "burn-in" before the
 * reported years.
 */
export function runsAndYears(runs: number, startYear: number, burnInYears: number, ticksPerYear: number): (done: number, total: number) => string {
  return (done, total) => {
    const perRun = total / runs;
    const finished = Math.min(runs, Math.floor(done / perRun));
    if (finished === runs) return `${runs}/${runs} runs`;
    const year = Math.floor((done - finished * perRun) / ticksPerYear) - burnInYears;
    return `${finished}/${runs} runs · ${year < 0 ? 'burn-in' : `year ${startYear + year}`}`;
  };
}

/** The words for many model runs of `ticksPerRun` ticks each (a sweep's, a sensitivity analysis's): "12/40 model runs". */
export function modelRunsDone(ticksPerRun: number): (done: number, total: number) => string {
  return (done, total) => `${Math.floor(done / ticksPerRun)}/${Math.round(total / ticksPerRun)} model runs`;
}
