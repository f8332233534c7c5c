import type { ProfileName } from '../../model/profiles.ts';

/** The files one keepalived run uses, all in the run's own directory. */
export interface KeepalivedFiles {
  readonly conf: string;
  readonly pid: string;
  readonly vrrpPid: string;
  readonly checkersPid: string;
  readonly bfdPid: string;
}

/**
 * keepalived's arguments for one router: VRRP only, in the foreground, logging to the console
 * with detail, each router with its own pid files. 2.2.7 as the reference recordings ran it
 * (`-G` no syslog, `-i` config id, `-b` BFD pid file); 1.2.13 has none of those three and
 * needs `-R` so that a killed VRRP child is not respawned by its parent.
 */
export function keepalivedCommandLine(profile: ProfileName, router: string, files: KeepalivedFiles): string[] {
  const vrrpOnly = ['-P', '-n', '-l', '-D'];
  const runFiles = ['-f', files.conf, '-p', files.pid, '-r', files.vrrpPid, '-c', files.checkersPid];
  if (profile === 'keepalived-1.2') return [...vrrpOnly, '-R', ...runFiles];
  return [...vrrpOnly, '-G', '-i', router, ...runFiles, '-b', files.bfdPid];
}
