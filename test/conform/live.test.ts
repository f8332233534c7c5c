import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformCommand } from '../../src/cli/conformCommand.ts';
import { leftBy, liveUnavailable, sleep } from './liveHelpers.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SCENARIO = join(ROOT, 'examples', 'oracle-2.2', 's1-seed1', 'scenario.json');

describe('conform, live (root and keepalived 2.x only)', () => {
  const why = liveUnavailable();
  it(`s1-seed1 on real keepalived matches the model${why === null ? '' : ` (skipped: ${why})`}`, async (context) => {
    if (why !== null) context.skip(why);
    // real keepalived on a machine busy with the other test files: as in CI, one of three runs
    let result = await conformCommand([SCENARIO]);
    for (let run = 2; run <= 3 && result.code === 1; run++) result = await conformCommand([SCENARIO]);
    expect(result.stderr ?? '').not.toMatch(/vrrp-check: conform:/);
    // a match as scheduled, or at the event times as really applied (a start-up race on a busy host)
    expect(result.stdout).toMatch(/^conform: .*s1-seed1: match( at the measured event times)? \(/m);
    expect(result.code).toBe(0);
    const left = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout;
    expect(left).not.toMatch(new RegExp(`^vck${process.pid}-`, 'm'));
  }, 180_000);

  it(`interrupted by Ctrl-C, leaves no namespace or keepalived behind${why === null ? '' : ` (skipped: ${why})`}`, async (context) => {
    if (why !== null) context.skip(why);
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'vrrp-check.js'), 'conform', SCENARIO], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const pid = child.pid ?? 0;
    // interrupt once both daemons run (s1-seed1 starts A at 0.02 s and B at 8.005 s)
    const bRuns = () => leftBy(pid).some((line) => /^process \d+ keepalived .*-i B /.test(line));
    for (let waited = 0; !bRuns() && waited < 20_000; waited += 100) await sleep(100);
    expect(bRuns()).toBe(true);
    child.kill('SIGINT');
    const code = await exited;
    expect(stderr).toMatch(/^vrrp-check: conform: interrupted by SIGINT; keepalived stopped, namespaces removed$/m);
    expect(code).toBe(2);
    expect(leftBy(pid)).toEqual([]);
  }, 60_000);
});
