/**
 * How much each batch's mean loss should count so that every next-item target of the epoch
 * weighs the same: batch b's scale is its target count over the epoch's mean target count per
 * batch (the scales average 1). SASRec draws random users per batch, so its per-batch means
 * weigh every target about equally; Hearth buckets batches by length (short batches hold a few
 * hundred targets, long ones thousands), so unscaled means weigh a short history's targets up
 * to ~25× more. A sequence of n items gives min(maxLen, n − 1) targets, as makeTrainingBatch.
 * Pure; throws RangeError for an empty epoch or a batch without targets.
 */
export function targetLossScales(batches: readonly (readonly (readonly number[])[])[], maxLen: number): number[] {
  if (!Number.isInteger(maxLen) || maxLen < 1) throw new RangeError(`targetLossScales: maxLen must be a positive integer, got ${maxLen}`);
  if (batches.length === 0) throw new RangeError('targetLossScales: no batches');
  const counts = batches.map((batch, b) => {
    const n = batch.reduce((sum, s) => sum + Math.max(0, Math.min(maxLen, s.length - 1)), 0);
    if (n === 0) throw new RangeError(`targetLossScales: batch ${b} has no targets`);
    return n;
  });
  const mean = counts.reduce((a, n) => a + n, 0) / counts.length;
  return counts.map((n) => n / mean);
}
