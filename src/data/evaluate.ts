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

/**
 * How `sampled100` draws its 100 negatives. `unseen` (the default, DESIGN.md's protocol): distinct
 * items the user never interacted with (training, validation and test items all excluded).
 * `sasrec-code`: as kang205/SASRec's util.py evaluate/evaluate_valid — 100 draws with
 * replacement from 1..numItems, only the user's *training* items excluded, so the validation and
 * even the target item can be drawn (a drawn target ties with itself and, ties being pessimistic,
 * ranks above it). Reported beside the default, never instead of it.
 */
export type NegativeSampling = 'unseen' | 'sasrec-code';

/** Checks a negative-sampling name from user input. */
export function isNegativeSampling(n: unknown): n is NegativeSampling {
  return n === 'unseen' || n === 'sasrec-code';
}

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
  /** sampled100 negatives: `unseen` (default) or `sasrec-code` (see NegativeSampling). */
  negatives?: NegativeSampling;
  /** Optional fast path for sampled100 (must agree with `score` on those items). */
  scoreCandidates?: CandidateScorer;
  /** Called after each batch with (done, total). */
  onProgress?: (done: number, total: number) => void;
  /** Called with each evaluated user's position in the (seeded) sample and its 1-based rank. */
  onRank?: (index: number, rank: number) => void;
}

/**
 * The evaluation result: the protocol plus metric means over the evaluated users; `negatives`
 * appears only for the non-default `sasrec-code` sampling.
 */
export type EvalReport = { protocol: Protocol; stage: Stage; negatives?: 'sasrec-code' } & MetricReport;

/**
 * Evaluates a scorer on a leave-one-out split. `full`: the target against all items, the user's
 * other seen items removed, ties pessimistic. `sampled100`: against 100 negatives drawn uniformly (by default; see NegativeSampling)
 * from items the user never interacted with (seeded), on a seeded 10,000-user sample when larger.
 */
export async function evaluate(split: Split, score: BatchScorer, opts: EvalOptions): Promise<EvalReport> {
  const seed = opts.seed ?? 42;
  const negatives = opts.negatives ?? 'unseen';
  if (!isNegativeSampling(negatives)) throw new RangeError(`negatives must be 'unseen' or 'sasrec-code', got '${String(negatives)}'`);
  const batchSize = opts.batchSize ?? 256;
  const maxUsers = opts.maxUsers ?? (opts.protocol === 'sampled100' ? 10_000 : Infinity);
  const users = sampleUsers(split.users, maxUsers, seed);
  const rng = createRng(seed ^ 0x5bd1e995);
  const sums = emptySums();
  const record = (index: number, rank: number) => {
    addRank(sums, rank);
    opts.onRank?.(index, rank);
  };
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
        record(start + b, fullRank(s, c.target, split.numItems, new Set(c.history)));
      });
    } else {
      // Candidates: the target first, then 100 negatives (see NegativeSampling).
      const candidates = cases.map((c, b) => {
        const u = batch[b]!;
        const negs =
          negatives === 'unseen'
            ? sampleNegatives(split.numItems, new Set([...c.history, u.valid, u.test]), 100, rng)
            : sampleNegativesWithReplacement(split.numItems, new Set(u.train), 100, rng);
        return [c.target, ...negs];
      });
      // Ranked by position, so a negative that happens to be the target item (sasrec-code) counts.
      const positions = candidates[0]!.map((_, k) => k);
      if (opts.scoreCandidates) {
        const scores = await opts.scoreCandidates(histories, candidates);
        checkCount(scores.length, cases.length);
        scores.forEach((s, b) => record(start + b, pessimisticRank(s, 0, positions)));
      } else {
        const scores = await score(histories);
        checkCount(scores.length, cases.length);
        cases.forEach((_, b) => record(start + b, pessimisticRank(Float32Array.from(candidates[b]!, (i) => scores[b]![i]!), 0, positions)));
      }
    }
    opts.onProgress?.(Math.min(start + batchSize, users.length), users.length);
  }
  const tag = opts.protocol === 'sampled100' && negatives === 'sasrec-code' ? { negatives } : {};
  return { protocol: opts.protocol, stage: opts.stage, ...tag, ...summarize(sums) };
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

/**
 * `n` items from 1..numItems not in `exclude`, drawn independently (repeats allowed), as
 * kang205/SASRec's evaluation does with the user's training items as `exclude`.
 */
export function sampleNegativesWithReplacement(numItems: number, exclude: ReadonlySet<number>, n: number, rng: ReturnType<typeof createRng>): number[] {
  let free = numItems;
  for (const i of exclude) if (Number.isInteger(i) && i >= 1 && i <= numItems) free--;
  if (free < 1) throw new Error(`cannot draw negatives: every item is excluded`);
  const out: number[] = [];
  while (out.length < n) {
    const i = 1 + rng.int(numItems);
    if (!exclude.has(i)) out.push(i);
  }
  return out;
}
