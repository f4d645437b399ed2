/** Held-out quality of a probabilistic classifier. */
export interface ClassificationReport {
  n: number;
  positiveRate: number;
  auc: number;
  accuracy: number;
  /** At threshold 0.5: true/false positives/negatives. */
  confusion: { tp: number; fp: number; tn: number; fn: number };
  /** 10 equal-width bins of predicted probability: mean prediction vs observed rate. */
  calibration: { bin: string; n: number; predicted: number; observed: number }[];
  /** Expected calibration error over those bins. */
  ece: number;
  logLoss: number;
}

/** ROC AUC by ranks (ties get the average rank), 0.5 when one class is missing. */
export function rocAuc(p: readonly number[], y: readonly number[]): number {
  const idx = p.map((_, i) => i).sort((a, b) => p[a]! - p[b]!);
  const rank = new Array<number>(p.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && p[idx[j + 1]!] === p[idx[i]!]) j++;
    for (let k = i; k <= j; k++) rank[idx[k]!] = (i + j) / 2 + 1;
    i = j + 1;
  }
  const pos = y.filter((v) => v === 1).length, neg = y.length - pos;
  if (pos === 0 || neg === 0) return 0.5;
  const sum = y.reduce((s, v, i) => s + (v === 1 ? rank[i]! : 0), 0);
  return (sum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** AUC, accuracy, confusion matrix, calibration and log-loss of predictions `p` for labels `y`. */
export function classificationReport(p: readonly number[], y: readonly number[]): ClassificationReport {
  if (p.length !== y.length || p.length === 0) throw new RangeError('need one prediction per label, at least one');
  const confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  let logLoss = 0;
  p.forEach((q, i) => {
    const hit = q >= 0.5;
    if (y[i] === 1) hit ? confusion.tp++ : confusion.fn++;
    else hit ? confusion.fp++ : confusion.tn++;
    logLoss -= y[i] === 1 ? Math.log(q + 1e-12) : Math.log(1 - q + 1e-12);
  });
  const bins = Array.from({ length: 10 }, (_, b) => ({ bin: `${(b / 10).toFixed(1)}-${((b + 1) / 10).toFixed(1)}`, n: 0, predicted: 0, observed: 0 }));
  p.forEach((q, i) => { const b = bins[Math.min(9, Math.floor(q * 10))]!; b.n++; b.predicted += q; b.observed += y[i]!; });
  let ece = 0;
  for (const b of bins) if (b.n) { b.predicted /= b.n; b.observed /= b.n; ece += (b.n / p.length) * Math.abs(b.predicted - b.observed); }
  return {
    n: p.length,
    positiveRate: y.reduce((s, v) => s + v, 0) / y.length,
    auc: rocAuc(p, y),
    accuracy: (confusion.tp + confusion.tn) / p.length,
    confusion,
    calibration: bins.filter((b) => b.n > 0),
    ece,
    logLoss: logLoss / p.length,
  };
}
