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
    const scores = await score(cases.map((c) => c.history));
    if (scores.length !== cases.length) throw new Error(`scorer returned ${scores.length} score arrays for ${cases.length} users`);
    cases.forEach((c, b) => {
      const s = scores[b]!;
      if (s.length < split.numItems + 1) throw new Error(`scorer returned ${s.length} scores, expected ${split.numItems + 1}`);
      const seen = new Set(c.history);
      if (opts.protocol === 'full') {
        addRank(sums, fullRank(s, c.target, split.numItems, seen));
      } else {
        // Negatives avoid every item the user interacted with, including held-out ones.
        const u = batch[b]!;
        seen.add(u.valid);
        seen.add(u.test);
        addRank(sums, pessimisticRank(s, c.target, [c.target, ...sampleNegatives(split.numItems, seen, 100, rng)]));
      }
    });
    opts.onProgress?.(Math.min(start + batchSize, users.length), users.length);
  }
  return { protocol: opts.protocol, stage: opts.stage, ...summarize(sums) };
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
