import { describe, expect, it } from 'vitest';
import { topReasons } from '../../../src/recommend/reasons';

describe('topReasons', () => {
  it('ranks past items by evidence, merges repeats and normalises', () => {
    const r = topReasons([0.1, 0.5, 0.2, 0.2, -1], ['a', 'b', 'c', 'a', 'd'], 2);
    expect(r.map((x) => x.itemId)).toEqual(['b', 'a']);
    expect(r[0]!.weight).toBeCloseTo(0.5, 6);
    expect(r[1]!.weight).toBeCloseTo(0.3, 6);
  });
  it('gives no reason without positive evidence and checks lengths', () => {
    expect(topReasons([0, -1], ['a', 'b'])).toEqual([]);
    expect(() => topReasons([1], ['a', 'b'])).toThrow(/1 entries for 2/);
  });
});
