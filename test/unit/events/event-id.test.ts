import { describe, expect, it, vi } from 'vitest';
import { eventId } from '../../../src/events/event-id';

describe('eventId', () => {
  it('is unique, sorts in tracking order within a tab and carries 64 random bits in base 36', () => {
    // Many ids in the same millisecond: the counter keeps them unique and in order.
    const ids = Array.from({ length: 3000 }, () => eventId(1_700_000_000_000));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(/^[0-9a-z]{14,26}$/);
    expect(eventId(1_700_000_000_001) > ids[ids.length - 1]!).toBe(true);
    // A later time sorts later even when the counter is at a higher digit count.
    expect(eventId(1_700_000_000_002) > eventId(1_700_000_000_001)).toBe(true);
  });

  it('differs between page loads (tabs) tracking at the same millisecond with the same counter', async () => {
    const ts = 1_700_000_000_000;
    const pages = [];
    for (let i = 0; i < 20; i++) {
      vi.resetModules();
      const m = await import('../../../src/events/event-id');
      pages.push(m.eventId(ts));
    }
    // Same time and counter (each fresh module starts at 0): only the random part tells them apart.
    expect(new Set(pages.map((id) => id.slice(0, 13))).size).toBe(1);
    expect(new Set(pages).size).toBe(pages.length);
  });
});
