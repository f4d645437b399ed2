import { describe, expect, it } from 'vitest';
import { eventId } from '../../../src/events/event-id';

describe('eventId', () => {
  it('is unique, sorts in tracking order within a tab and carries 64 random bits as hex', () => {
    // More ids than one refill of the random pool, all in the same millisecond.
    const ids = Array.from({ length: 3000 }, () => eventId(1_700_000_000_000));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(/^[0-9a-z]{13}[0-9a-f]{16}$/);
    // The random parts differ (not one repeated word).
    expect(new Set(ids.map((id) => id.slice(13))).size).toBe(ids.length);
    expect(eventId(1_700_000_000_001) > ids[ids.length - 1]!).toBe(true);
  });
});
