/** A scored candidate by model index. */
export interface Scored {
  index: number;
  score: number;
}

/**
 * The `k` highest-scoring indices in 1..scores.length-1 that `allowed` accepts, best first.
 * Ties go to the lower index so results are deterministic across backends. NaN scores are
 * skipped. O(n log k) with a small binary min-heap; `allowed` is asked only about indices that
 * score high enough to enter the current top k, so it may be costly.
 */
export function topK(scores: ArrayLike<number>, k: number, allowed: (index: number) => boolean = () => true): Scored[] {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a non-negative integer, got ${k}`);
  const heap: Scored[] = [];
  // "worse" = lower score, or equal score and higher index.
  const worse = (a: Scored, b: Scored) => a.score < b.score || (a.score === b.score && a.index > b.index);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  if (k === 0) return [];
  // Indices rise, so once the heap is full an equal score never beats its weakest entry (a lower
  // index): only a score strictly above `floor` (the weakest score) can enter. NaN fails every
  // comparison. The scan over the catalog is one compare per item, with no object reads.
  let full = false;
  let floor = -Infinity;
  const n = scores.length;
  for (let i = 1; i < n; i++) {
    const s = scores[i]!;
    if (full ? !(s > floor) : Number.isNaN(s)) continue;
    // The rule runs (and a candidate is allocated) only for an index that would enter the heap:
    // a few hundred per call instead of every catalog item. Same result, far less work.
    if (!allowed(i)) continue;
    const c = { index: i, score: s };
    if (!full) {
      heap.push(c);
      for (let j = heap.length - 1; j > 0; ) {
        const p = (j - 1) >> 1;
        if (!worse(heap[j]!, heap[p]!)) break;
        [heap[j], heap[p]] = [heap[p]!, heap[j]!];
        j = p;
      }
      full = heap.length >= k;
    } else {
      heap[0] = c;
      down(0);
    }
    if (full) floor = heap[0]!.score;
  }
  return heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
}
