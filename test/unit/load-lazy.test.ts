import { describe, expect, it } from 'vitest';
import { loadLazy } from '../../src/load-lazy';

describe('loadLazy (npm build)', () => {
  it('imports the lazy part once and hands every caller the same promise and module', async () => {
    const first = loadLazy({});
    const second = loadLazy({});
    expect(second).toBe(first);
    const m = await first;
    expect(typeof m.createLazyApi).toBe('function');
    expect(await loadLazy({})).toBe(m);
  });
});
