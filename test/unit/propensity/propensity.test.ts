import { describe, expect, it } from 'vitest';
import { classificationReport, rocAuc } from '../../../src/propensity/classification-metrics';
import { parseEventLog } from '../../../src/propensity/event-log';
import { trainLogistic } from '../../../src/propensity/logistic-regression';
import { PROPENSITY_FEATURES } from '../../../src/propensity/propensity-features';
import { predictPropensity, validatePropensityModel } from '../../../src/propensity/propensity-model';
import { syntheticShoppers } from '../../../src/propensity/synthetic-shoppers';
import { buildExamples } from '../../../src/propensity/training-examples';
import { createPropensityScorer } from '../../../src/propensity/propensity-api';
import { computeFeatures } from '../../../src/features/compute-features';

describe('classification metrics', () => {
  it('computes AUC with ties, confusion and calibration', () => {
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 6);
    expect(rocAuc([0.5, 0.5], [0, 1])).toBe(0.5);
    const r = classificationReport([0.9, 0.2, 0.6, 0.1], [1, 0, 0, 1]);
    expect(r.confusion).toEqual({ tp: 1, fp: 1, tn: 1, fn: 1 });
    expect(r.accuracy).toBe(0.5);
    expect(r.calibration.reduce((s, b) => s + b.n, 0)).toBe(4);
  });
});

describe('logistic regression', () => {
  it('learns a separable signal and rejects bad input', () => {
    const x = Array.from({ length: 200 }, (_, i) => [i % 2, (i * 7) % 5]);
    const y = x.map((r) => r[0]!);
    const fit = trainLogistic(x, y, { epochs: 300 });
    expect(fit.weights[0]!).toBeGreaterThan(1);
    expect(Math.abs(fit.weights[1]!)).toBeLessThan(0.5);
    expect(() => trainLogistic([[1], [1, 2]], [0, 1])).toThrow(/same number/);
    expect(() => trainLogistic([[1]], [2])).toThrow(/0 or 1/);
  });
});

describe('propensity end to end (synthetic shoppers)', () => {
  it('beats chance on held-out shoppers, and the device scorer agrees with the trainer', async () => {
    const ex = buildExamples(syntheticShoppers(300, 3));
    const held = buildExamples(syntheticShoppers(150, 99));
    expect(new Set(ex.y)).toEqual(new Set([0, 1]));
    const fit = trainLogistic(ex.x, ex.y, { epochs: 150 });
    const model = validatePropensityModel({ format: 'hearth-propensity', version: 't1', featureNames: [...PROPENSITY_FEATURES], ...fit, metrics: {} });
    const p = held.x.map((row) => predictPropensity(model, Object.fromEntries(PROPENSITY_FEATURES.map((k, j) => [k, row[j]!]))));
    expect(classificationReport(p, held.y).auc).toBeGreaterThan(0.65);

    // The worker-side scorer fetches the JSON model and uses on-device features.
    const fetchFn = (async () => new Response(JSON.stringify(model))) as typeof fetch;
    const score = createPropensityScorer({ modelUrl: 'https://shop.test/p.json', fetch: fetchFn });
    const events = [{ id: 'a', ts: 1, type: 'product_view', item: { id: 'x' } }] as never[];
    const r = await score(computeFeatures(events, 2), 'x');
    expect(r.probability).toBeGreaterThan(0);
    expect(r.probability).toBeLessThan(1);
    expect(r.features.item_visits).toBeCloseTo(Math.log(2), 6);
    await expect(score(computeFeatures(events, 2), '')).rejects.toMatchObject({ code: 'invalid_argument' });
    const none = createPropensityScorer({ modelUrl: null });
    await expect(none(computeFeatures(events, 2))).rejects.toMatchObject({ code: 'no_model' });
  });

  it('parses event logs and names the bad line', () => {
    const users = parseEventLog('{"user":1,"item":"a","ts":5,"type":"purchase"}\n{"user":1,"item":"b","ts":2,"type":"product_view"}\n', 'log');
    expect(users.get('1')!.map((e) => e.item)).toEqual(['b', 'a']);
    expect(() => parseEventLog('{"user":1,"item":"a","ts":5,"type":"page_view"}', 'log')).toThrow(/log:1: 'type' must be one of/);
    expect(() => parseEventLog('nope', 'log')).toThrow(/log:1: not valid JSON/);
    expect(() => validatePropensityModel({ format: 'x' })).toThrow(/format/);
  });
});
