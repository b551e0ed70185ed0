// Labels of the cost–effect chart: placed beside their points, never on one another nor outside the plot.
import { describe, expect, it } from 'vitest';
import { labelWidth, placeLabels } from '../../src/charts/specs.js';

describe('placeLabels', () => {
  it('puts a lone label to the right of its point, then left, above, below when there is no room', () => {
    const size = { width: 200, height: 100 };
    expect(placeLabels([{ text: 'ab', x: 50, y: 50 }], size)[0].box.x).toBe(58);
    // At the right edge: to the left.
    expect(placeLabels([{ text: 'ab', x: 195, y: 50 }], size)[0].box.x).toBeCloseTo(195 - 8 - labelWidth('ab'));
    expect(labelWidth('巴中ab')).toBeCloseTo(2 * 11 + 2 * 11 * 0.62);
  });

  it('never overlaps two labels, a label and a point, or the edges; drops the labels without room, the first ones kept', () => {
    const size = { width: 300, height: 200 };
    // 40 points on top of one another in a corner, and some spread out.
    const points = [
      ...Array.from({ length: 40 }, (_, k) => ({ text: `crowded-${k}`, x: 20 + (k % 4), y: 20 + (k % 3) })),
      ...Array.from({ length: 6 }, (_, k) => ({ text: `far-${k}`, x: 60 + 35 * k, y: 60 + 20 * k })),
    ];
    const placed = placeLabels(points, size);
    expect(placed.length).toBeLessThan(points.length);
    expect(placed.filter((p) => p.text.startsWith('crowded')).length).toBeLessThan(10);
    expect(placed.map((p) => p.text)).toEqual(expect.arrayContaining(['far-0', 'far-5']));
    for (const [i, a] of placed.entries()) {
      const box = a.box;
      expect(box.x >= 0 && box.y >= 0 && box.x + box.width <= size.width && box.y + box.height <= size.height).toBe(true);
      for (const b of placed.slice(i + 1).map((p) => p.box))
        expect(box.x < b.x + b.width && b.x < box.x + box.width && box.y < b.y + b.height && b.y < box.y + box.height, `${a.text}`).toBe(false);
      for (const p of points)
        expect(p.x > box.x - 6 && p.x < box.x + box.width + 6 && p.y > box.y - 6 && p.y < box.y + box.height + 6, `${a.text} on ${p.text}`).toBe(false);
    }
  });
});
