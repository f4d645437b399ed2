import { describe, expect, it } from 'vitest';
import { rowNoiseFloor, shareAboveFloor } from '../../../src/server/row-noise-floor';
import { calibrateNoiseMultiplier } from '../../../src/server/privacy-accountant';

describe('rowNoiseFloor', () => {
  it('is q·√T / (z·√(rows·d)) per client, by hand', () => {
    // q 1, T 4, z 2, 16 rows of d 4: 1·2 / (2·√64) = 0.125 → 8 clients for SNR 1.
    const f = rowNoiseFloor({ sampleRate: 1, rounds: 4, noiseMultiplier: 2, rowsPerUpdate: 16, dim: 4 });
    expect(f.snrPerClient).toBeCloseTo(0.125, 12);
    expect(f.clientsForSnr1).toBeCloseTo(8, 12);
    // Four times the rows spread the same clipped norm twice as thin.
    expect(rowNoiseFloor({ sampleRate: 1, rounds: 4, noiseMultiplier: 2, rowsPerUpdate: 64, dim: 4 }).clientsForSnr1).toBeCloseTo(16, 12);
  });

  it('has no floor without noise', () => {
    expect(rowNoiseFloor({ sampleRate: 0.1, rounds: 3, noiseMultiplier: 0, rowsPerUpdate: 256, dim: 64 })).toEqual({ snrPerClient: Infinity, clientsForSnr1: 0 });
  });

  it('at ε = 8 the README recipe (4 × 750 of 17,891) needs ~9× the clients that full participation does', () => {
    const floorFor = (q: number, T: number) =>
      rowNoiseFloor({ sampleRate: q, rounds: T, noiseMultiplier: calibrateNoiseMultiplier(8, { sampleRate: q, rounds: T, delta: 1e-6 }), rowsPerUpdate: 256, dim: 64 }).clientsForSnr1;
    const recipe = floorFor(750 / 17_891, 4);
    const everyone = floorFor(1, 10);
    expect(recipe).toBeGreaterThan(800);
    expect(everyone).toBeLessThan(100);
  });

  it('rejects inputs out of range', () => {
    const ok = { sampleRate: 0.5, rounds: 2, noiseMultiplier: 1, rowsPerUpdate: 8, dim: 4 };
    expect(() => rowNoiseFloor({ ...ok, sampleRate: 0 })).toThrow(/sampleRate must be in \(0, 1\]/);
    expect(() => rowNoiseFloor({ ...ok, sampleRate: 1.5 })).toThrow(/sampleRate/);
    expect(() => rowNoiseFloor({ ...ok, rounds: 0 })).toThrow(/rounds must be an integer ≥ 1/);
    expect(() => rowNoiseFloor({ ...ok, rowsPerUpdate: 2.5 })).toThrow(/rowsPerUpdate/);
    expect(() => rowNoiseFloor({ ...ok, noiseMultiplier: Number.NaN })).toThrow(/noiseMultiplier/);
    expect(() => rowNoiseFloor({ ...ok, noiseMultiplier: -1 })).toThrow(/noiseMultiplier/);
  });
});

describe('shareAboveFloor', () => {
  // Touching clients per item: 1 → 1, 2 → 3 (a repeat within one client counts once), 3 → 1, 4 → 0.
  const clients = [[1, 2, 2], [2, 3], [2]];

  it('counts distinct touching clients per item, for items and held-out targets', () => {
    expect(shareAboveFloor(clients, 4, [2, 3, 4, 2], 2)).toEqual({ items: 0.25, targets: 0.5 });
    expect(shareAboveFloor(clients, 4, [2, 3, 4, 2], 1)).toEqual({ items: 0.75, targets: 0.75 });
    expect(shareAboveFloor(clients, 4, [2, 3, 4, 2], 0)).toEqual({ items: 1, targets: 1 });
    expect(shareAboveFloor(clients, 4, [], 2)).toEqual({ items: 0.25, targets: 0 });
  });

  it('rejects a bad item count or floor', () => {
    expect(() => shareAboveFloor(clients, 0, [], 1)).toThrow(/numItems/);
    expect(() => shareAboveFloor(clients, 4, [], Number.NaN)).toThrow(/clientsForSnr1/);
  });
});
