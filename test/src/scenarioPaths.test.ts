import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommandResult } from '../../src/cli/commandResult.ts';
import { main } from '../../src/cli/main.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SCENARIO = join(ROOT, 'examples', 'oracle-2.2', 's1-seed1', 'scenario.json');

/** A folder with an A.conf and a B.conf of its own, unlike the scenario's: both nopreempt. */
function decoyFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vrrp-check-decoy-'));
  for (const [name, priority] of [
    ['A', 50],
    ['B', 60],
  ] as const) {
    writeFileSync(
      join(dir, `${name}.conf`),
      `vrrp_instance VI_1 {\n state BACKUP\n interface eth0\n virtual_router_id 51\n priority ${priority}\n nopreempt\n virtual_ipaddress {\n  10.99.0.100/24\n }\n}\n`,
    );
  }
  return dir;
}

/**
 * The result with the project's files named as from the project root: a warning names a file
 * relative to the current directory when it is below it, else by its absolute path.
 */
function sameFiles(result: CommandResult): CommandResult {
  return result.stderr === undefined ? result : { ...result, stderr: result.stderr.replaceAll(`${ROOT}/`, '') };
}

const cwd = process.cwd();
let decoy: string | undefined;
afterEach(() => {
  process.chdir(cwd);
  if (decoy !== undefined) rmSync(decoy, { recursive: true, force: true });
  decoy = undefined;
});

// issue 13: check --scenario read a scenario's `config` paths from the current directory
describe("a scenario's config paths are relative to the scenario file, from any directory", () => {
  it('check --scenario from the project root (was: exit 3, "cannot read A.conf")', async () => {
    process.chdir(ROOT);
    const result = await main(['check', '--scenario', relative(ROOT, SCENARIO)]);
    expect(result.stderr ?? '').not.toMatch(/internal error|cannot read/);
    expect(result.code).toBe(0);
    // the scenario's own configs have no nopreempt
    expect(result.stdout).toMatch(/^· nopreempt respected \[always\]: does not apply to these configs/m);
  });

  it('check --scenario from a folder with A.conf and B.conf of its own (was: judged those instead)', async () => {
    process.chdir(ROOT);
    const expected = await main(['check', '--scenario', SCENARIO]);
    decoy = decoyFolder();
    process.chdir(decoy);
    const result = await main(['check', '--scenario', SCENARIO]);
    expect(sameFiles(result)).toEqual(expected);
    expect(result.stdout).toMatch(/^· nopreempt respected \[always\]: does not apply to these configs/m);
  });

  it('run, from that folder too', async () => {
    process.chdir(ROOT);
    const expected = await main(['run', SCENARIO]);
    decoy = decoyFolder();
    process.chdir(decoy);
    expect(sameFiles(await main(['run', SCENARIO]))).toEqual(expected);
  });
});
