import type { Split, Stage, UserSplit } from './leave-one-out';
import { evalCase } from './leave-one-out';
import type { MetricReport } from './metrics';
import { addRank, emptySums, fullRank, pessimisticRank, summarize } from './metrics';
import { createRng, shuffleInPlace } from './rng';

/** The two evaluation protocols of DESIGN.md. */
export type Protocol = 'full' | 'sampled100';

/** Checks a protocol name from user input. */
export function isProtocol(p: unknown): p is Protocol {
  return p === 'full' || p === 'sampled100';
}

/**
 * Scores a batch of histories; returns one score array per history over item indices
 * 0..numItems (index 0 is padding and ignored). May be async (model inference).
 */
export type BatchScorer = (histories: number[][]) => Float32Array[] | Promise<Float32Array[]>;

/**
 * Scores, for each history, only the given candidate items (same order); lets `sampled100` skip
 * scoring the whole catalogue.
 */
export type CandidateScorer = (histories: number[][], candidates: number[][]) => Float32Array[] | Promise<Float32Array[]>;

/** Options for `evaluate`. */
export interface EvalOptions {
  protocol: Protocol;
  stage: Stage;
  /** Seed for user sampling and negatives (sampled100). */
  seed?: number;
  /** Users scored per scorer call. */
  batchSize?: number;
  /** At most this many users (a seeded sample) — 10,000 for sampled100 by default, all for full. */
  maxUsers?: number;
  /** Optional fast path for sampled100 (must agree with `score` on those items). */
  scoreCandidates?: CandidateScorer;
  /** Called after each batch with (done, total). */
  onProgress?: (done: number, total: number) => void;
}

/** The evaluation result: the protocol plus metric means over the evaluated users. */
export type EvalReport = { protocol: Protocol; stage: Stage } & MetricReport;

/**
 * Evaluates a scorer on a leave-one-out split. `full`: the target against all items, the user's
 * other seen items removed, ties pessimistic. `sampled100`: against 100 negatives drawn uniformly
 * from items the user never interacted with (seeded), on a seeded 10,000-user sample when larger.
 */
export async function evaluate(split: Split, score: BatchScorer, opts: EvalOptions): Promise<EvalReport> {
  const seed = opts.seed ?? 42;
  const batchSize = opts.batchSize ?? 256;
  const maxUsers = opts.maxUsers ?? (opts.protocol === 'sampled100' ? 10_000 : Infinity);
  const users = sampleUsers(split.users, maxUsers, seed);
  const rng = createRng(seed ^ 0x5bd1e995);
  const sums = emptySums();
  for (let start = 0; start < users.length; start += batchSize) {
    const batch = users.slice(start, start + batchSize);
    const cases = batch.map((u) => evalCase(u, opts.stage));
    const histories = cases.map((c) => c.history);
    if (opts.protocol === 'full') {
      const scores = await score(histories);
      checkCount(scores.length, cases.length);
      cases.forEach((c, b) => {
        const s = scores[b]!;
        if (s.length < split.numItems + 1) throw new Error(`scorer returned ${s.length} scores, expected ${split.numItems + 1}`);
        addRank(sums, fullRank(s, c.target, split.numItems, new Set(c.history)));
      });
    } else {
      // Candidates: the target first, then 100 negatives avoiding every item the user touched.
      const candidates = cases.map((c, b) => {
        const seen = new Set([...c.history, batch[b]!.valid, batch[b]!.test]);
        return [c.target, ...sampleNegatives(split.numItems, seen, 100, rng)];
      });
      if (opts.scoreCandidates) {
        const scores = await opts.scoreCandidates(histories, candidates);
        checkCount(scores.length, cases.length);
        scores.forEach((s) => addRank(sums, pessimisticRank(s, 0, candidates[0]!.map((_, k) => k))));
      } else {
        const scores = await score(histories);
        checkCount(scores.length, cases.length);
        cases.forEach((c, b) => addRank(sums, pessimisticRank(scores[b]!, c.target, candidates[b]!)));
      }
    }
    opts.onProgress?.(Math.min(start + batchSize, users.length), users.length);
  }
  return { protocol: opts.protocol, stage: opts.stage, ...summarize(sums) };
}

function checkCount(got: number, want: number): void {
  if (got !== want) throw new Error(`scorer returned ${got} score arrays for ${want} users`);
}

/** A seeded sample of at most `max` users (all of them, in order, when fewer). */
export function sampleUsers(users: UserSplit[], max: number, seed: number): UserSplit[] {
  if (users.length <= max) return users;
  return shuffleInPlace([...users], createRng(seed)).slice(0, max);
}

/** `n` distinct items from 1..numItems not in `exclude`, uniformly at random. */
export function sampleNegatives(numItems: number, exclude: ReadonlySet<number>, n: number, rng: ReturnType<typeof createRng>): number[] {
  if (numItems - exclude.size < n) throw new Error(`cannot draw ${n} negatives: only ${numItems - exclude.size} unseen items`);
  const out = new Set<number>();
  while (out.size < n) {
    const i = 1 + rng.int(numItems);
    if (!exclude.has(i)) out.add(i);
  }
  return [...out];
}
