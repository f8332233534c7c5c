/** What a command produced; only main() writes it out and sets the exit code. */
export interface CommandResult {
  /** 0 ok, 1 a property failed or a run disagreed, 2 bad input or cannot run. */
  readonly code: number;
  readonly stdout?: string;
  readonly stderr?: string;
}
