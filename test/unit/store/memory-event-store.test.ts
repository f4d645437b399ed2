import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../src/events/schema';
import { queryEvents } from '../../../src/store/list-events';
import { createMemoryEventStore } from '../../../src/store/memory-event-store';

const e = (id: string, ts: number): StoredEvent => ({ type: 'page_view', id, ts });

describe('createMemoryEventStore', () => {
  it('keeps what is appended, in append order, and is not durable', async () => {
    const s = createMemoryEventStore({ maxEvents: 10, maxAgeDays: 1e3 });
    const now = Date.now();
    await s.append([e('b', now - 2), e('a', now - 3)]);
    await s.append([e('c', now - 1)]);
    expect(s.durable).toBe(false);
    expect(s.events.map((x) => x.id)).toEqual(['b', 'a', 'c']);
  });
  it('keeps at most maxEvents, the last appended', async () => {
    const s = createMemoryEventStore({ maxEvents: 2, maxAgeDays: 1e3 });
    const now = Date.now();
    await s.append([e('a', now - 3), e('b', now - 2)]);
    await s.append([e('c', now - 1)]);
    expect(s.events.map((x) => x.id)).toEqual(['b', 'c']);
  });
  it('drops events older than maxAgeDays on append', async () => {
    const s = createMemoryEventStore({ maxEvents: 10, maxAgeDays: 60_000 / 864e5 });
    const now = Date.now();
    await s.append([e('old', now - 120_000), e('new', now - 1000)]);
    expect(s.events.map((x) => x.id)).toEqual(['new']);
  });
});

describe('queryEvents', () => {
  const events = [e('b', 20), e('a', 10), e('b', 20), e('c', 30), e('d', 20)];
  it('orders by time (ties in append order) with one copy per id', () => {
    expect(queryEvents(events).map((x) => x.id)).toEqual(['a', 'b', 'd', 'c']);
  });
  it('applies since and limit after ordering', () => {
    expect(queryEvents(events, { since: 20 }).map((x) => x.id)).toEqual(['b', 'd', 'c']);
    expect(queryEvents(events, { limit: 2 }).map((x) => x.id)).toEqual(['a', 'b']);
    expect(queryEvents(events, { since: 25, limit: 5 }).map((x) => x.id)).toEqual(['c']);
  });
  it('returns a new array and leaves its input alone', () => {
    const copy = [...events];
    expect(queryEvents(events)).not.toBe(events);
    expect(events).toEqual(copy);
  });
});
