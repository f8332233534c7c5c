import { execFile, spawnSync } from 'node:child_process';

/** How a command ended; `code` is null when it could not start or was killed. */
export interface ExecResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** ENOENT and the like: the program is missing. */
  readonly error?: string;
}

/** Runs a program (no shell) and never throws; killed after `timeoutMs`. */
export function execCommand(file: string, args: readonly string[], timeoutMs = 10_000): Promise<ExecResult> {
  return new Promise((resolve) => {
    execFile(
      file,
      [...args],
      { timeout: timeoutMs, killSignal: 'SIGKILL', encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        const failed = error !== null && typeof error.code === 'string' ? { error: error.code } : {};
        resolve({ code, stdout, stderr, ...failed });
      },
    );
  });
}

/** The same, synchronously: only for the clean-up of a process that is exiting. */
export function execCommandSync(file: string, args: readonly string[], timeoutMs = 5_000): ExecResult {
  const result = spawnSync(file, [...args], { timeout: timeoutMs, encoding: 'utf8', killSignal: 'SIGKILL' });
  return {
    code: result.status,
    stdout: result.stdout ?? '',
    stderr: result.stderr ?? '',
    ...(result.error === undefined
      ? {}
      : { error: String((result.error as NodeJS.ErrnoException).code ?? result.error) }),
  };
}

/** The first line of a command's complaint, for a one-line reason. */
export function firstLine(result: ExecResult): string {
  const text = (result.stderr.trim() || result.stdout.trim() || result.error || `exit ${result.code}`).split('\n')[0];
  return text ?? '';
}
