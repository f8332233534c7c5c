/** The file whose presence makes a router's script succeed. */
export function flagPath(runDir: string, router: string, script: string): string {
  return `${runDir}/${router}.${script}.flag`;
}

/**
 * The command every vrrp_script runs in a live run instead of the user's: a test of its flag
 * file, which the scenario's fail/ok events remove and create.
 */
export function flagCheck(runDir: string, router: string, script: string): string {
  return `/usr/bin/test -f ${flagPath(runDir, router, script)}`;
}
