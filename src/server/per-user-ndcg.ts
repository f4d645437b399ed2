// Full-ranking NDCG@10 per user, so two models scored on the same users can be compared pairwise.
import type { Split, Stage, UserSplit } from '../data/leave-one-out';
import { evalCase } from '../data/leave-one-out';
import { evaluate, sampleUsers } from '../data/evaluate';
import { fullRank, ndcgAt } from '../data/metrics';

/** Scores over item indices 0..numItems (0 = padding) for each history. */
export type HistoryScorer = (histories: number[][]) => Float32Array[];

/**
 * The users `evaluate` scores for (`maxUsers`, `seed`): the same seeded sample, in the same order,
 * so per-user values line up with its means.
 */
export function evaluatedUsers(split: Split, maxUsers: number, seed: number): UserSplit[] {
  if (!Number.isInteger(maxUsers) || maxUsers < 1) throw new RangeError('evaluatedUsers: maxUsers must be an integer ≥ 1');
  return sampleUsers(split.users, maxUsers, seed);
}

/**
 * NDCG@10 of one user's held-out item (`stage`) in full ranking: against every item except the
 * ones in the history the scorer saw, ties pessimistic — `evaluate`'s rule for one user.
 */
export function userNdcg(scores: ArrayLike<number>, u: UserSplit, stage: Stage, numItems: number): number {
  if (scores.length < numItems + 1) throw new RangeError(`userNdcg: ${scores.length} scores, expected ${numItems + 1}`);
  const c = evalCase(u, stage);
  return ndcgAt(fullRank(scores, c.target, numItems, new Set(c.history)), 10);
}

/**
 * Per-user NDCG@10 (full ranking, `stage`'s held-out item) of `score` over `users`, scored in
 * batches of `batchSize`; element k belongs to users[k]. `evaluate` itself ranks them (its
 * `onRank`), so the mean equals its 'ndcg@10' for the same users and scorer.
 */
export async function perUserNdcg(score: HistoryScorer, users: readonly UserSplit[], split: Split, stage: Stage, batchSize = 256): Promise<Float64Array> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('perUserNdcg: batchSize must be an integer ≥ 1');
  if (stage !== 'valid' && stage !== 'test') throw new RangeError(`perUserNdcg: stage must be valid or test, got '${String(stage)}'`);
  const out = new Float64Array(users.length);
  // All of `users`, in order: evaluate samples only when there are more than maxUsers.
  await evaluate({ ...split, users: [...users] }, score, { protocol: 'full', stage, batchSize, maxUsers: Infinity, onRank: (k, rank) => { out[k] = ndcgAt(rank, 10); } });
  return out;
}

/** Mean of per-user values (0 for none). */
export function meanOf(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return xs.length ? s / xs.length : 0;
}
