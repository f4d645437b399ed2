import type { WorkerErrorCode } from '../protocol';

/** An error with a machine-readable code; the worker sends `code` + `message` to the page. */
export class RecommendError extends Error {
  readonly code: WorkerErrorCode;
  constructor(code: WorkerErrorCode, message: string) {
    super(message);
    this.name = 'RecommendError';
    this.code = code;
  }
}
