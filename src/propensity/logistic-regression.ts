/** A fitted logistic regression over standardised features. */
export interface LogisticFit {
  mean: number[];
  std: number[];
  weights: number[];
  bias: number;
  /** Mean training log-loss after the last epoch. */
  loss: number;
}

/** Training settings; defaults suit a few thousand rows of ~15 features. */
export interface LogisticOptions {
  epochs?: number;
  learningRate?: number;
  /** L2 penalty on the weights (not the bias). */
  l2?: number;
}

/**
 * Fits p(y=1|x) = σ(w·z + b) with z the standardised x, by full-batch gradient descent on the
 * mean log-loss + L2. Deterministic. Throws RangeError for empty, ragged or non-finite input,
 * or labels other than 0/1.
 */
export function trainLogistic(x: readonly number[][], y: readonly number[], o: LogisticOptions = {}): LogisticFit {
  const n = x.length;
  if (n === 0 || y.length !== n) throw new RangeError(`need as many labels as rows (${n} rows, ${y.length} labels), at least one`);
  const d = x[0]!.length;
  for (const row of x) if (row.length !== d || row.some((v) => !Number.isFinite(v))) throw new RangeError('every row needs the same number of finite features');
  if (y.some((v) => v !== 0 && v !== 1)) throw new RangeError('labels must be 0 or 1');
  const mean = Array.from({ length: d }, (_, j) => x.reduce((s, r) => s + r[j]!, 0) / n);
  // Constant features get std 1 so they stay harmless (z = 0).
  const std = mean.map((m, j) => Math.sqrt(x.reduce((s, r) => s + (r[j]! - m) ** 2, 0) / n) || 1);
  const z = x.map((r) => r.map((v, j) => (v - mean[j]!) / std[j]!));
  const w = new Array<number>(d).fill(0);
  const base = y.reduce((s, v) => s + v, 0) / n;
  let b = Math.log(Math.max(1e-6, base) / Math.max(1e-6, 1 - base));
  const lr = o.learningRate ?? 0.5, l2 = o.l2 ?? 1e-3, epochs = o.epochs ?? 400;
  let loss = 0;
  for (let e = 0; e < epochs; e++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    loss = 0;
    for (let i = 0; i < n; i++) {
      let s = b;
      for (let j = 0; j < d; j++) s += w[j]! * z[i]![j]!;
      const p = 1 / (1 + Math.exp(-s));
      const err = p - y[i]!;
      loss -= y[i]! * Math.log(p + 1e-12) + (1 - y[i]!) * Math.log(1 - p + 1e-12);
      for (let j = 0; j < d; j++) gw[j]! += err * z[i]![j]!;
      gb += err;
    }
    for (let j = 0; j < d; j++) w[j]! -= lr * (gw[j]! / n + l2 * w[j]!);
    b -= lr * (gb / n);
    loss /= n;
  }
  return { mean, std, weights: w, bias: b, loss };
}
