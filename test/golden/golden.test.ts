// The safety net: the baseline's and the package's summaries at a small fixed setting, byte for byte. A change that
// moves a result fails here; if the move is meant, `npm run golden:update` rewrites the files and prints the change.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeGolden, GOLDEN_DIR, GOLDEN_FILES, goldenName } from './golden.js';

describe('golden summaries', async () => {
  const fresh = await computeGolden();
  for (const g of GOLDEN_FILES) {
    const name = goldenName(g);
    it(`${name} is byte for byte the committed file (refresh on purpose with npm run golden:update)`, () => {
      const committed = readFileSync(join(GOLDEN_DIR, name), 'utf8');
      expect(fresh.get(name)).toBe(committed);
    });
  }
});
