import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../../src/events/schema';
import { computeFeatures } from '../../../src/features/compute-features';
import { addDecayed, decayedValue } from '../../../src/features/decayed-score';
import { emptyFeatureState, updateFeatures } from '../../../src/features/feature-state';
import { pushItem } from '../../../src/features/item-sequence';
import { preferredBand, priceBand } from '../../../src/features/price-band';
import { SESSION_GAP_MS, updateSession } from '../../../src/features/session-stats';

const DAY = 864e5;
let n = 0;
const view = (id: string, ts: number, extra: Record<string, unknown> = {}): StoredEvent =>
  ({ type: 'product_view', item: { id, ...extra }, id: `e${n++}`, ts }) as StoredEvent;

describe('pushItem', () => {
  it('collapses consecutive repeats and caps the length', () => {
    let s: string[] = [];
    for (const id of ['a', 'a', 'b', 'a', 'c', 'c', 'd']) s = pushItem(s, id, 4);
    expect(s).toEqual(['b', 'a', 'c', 'd']);
  });
  it('does not mutate its input', () => {
    const s = ['a'];
    pushItem(s, 'b', 5);
    expect(s).toEqual(['a']);
  });
});

describe('decayed scores', () => {
  it('halve every half-life', () => {
    expect(decayedValue(addDecayed(undefined, 4, 0, DAY), 2 * DAY, DAY)).toBeCloseTo(1);
  });
  it('are order-independent', () => {
    const a = addDecayed(addDecayed(undefined, 1, 0, DAY), 2, DAY, DAY);
    const b = addDecayed(addDecayed(undefined, 2, DAY, DAY), 1, 0, DAY);
    expect(decayedValue(a, 3 * DAY, DAY)).toBeCloseTo(decayedValue(b, 3 * DAY, DAY));
  });
});

describe('price bands', () => {
  it('bucket prices by the edges', () => {
    expect([0, 9.99, 10, 49, 100, 999, 5000].map(priceBand)).toEqual([0, 0, 1, 2, 4, 6, 7]);
  });
  it('prefer the heaviest band, null when empty', () => {
    expect(preferredBand([0, 2, 5, 1])).toBe(2);
    expect(preferredBand([0, 0])).toBeNull();
  });
});

describe('sessions', () => {
  it('split on a 30-minute gap and remember the previous end', () => {
    let s = updateSession(null, 0);
    s = updateSession(s, 60_000);
    s = updateSession(s, 60_000 + SESSION_GAP_MS + 1);
    expect(s).toEqual({ sessions: 2, start: 60_000 + SESSION_GAP_MS + 1, last: 60_000 + SESSION_GAP_MS + 1, events: 1, previousEnd: 60_000 });
  });
});

describe('computeFeatures', () => {
  const now = Date.UTC(2026, 0, 10);
  const events: StoredEvent[] = [
    view('old-shoe', now - 30 * DAY, { category: 'Shoes', brand: 'Acme', price: 80 }),
    { type: 'search', query: 'hats', id: 's1', ts: now - 3700e3 },
    view('hat1', now - 3600e3, { category: 'Hats', brand: 'Cap Co', price: 20 }),
    view('hat1', now - 3500e3, { category: 'Hats', brand: 'Cap Co', price: 20 }),
    { type: 'custom', name: 'impression', item: { id: 'imp', category: 'Socks' }, id: 'c1', ts: now - 3400e3 },
    { type: 'add_to_cart', item: { id: 'hat2', category: 'Hats', price: 22 }, id: 'a1', ts: now - 3000e3 },
    { type: 'purchase', items: [{ id: 'hat2', category: 'Hats', price: 22 }], value: 22, currency: 'EUR', id: 'p1', ts: now - 2000e3 },
  ];
  const f = computeFeatures(events, now);

  it('builds the recent sequence, collapsed, without impressions', () => {
    expect(f.sequence).toEqual(['old-shoe', 'hat1', 'hat2']);
  });
  it('weights recent categories above old ones and normalises to 1', () => {
    expect(Object.keys(f.categoryAffinity)).toEqual(['Hats', 'Shoes']);
    expect(f.categoryAffinity.Hats!).toBeGreaterThan(0.95);
    expect(Object.values(f.categoryAffinity).reduce((a, b) => a + b)).toBeCloseTo(1);
    expect(f.brandAffinity['Cap Co']).toBeGreaterThan(f.brandAffinity.Acme!);
    expect(f.categoryAffinity.Socks).toBeUndefined();
  });
  it('prefers the price band of what was bought and viewed', () => {
    expect(f.priceBand.preferred).toBe(1);
  });
  it('counts events by type', () => {
    expect(f.counts).toMatchObject({ product_view: 3, search: 1, custom: 1, add_to_cart: 1, purchase: 1, click: 0 });
  });
  it('describes the session and the gap since the last visit', () => {
    expect(f.session.sessions).toBe(2);
    expect(f.session.events).toBe(6);
    expect(f.session.lengthMs).toBe(3700e3 - 2000e3);
    expect(f.session.sinceLastVisitMs).toBe(30 * DAY - 3700e3);
  });
  it('is the same whatever the input order, and the same as folding incrementally', () => {
    expect(computeFeatures([...events].reverse(), now)).toEqual(f);
    const folded = events.reduce((s, e) => updateFeatures(s, e), emptyFeatureState());
    expect(folded.sequence).toEqual(f.sequence);
  });
  it('is empty for no events', () => {
    const e = computeFeatures([], now);
    expect(e.sequence).toEqual([]);
    expect(e.session).toEqual({ sessions: 0, lengthMs: 0, events: 0, sinceLastVisitMs: null });
    expect(e.priceBand.preferred).toBeNull();
  });
  it('lets a low rating push a category away', () => {
    const r = computeFeatures([view('x', now - 1000, { category: 'Hats' }), { type: 'rate', item: { id: 'x', category: 'Hats' }, rating: 0, id: 'r', ts: now }], now);
    expect(r.categoryAffinity.Hats).toBeUndefined();
  });
});
