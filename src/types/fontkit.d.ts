// The part of fontkit (v2, which ships no types) that src/charts/font.ts uses.
declare module 'fontkit' {
  export interface PathCommand {
    command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
    args: number[];
  }

  export interface Path {
    commands: PathCommand[];
  }

  export interface Glyph {
    /** The glyph's outline in font units, y up; computed once per glyph and cached by fontkit. */
    readonly path: Path;
  }

  export interface GlyphPosition {
    xAdvance: number;
    xOffset: number;
    yOffset: number;
  }

  export interface GlyphRun {
    glyphs: Glyph[];
    positions: GlyphPosition[];
    readonly advanceWidth: number;
  }

  export interface Font {
    familyName: string;
    unitsPerEm: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    layout(text: string): GlyphRun;
  }

  export interface FontCollection {
    fonts: Font[];
  }

  export function openSync(filename: string): Font | FontCollection;
}
