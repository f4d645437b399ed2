/** Why Hearth refused or failed something. */
export type HearthErrorCode = 'invalid_event' | 'invalid_argument' | 'storage' | 'quota' | 'autocapture' | 'closed';

/** The one error type Hearth reports (through `onError`, or thrown in debug mode). */
export class HearthError extends Error {
  // Declared, not defined as a class field: the constructor's assignment creates it.
  declare readonly code: HearthErrorCode;
  constructor(code: HearthErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HearthError';
    this.code = code;
  }
}
