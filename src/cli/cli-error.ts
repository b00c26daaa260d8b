/** A failure the user caused or can fix: printed as one line, with exit code 1 (bad data) or 2 (bad usage). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}
