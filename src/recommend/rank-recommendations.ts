import type { Recommendation, RecommendReason } from '../protocol';
import type { ItemIndex } from './item-index';
import { mmrRerank } from './mmr';
import { topK } from './top-k';

/** Everything the ranking step needs, independent of where the scores came from. */
export interface RankInput {
  /** Scores by index (0 = padding, ignored). */
  scores: ArrayLike<number>;
  ids: ItemIndex;
  /** The rules as a predicate over shop item ids (see candidateRule). */
  rule: (itemId: string) => boolean;
  k: number;
  /** MMR λ in [0, 1]; 0 or absent = relevance order. */
  diversity?: number;
  /** Similarity of two indices for MMR (needed only when diversity > 0). */
  similarity?: (a: number, b: number) => number;
  /** Reasons for one recommended index (absent = no reasons). */
  reasonsFor?: (index: number) => RecommendReason[];
}

/** How many extra candidates MMR may choose from, per requested item. */
const MMR_POOL_FACTOR = 4;

/**
 * Scores → recommendations: the top candidates passing the rules, optionally re-ranked for
 * diversity (MMR over a pool of 4·k), each with its score and reasons. Pure; deterministic.
 */
export function rankRecommendations(input: RankInput): Recommendation[] {
  const { ids, k } = input;
  const diversity = input.diversity ?? 0;
  const pool = topK(input.scores, diversity > 0 ? k * MMR_POOL_FACTOR : k, (i) => input.rule(ids.toId(i)));
  const sim = input.similarity ?? (() => 0);
  const chosen = diversity > 0 ? mmrRerank(pool, k, diversity, sim) : pool;
  return chosen.map((c) => ({ itemId: ids.toId(c.index), score: c.score, reasons: input.reasonsFor?.(c.index) ?? [] }));
}
