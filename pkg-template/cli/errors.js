// A failure the CLI reports as one line on stderr, exit code 1.
export class CliError extends Error {
  constructor(message, lines = []) {
    super(message);
    this.name = 'CliError';
    /** Further lines printed after the message (each problem of a file). */
    this.lines = lines;
  }
}
