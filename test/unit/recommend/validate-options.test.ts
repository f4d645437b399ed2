import { describe, expect, it } from 'vitest';
import { validateRecommendOptions } from '../../../src/recommend/validate-options';
import { MAX_RECOMMEND_K } from '../../../src/protocol';

describe('validateRecommendOptions', () => {
  it('accepts and normalises good options', () => {
    expect(validateRecommendOptions({ k: 5, exclude: [7, 'x'], filter: { inStock: true, categories: ['c'] }, diversity: 0.3 })).toEqual({
      k: 5, exclude: ['7', 'x'], filter: { inStock: true, categories: ['c'] }, diversity: 0.3,
    });
  });
  it.each([
    [{ k: 0 }, /k must be an integer in 1\.\./],
    [{ k: -3 }, /k must be/],
    [{ k: MAX_RECOMMEND_K + 1 }, /k must be/],
    [{ k: 2.5 }, /k must be/],
    [{ k: '5' }, /k must be/],
    [{ k: 5, filter: { color: 'red' } }, /unknown filter 'color'/],
    [{ k: 5, sort: 'price' }, /unknown option 'sort'/],
    [{ k: 5, diversity: 2 }, /diversity must be/],
    [{ k: 5, exclude: 'a' }, /exclude must be an array/],
    [{ k: 5, filter: { categories: [] } }, /must not be empty/],
    [null, /options must be an object/],
  ])('rejects %j', (input, msg) => {
    expect(() => validateRecommendOptions(input)).toThrow(msg);
  });
});
