import { describe, expect, it } from 'vitest';
import { retentionExcess } from '../../../src/store/retention';
import { createMemoryEventStore } from '../../../src/store/memory-event-store';

describe('retentionExcess', () => {
  const policy = { maxEvents: 3, maxAgeMs: 100 };
  it('is 0 within both limits', () => expect(retentionExcess([950, 960], policy, 1000)).toBe(0));
  it('counts the excess over maxEvents', () => expect(retentionExcess([960, 970, 980, 990, 995], policy, 1000)).toBe(2));
  it('counts expired events', () => expect(retentionExcess([800, 850, 990], policy, 1000)).toBe(2));
  it('takes the larger of the two', () => expect(retentionExcess([800, 950, 960, 970, 980], policy, 1000)).toBe(2));
});

describe('createMemoryEventStore', () => {
  it('keeps the same contract: ordered, deduplicated by id, retained', async () => {
    const s = createMemoryEventStore({ maxEvents: 2, maxAgeMs: 1e9 });
    const now = Date.now();
    const e = (id: string, ts: number) => ({ type: 'page_view' as const, id, ts, itemIds: [] });
    await s.append([e('b', now - 2), e('a', now - 3)]);
    await s.append([e('b', now - 2), e('c', now - 1)]);
    expect(s.durable).toBe(false);
    expect((await s.list()).map((x) => x.id)).toEqual(['b', 'c']);
  });
});
