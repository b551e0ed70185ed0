// Which font the charts are drawn with (--font, SIM_FONT, fontconfig, the usual places), and what happens without one:
// SVG only, with a warning that says how to install a font — never PNGs of boxes.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { findFont, KNOWN_FONTS, systemProbe, useFontProbe, type FontProbe } from '../../src/charts/font.js';
import { writeCharts } from '../../src/charts/files.js';
import { UsageError } from '../../src/core/errors.js';
import { fonts as messages, type Message } from '../../src/core/messages.js';
import { main, type CliContext } from '../../src/cli/main.js';
import { tinyPolicyScenarioInput } from '../fixtures.js';

const NOTO = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const NOTO_BOLD = '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc';
const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

/** A system with these files (Chinese fonts among them), fc-match answering from `fc` (absent when undefined). */
function probe(
  files: Record<string, 'cjk' | 'latin'>,
  options: { fc?: Record<string, string>; env?: Record<string, string>; platform?: NodeJS.Platform } = {},
) {
  const asked: string[] = [];
  const fake: FontProbe = {
    platform: options.platform ?? 'linux',
    env: options.env ?? {},
    exists: (file) => file in files,
    fcMatch: (pattern) => {
      asked.push(pattern);
      return options.fc === undefined ? undefined : (options.fc[pattern] ?? options.fc['*']);
    },
    hasChinese: (file) => files[file] === 'cjk',
  };
  return { fake, asked };
}

