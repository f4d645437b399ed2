import { PROPENSITY_FEATURES } from './propensity-features';

/** A trained logistic-regression propensity model (JSON, written by `hearth propensity train`). */
export interface PropensityModel {
  format: 'hearth-propensity';
  version: string;
  featureNames: string[];
  /** Standardisation: x' = (x − mean) / std, per feature. */
  mean: number[];
  std: number[];
  weights: number[];
  bias: number;
  /** Held-out metrics from training (AUC, accuracy, …). */
  metrics: Record<string, unknown>;
}

/** Checks an untrusted model object; throws a TypeError naming the first problem. */
export function validatePropensityModel(raw: unknown): PropensityModel {
  const m = raw as Partial<PropensityModel> | null;
  if (!m || typeof m !== 'object' || m.format !== 'hearth-propensity') throw new TypeError("propensity model: format must be 'hearth-propensity'");
  const n = PROPENSITY_FEATURES.length;
  if (!Array.isArray(m.featureNames) || m.featureNames.join() !== PROPENSITY_FEATURES.join()) throw new TypeError(`propensity model: featureNames must be ${PROPENSITY_FEATURES.join(', ')}`);
  for (const k of ['mean', 'std', 'weights'] as const) {
    const v = m[k];
    if (!Array.isArray(v) || v.length !== n || v.some((x) => typeof x !== 'number' || !Number.isFinite(x))) throw new TypeError(`propensity model: ${k} must be ${n} finite numbers`);
  }
  if (m.std!.some((s) => !(s > 0))) throw new TypeError('propensity model: std must be positive');
  if (typeof m.bias !== 'number' || !Number.isFinite(m.bias)) throw new TypeError('propensity model: bias must be a finite number');
  if (typeof m.version !== 'string' || !m.version) throw new TypeError('propensity model: version must be a non-empty string');
  return m as PropensityModel;
}

/** σ(w·standardise(x) + b) for a feature record (missing features count as 0). */
export function predictPropensity(model: PropensityModel, x: Readonly<Record<string, number>>): number {
  let z = model.bias;
  model.featureNames.forEach((name, i) => { z += model.weights[i]! * (((x[name] ?? 0) - model.mean[i]!) / model.std[i]!); });
  return 1 / (1 + Math.exp(-z));
}
