import type { ExecResult } from '../../src/conform/exec.ts';
import type { ConformDeps } from '../../src/conform/preflight.ts';

export const ok = (stdout = '', stderr = ''): ExecResult => ({ code: 0, stdout, stderr });
export const absent: ExecResult = { code: null, stdout: '', stderr: '', error: 'ENOENT' };

/** A machine where everything conform needs is there, except what `change` takes away; no command runs for real. */
export function fakeMachine(change: Partial<ConformDeps> & { missing?: string } = {}): ConformDeps {
  return {
    platform: change.platform ?? 'linux',
    isRoot: change.isRoot ?? (() => true),
    exec:
      change.exec ??
      (async (file) => {
        if (file === change.missing) return absent;
        if (file === 'keepalived' || file.endsWith('/keepalived')) return ok('', 'Keepalived v2.2.7 (01/16,2022)\n');
        return ok();
      }),
    sweep: change.sweep ?? (async () => ({ namespaces: 0, processes: 0, directories: 0, pids: [] })),
  };
}