describe('finding a font', () => {
  const all = {
    '/fonts/given.ttf': 'cjk',
    '/fonts/env.otf': 'cjk',
    [NOTO]: 'cjk',
    [NOTO_BOLD]: 'cjk',
    '/fc/wqy-zenhei.ttc': 'cjk',
    [DEJAVU]: 'latin',
  } as const;
  const fc = { 'Noto Sans CJK SC:lang=zh-cn': '/fc/wqy-zenhei.ttc', '*': DEJAVU };

  it('takes --font first, then SIM_FONT, then fontconfig, then the usual places', () => {
    const env = { SIM_FONT: '/fonts/env.otf' };
    expect(findFont('/fonts/given.ttf', probe(all, { fc, env }).fake)).toEqual({ regular: '/fonts/given.ttf', source: '--font' });
    expect(findFont(undefined, probe(all, { fc, env }).fake)).toEqual({ regular: '/fonts/env.otf', source: 'SIM_FONT' });
    const withFc = probe(all, { fc });
    expect(findFont(undefined, withFc.fake)).toEqual({ regular: '/fc/wqy-zenhei.ttc', source: 'fontconfig' });
    expect(withFc.asked).toEqual(['Noto Sans CJK SC:lang=zh-cn', 'Noto Sans CJK SC:lang=zh-cn:bold']);
    // No fc-match: the first usual place that holds a Chinese font, with its bold face.
    expect(findFont(undefined, probe(all).fake)).toEqual({ regular: NOTO, bold: NOTO_BOLD, source: 'known path' });
    // An empty SIM_FONT is not given.
    expect(findFont(undefined, probe(all, { env: { SIM_FONT: '' } }).fake)?.source).toBe('known path');
  });

  it("passes over fontconfig's answer when it has no Chinese glyphs (fc-match always answers)", () => {
    const { fake, asked } = probe({ [DEJAVU]: 'latin', '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc': 'cjk' }, { fc: { '*': DEJAVU } });
    expect(findFont(undefined, fake)).toEqual({ regular: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', source: 'known path' });
    expect(asked).toEqual(['Noto Sans CJK SC:lang=zh-cn', 'sans-serif:lang=zh-cn']);
  });

  it("takes fontconfig's bold face, or the Bold file beside a Regular one", () => {
    const files = { [NOTO]: 'cjk', [NOTO_BOLD]: 'cjk' } as const;
    expect(findFont(undefined, probe(files, { fc: { 'Noto Sans CJK SC:lang=zh-cn': NOTO, 'Noto Sans CJK SC:lang=zh-cn:bold': NOTO_BOLD } }).fake)).toEqual({
      regular: NOTO,
      bold: NOTO_BOLD,
      source: 'fontconfig',
    });
    expect(findFont(undefined, probe(files, { fc: { '*': NOTO } }).fake)).toEqual({ regular: NOTO, bold: NOTO_BOLD, source: 'fontconfig' });
    expect(findFont(NOTO, probe(files).fake)).toEqual({ regular: NOTO, bold: NOTO_BOLD, source: '--font' });
  });

  it('looks in the usual places of macOS and Windows (in the Windows folder of WINDIR)', () => {
    const mac = probe({ '/Library/Fonts/Arial Unicode.ttf': 'cjk', '/System/Library/Fonts/PingFang.ttc': 'cjk', [NOTO]: 'cjk' }, { platform: 'darwin' });
    expect(findFont(undefined, mac.fake)).toEqual({ regular: '/System/Library/Fonts/PingFang.ttc', source: 'known path' });
    const windows = probe({ 'D:\\Win\\Fonts\\simsun.ttc': 'cjk', 'C:\\Windows\\Fonts\\msyh.ttc': 'cjk' }, { platform: 'win32', env: { WINDIR: 'D:\\Win' } });
    expect(findFont(undefined, windows.fake)).toEqual({ regular: 'D:\\Win\\Fonts\\simsun.ttc', source: 'known path' });
    const yahei = probe({ 'C:\\Windows\\Fonts\\msyh.ttc': 'cjk', 'C:\\Windows\\Fonts\\msyhbd.ttc': 'cjk' }, { platform: 'win32' });
    expect(findFont(undefined, yahei.fake)).toEqual({ regular: 'C:\\Windows\\Fonts\\msyh.ttc', bold: 'C:\\Windows\\Fonts\\msyhbd.ttc', source: 'known path' });
    expect(KNOWN_FONTS.linux.map((f) => f.regular)).toContain('/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf');
  });

  it('finds nothing on a system without a Chinese font', () => {
    expect(findFont(undefined, probe({ [DEJAVU]: 'latin' }, { fc: { '*': DEJAVU } }).fake)).toBeUndefined();
    expect(findFont(undefined, probe({}, { platform: 'freebsd' }).fake)).toBeUndefined();
  });

  it('refuses a --font or SIM_FONT file that does not exist, naming it and saying what to give', () => {
    const { fake } = probe(all, { fc, env: { SIM_FONT: '/fonts/gone.ttf' } });
    expect(() => findFont('/fonts/missing.ttf', fake)).toThrow(UsageError);
    expect(() => findFont('/fonts/missing.ttf', fake)).toThrow(/^--font \/fonts\/missing\.ttf: no such font file\n {4}fix: give the path of a font file/);
    expect(() => findFont(undefined, fake)).toThrow(/^SIM_FONT \(environment variable\) \/fonts\/gone\.ttf: no such font file/);
  });

  it('finds Noto Sans CJK on this machine (Debian with fonts-noto-cjk)', () => {
    const found = findFont(undefined, { ...systemProbe(), env: {} });
    if (!found && !process.env.CI) return console.warn('\n*** no CJK font here: apt-get install fonts-noto-cjk ***\n');
    expect(found).toEqual({ regular: NOTO, bold: NOTO_BOLD, source: expect.stringMatching(/^(fontconfig|known path)$/) });
  });

  it('tells how to install a font on each platform', () => {
    expect(messages.pngSkipped(3, undefined, '巴中', 'linux')).toEqual({
      message: 'no font with Chinese glyphs found on this system: the 3 charts are written as SVG only, without PNG (their Chinese text would be boxes)',
      hint: expect.stringContaining('apt-get install fonts-noto-cjk'),
    });
    expect(messages.pngSkipped(1, undefined, '巴中', 'darwin').hint).toContain('brew install --cask font-noto-sans-cjk');
    expect(messages.pngSkipped(1, undefined, '巴中', 'win32').hint).toContain('C:\\Windows\\Fonts\\msyh.ttc');
    for (const platform of ['linux', 'darwin', 'win32', 'freebsd'])
      expect(messages.pngSkipped(1, DEJAVU, '巴', platform).hint).toMatch(/--font FILE or SIM_FONT=FILE$/);
  });
});

// ---- writing charts without a Chinese font ----------------------------------------------------------------------

const scratch = mkdtempSync(join(tmpdir(), 'sim-fonts-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
afterEach(() => useFontProbe(undefined));

const chart = (title: string) => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json' as const,
  title,
  width: 60,
  height: 40,
  data: { values: [{ x: 1, y: 2 }] },
  mark: 'point' as const,
  encoding: { x: { field: 'x', type: 'quantitative' as const }, y: { field: 'y', type: 'quantitative' as const } },
});

describe('charts without a Chinese font', () => {
  it('are written as SVG only, with one warning, when they hold Chinese text; Latin-only charts keep their PNG', async () => {
    useFontProbe(probe({ [DEJAVU]: 'latin' }, { fc: { '*': DEJAVU } }).fake);
    const dir = mkdtempSync(join(scratch, 'none-'));
    const warnings: Message[] = [];
    const files = await writeCharts(
      dir,
      [
        { name: 'zh', spec: chart('巴中人才') },
        { name: 'en', spec: chart('Bazhong') },
        { name: 'zh2', spec: chart('成都') },
      ],
      {
        onWarning: (w) => warnings.push(w),
      },
    );
    expect(files).toEqual(['zh.vl.json', 'zh.svg', 'en.vl.json', 'en.svg', 'en.png', 'zh2.vl.json', 'zh2.svg']);
    expect(readdirSync(dir).sort()).toEqual([...files].sort());
    expect(readFileSync(join(dir, 'zh.svg'), 'utf8')).toContain('巴中人才');
    expect(warnings).toEqual([messages.pngSkipped(2, undefined, '巴中人才成都', process.platform)]);
  });

  it('are the same bytes from the same font', async () => {
    const one = mkdtempSync(join(scratch, 'same-'));
    const two = mkdtempSync(join(scratch, 'same-'));
    await writeCharts(one, [{ name: 'c', spec: chart('巴中人才') }], { font: DEJAVU });
    await writeCharts(two, [{ name: 'c', spec: chart('巴中人才') }], { font: DEJAVU });
    await writeCharts(two, [{ name: 'd', spec: chart('巴中人才') }]);
    await writeCharts(one, [{ name: 'd', spec: chart('巴中人才') }]);
    for (const file of ['c.svg', 'd.svg', 'd.png']) expect(readFileSync(join(one, file)).equals(readFileSync(join(two, file))), file).toBe(true);
    expect(existsSync(join(one, 'c.png'))).toBe(false);
  });
});

describe('sim --font and SIM_FONT', () => {
  writeFileSync(join(scratch, 'tiny.yaml'), stringify({ ...tinyPolicyScenarioInput(), run: { ...tinyPolicyScenarioInput().run, years: 2, runs: 2 } }));
  const cli = async (env: Record<string, string>, ...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const context: CliContext = {
      cwd: scratch,
      env,
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t), isTTY: false },
    };
    const code = await main(argv, context);
    return { code, stdout, stderr: stderr.replace(/^warning: the 5–95 % bands rest on .*\n(?: {4}.*\n)*/m, '') };
  };

  it.each([
    [['--font', 'missing.ttf'], {}, /^error: --font .*missing\.ttf: no such font file\n {4}fix: /],
    [[], { SIM_FONT: 'gone.otf' }, /^error: SIM_FONT \(environment variable\) .*gone\.otf: no such font file/],
    [['--font', 'tiny.yaml'], {}, /^error: --font .*tiny\.yaml is not a font file that can be read/],
    [['--font', 'missing.ttf'], { SIM_FONT: DEJAVU }, /^error: --font .*missing\.ttf/],
  ])('refuses %j (env %j) with exit code 2 before anything runs', async (extra, env, message) => {
    for (const command of [
      ['-s', 'tiny.yaml'],
      ['compare', 'tiny.yaml', '--baseline', 'tiny.yaml'],
      ['sweep', '-s', 'tiny.yaml', '--vary', 'taste.sd=1,2'],
    ]) {
      const { code, stderr } = await cli(env, ...command, '--out', 'refused', ...extra);
      expect(stderr).toMatch(message);
      expect(code).toBe(2);
      expect(existsSync(join(scratch, 'refused'))).toBe(false);
    }
  });

  it('is taken by every command that draws charts', async () => {
    for (const command of ['compare', 'sweep', 'sensitivity', 'calibrate']) {
      const { stdout } = await cli({}, command, '--help');
      expect(stdout, command).toMatch(/--font +Font file/);
    }
    expect((await cli({}, '--help')).stdout).toMatch(/--font +Font file/);
  });

  it('with a font without Chinese glyphs writes SVG only and says so once, on stderr and in run.json', async () => {
    const { code, stderr } = await cli({ SIM_FONT: DEJAVU }, '-s', 'tiny.yaml', '--threads', '1', '--out', 'latin');
    expect(code).toBe(0);
    // Wrapped at 100 columns: the warning's lines after the first, and its fix, are indented by four spaces.
    const unwrapped = stderr.replace(/\n {4}(?!fix: )/g, ' ');
    expect(unwrapped).toMatch(
      /^warning: the font \/usr\/share\/fonts\/truetype\/dejavu\/DejaVuSans\.ttf has no glyphs for \S+ ?\S*: the \d+ charts are written as SVG only/,
    );
    expect(stderr.match(/^warning: /gm)).toHaveLength(1);
    expect(unwrapped).toMatch(/\n {4}fix: .*--font FILE or SIM_FONT=FILE\n$/);
    const files = readdirSync(join(scratch, 'latin'));
    expect(files.filter((f) => f.endsWith('.png'))).toEqual([]);
    expect(files).toContain('retention.svg');
    const record = JSON.parse(readFileSync(join(scratch, 'latin', 'run.json'), 'utf8'));
    // The same words (Chinese wraps between characters, so compare without the spaces the wrapping moved).
    const words = (text: string) => text.replace(/\s+/g, '');
    expect(record.chartWarnings.map(words)).toEqual([words(unwrapped.split('\n')[0].slice('warning: '.length))]);
    // The report links only the files that exist.
    expect(readFileSync(join(scratch, 'latin', 'report.html'), 'utf8')).not.toMatch(/href="[^"]*\.png"/);
  });
});
