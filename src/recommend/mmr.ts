import type { Scored } from './top-k';

/**
 * Maximal Marginal Relevance re-rank: picks `k` of `candidates` greedily, each maximising
 * (1 − λ)·relevance − λ·(max similarity to what is already picked). λ = `diversity` in [0, 1];
 * λ = 0 keeps the relevance order. Relevance is min-max normalised so λ means the same for any
 * score scale. `similarity(a, b)` takes model indices and should return roughly [-1, 1].
 */
export function mmrRerank(candidates: readonly Scored[], k: number, diversity: number, similarity: (a: number, b: number) => number): Scored[] {
  if (!(diversity >= 0 && diversity <= 1)) throw new RangeError(`diversity must be in [0, 1], got ${diversity}`);
  if (diversity === 0 || candidates.length <= 1) return candidates.slice(0, k);
  let lo = Infinity, hi = -Infinity;
  for (const c of candidates) { lo = Math.min(lo, c.score); hi = Math.max(hi, c.score); }
  const span = hi - lo || 1;
  const rest = candidates.slice();
  const picked: Scored[] = [];
  // maxSim[j]: the highest similarity of rest[j] to anything picked so far.
  const maxSim = new Array<number>(rest.length).fill(-Infinity);
  while (picked.length < k && rest.length > 0) {
    let best = 0, bestVal = -Infinity;
    for (let j = 0; j < rest.length; j++) {
      const rel = (rest[j]!.score - lo) / span;
      const penalty = picked.length === 0 ? 0 : maxSim[j]!;
      const v = (1 - diversity) * rel - diversity * penalty;
      if (v > bestVal) { bestVal = v; best = j; }
    }
    const [chosen] = rest.splice(best, 1);
    maxSim.splice(best, 1);
    picked.push(chosen!);
    for (let j = 0; j < rest.length; j++) maxSim[j] = Math.max(maxSim[j]!, similarity(rest[j]!.index, chosen!.index));
  }
  return picked;
}
