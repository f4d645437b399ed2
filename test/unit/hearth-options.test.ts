import { describe, expect, it } from 'vitest';
import { DEFAULTS, resolveOptions } from '../../src/hearth-options';

describe('resolveOptions', () => {
  it('fills every default', () => {
    const r = resolveOptions({});
    expect(r).toMatchObject({ ...DEFAULTS, autocapture: {} });
  });
  it('maps autocapture: true, null or absent to every kind, false and per-kind options as given', () => {
    const kinds = { tiles: false };
    expect(resolveOptions({ autocapture: true }).autocapture).toEqual({});
    expect(resolveOptions({ autocapture: null as never }).autocapture).toEqual({});
    expect(resolveOptions({ autocapture: false }).autocapture).toBe(false);
    expect(resolveOptions({ autocapture: kinds }).autocapture).toBe(kinds);
    expect(() => resolveOptions({ autocapture: 'yes' as never })).toThrow(/options\.autocapture must be a boolean or object/);
  });
  it('accepts storage "auto" or "memory" only, whatever its type', () => {
    expect(resolveOptions({ storage: 'memory' }).storage).toBe('memory');
    for (const bad of ['disk', 1, true]) {
      expect(() => resolveOptions({ storage: bad as never })).toThrow(/options\.storage must be "auto" or "memory"/);
    }
  });
  it('checks types and minimums, naming the field', () => {
    expect(() => resolveOptions({ dbName: ['hearth'] as never })).toThrow(/options\.dbName must be a string/);
    expect(() => resolveOptions({ batchSize: 0 })).toThrow(/options\.batchSize must be a number ≥ 1, got 0/);
    expect(() => resolveOptions({ maxAgeDays: Infinity })).toThrow(/options\.maxAgeDays must be a number/);
    expect(() => resolveOptions(null as never)).toThrow(/options must be an object/);
  });
});
