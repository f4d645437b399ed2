/** A problem with input data; the message names the file and, where known, the line. */
export class DataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataError';
  }
}
