/** Largest `k` a single `recommend()` may ask for (re-exported by protocol.ts). */
export const MAX_RECOMMEND_K = 200;
