import type { RecommenderControls } from './worker/recommend-api';

/** The `hearth.recommender` methods that forward to the worker (terminate() is handled apart). */
export const RECOMMENDER_METHODS = ['status', 'setBackend', 'refreshModel', 'setCatalog', 'simulateContextLoss', 'finetune', 'sync', 'warmUp'] as const satisfies readonly Exclude<keyof RecommenderControls, 'terminate'>[];
