import type { WorkerErrorCode } from '../protocol';

/** An error with a machine-readable code; the worker sends `code` + `message` to the page. */
export class RecommendError extends Error {
  // Declared, not defined as a class field: the constructor's assignment creates it.
  declare readonly code: WorkerErrorCode;
  constructor(code: WorkerErrorCode, message: string) {
    super(message);
    this.name = 'RecommendError';
    this.code = code;
  }
}

/**
 * The rejection of every recommendation call made before consent. Both guards use it: createHearth's
 * (before the lazy part is even fetched) and createRecommendApi's (before the worker starts).
 */
export const noConsentError = (): RecommendError => new RecommendError('no_consent', 'the shopper has not given consent yet');
