/**
 * An error meant for the person at the terminal: `main` prints its message (no stack trace)
 * and exits with `exitCode`. Throw it for bad input anywhere under src/cli.
 */
export class CliError extends Error {
  /** Process exit status to use; 2 = usage error, 1 = bad data or failed work. */
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
