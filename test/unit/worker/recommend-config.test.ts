import { describe, expect, it } from 'vitest';
import { validateRecommendConfig } from '../../../src/worker/recommend-config';
import { recommendConfigFromDataset, resolveRecommendConfig } from '../../../src/worker/recommend-tag';
import { createHearth } from '../../../src/hearth';

describe('recommend config', () => {
  it('accepts a good config and rejects bad fields with a HearthError', () => {
    expect(validateRecommendConfig({ modelUrl: '/m/manifest.json', backend: 'wasm', timeoutMs: 500 })).toMatchObject({ backend: 'wasm' });
    expect(() => validateRecommendConfig({ backend: 'gpu' })).toThrow(/backend must be auto, webgl, wasm or cpu/);
    expect(() => validateRecommendConfig({ modelURL: 'x' })).toThrow(/unknown key 'modelURL'/);
    expect(() => validateRecommendConfig({ timeoutMs: 5 })).toThrow(/timeoutMs/);
    expect(() => createHearth({ storage: 'memory', autocapture: false, recommend: 'yes' as never })).toThrow(expect.objectContaining({ name: 'HearthError', code: 'invalid_argument' }));
  });
  it('reads data-* attributes and defaults the worker next to the script', () => {
    (globalThis as { location?: unknown }).location ??= { href: 'https://shop.test/page' };
    expect(recommendConfigFromDataset({ modelUrl: '/m.json', backend: 'cpu' }, '/static/hearth.iife.js')).toEqual({ modelUrl: '/m.json', backend: 'cpu', workerUrl: 'https://shop.test/static/hearth-worker.js' });
  });
  it('reads data-federation-url and data-timeout-ms; a bad timeout is rejected by name', () => {
    (globalThis as { location?: unknown }).location ??= { href: 'https://shop.test/page' };
    const c = recommendConfigFromDataset({ federationUrl: 'https://fl.shop.test', timeoutMs: '2500', workerUrl: '/w.js' }, null);
    expect(c).toEqual({ workerUrl: '/w.js', federationUrl: 'https://fl.shop.test', timeoutMs: 2500 });
    expect(validateRecommendConfig(c)).toMatchObject({ federationUrl: 'https://fl.shop.test', timeoutMs: 2500 });
    for (const bad of ['soon', '', '1e3', '-5', '50']) {
      const b = recommendConfigFromDataset({ timeoutMs: bad }, null);
      expect(() => validateRecommendConfig(b)).toThrow(/timeoutMs must be ms in \[100, 600000\]/);
    }
    expect(recommendConfigFromDataset({}, null)).toEqual({});
  });
  it('checks personalWeight (data-personal-weight) as a number in [0, 1], naming it', () => {
    expect(validateRecommendConfig({ personalWeight: 0 })).toEqual({ personalWeight: 0 });
    expect(validateRecommendConfig({ personalWeight: 1 })).toEqual({ personalWeight: 1 });
    for (const bad of [-0.1, 1.5, Number.NaN, '0.5']) {
      expect(() => validateRecommendConfig({ personalWeight: bad })).toThrow(/personalWeight must be a number in \[0, 1\]/);
    }
    expect(recommendConfigFromDataset({ personalWeight: '0.5' }, null)).toEqual({ personalWeight: 0.5 });
    expect(recommendConfigFromDataset({ personalWeight: '.1' }, null)).toEqual({ personalWeight: 0.1 });
    for (const bad of ['half', '', '1e-1', '-1', '2']) {
      expect(() => resolveRecommendConfig({ dataset: { personalWeight: bad }, src: null })).toThrow(expect.objectContaining({ code: 'invalid_argument', message: expect.stringMatching(/personalWeight/) }));
    }
  });
  it('resolves a script tag\'s attributes on first need, and passes a checked config through', () => {
    (globalThis as { location?: unknown }).location ??= { href: 'https://shop.test/page' };
    const checked = { modelUrl: '/m.json' };
    expect(resolveRecommendConfig(checked)).toBe(checked);
    expect(resolveRecommendConfig({ dataset: { backend: 'wasm', timeoutMs: '900' }, src: '/static/hearth.iife.js' })).toEqual({ backend: 'wasm', timeoutMs: 900, workerUrl: 'https://shop.test/static/hearth-worker.js' });
    expect(() => resolveRecommendConfig({ dataset: { backend: 'gpu' }, src: null })).toThrow(expect.objectContaining({ name: 'HearthError', code: 'invalid_argument', message: expect.stringMatching(/backend must be auto, webgl, wasm or cpu/) }));
  });
});
