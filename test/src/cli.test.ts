import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SEED1 = join(ROOT, 'examples', 'seed-example-1', 'scenario.json');

describe('vrrp-check (main)', () => {
  it('prints usage and exits 2 without a command', async () => {
    const result = await main([]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^Usage: vrrp-check COMMAND/);
  });

  it('--help exits 0', async () => {
    expect((await main(['--help'])).code).toBe(0);
    const run = await main(['run', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: vrrp-check run SCENARIO.json/);
  });

  it('an unknown command is one line with exit 2', async () => {
    const result = await main(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'vrrp-check: unknown command "frobnicate" (commands: run, check, merge, verify, docs, conform; see vrrp-check --help)\n',
    );
  });

  it('an unknown option names the known ones', async () => {
    const result = await main(['run', SEED1, '--colour']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^vrrp-check: unknown option --colour for run \(known: --profile, --format, .*\)\n$/);
  });

  it('a bad profile lists the profiles', async () => {
    const result = await main(['run', SEED1, '--profile', 'keepalived-3']);
    expect(result.stderr).toBe(
      'vrrp-check: --profile must be one of keepalived-1.2, keepalived-2.2 (got "keepalived-3")\n',
    );
    expect(result.code).toBe(2);
  });

  it('a missing scenario file is one line with exit 2', async () => {
    const result = await main(['run', 'nope.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('vrrp-check: nope.json: cannot read the scenario file (check the path)\n');
  });

  it("run prints the seed article's sequence for example 1 (keepalived-1.2)", async () => {
    const result = await main(['run', SEED1, '--no-wire', '--no-detail']);
    expect(result.code).toBe(0);
    const b = (result.stdout ?? '').split('\n').filter((line) => / B {7}VRRP_Instance/.test(line));
    expect(b.map((line) => line.replace(/^.*VRRP_Instance\(vi_1\) /, ''))).toEqual([
      'Transition to MASTER STATE',
      'Received higher prio advert',
      'Entering BACKUP STATE',
      'forcing a new MASTER election',
      'forcing a new MASTER election',
      'Transition to MASTER STATE',
      'Entering MASTER STATE',
    ]);
  });

  it('--profile overrides the scenario: the same example in keepalived-2.2 never says "Transition"', async () => {
    const result = await main(['run', SEED1, '--profile', 'keepalived-2.2']);
    expect(result.stdout).not.toMatch(/Transition/);
    expect(result.stdout).toMatch(/\(vi_1\) Entering BACKUP STATE/);
  });

  it('--format json prints the trace as JSON, one entry per line', async () => {
    const result = await main(['run', SEED1, '--format', 'json']);
    const trace = JSON.parse(result.stdout ?? '');
    expect(trace.profile).toBe('keepalived-1.2');
    expect(trace.entries.length).toBe((result.stdout ?? '').split('\n').length - 3);
  });

  it('--format svg prints the timeline as one SVG document', async () => {
    const result = await main(['run', SEED1, '--format', 'svg']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*>/);
    expect(result.stdout).toMatch(/<\/svg>\n$/);
    expect(result.stdout?.match(/<svg\b/g)).toHaveLength(1);
    expect(result.stdout).toContain('<g class="lane" data-router="B"');
    expect((await main(['run', '--help'])).stdout).toMatch(/--format F +.*svg/);
  });

  it('--jitter-seed and --no-jitter decide the µs races of a scenario another way', async () => {
    // s6c pins seed 63 (the first recorded run: B steps down on C's advert at 8.6 s)
    const s6c = join(ROOT, 'examples', 'oracle-1.2', 's6c-three-equal-merge', 'scenario.json');
    const stepDown = async (...args: string[]) => {
      const result = await main(['run', s6c, '--no-wire', ...args]);
      expect(result.code).toBe(0);
      const line = (result.stdout ?? '')
        .split('\n')
        .find((l) => / B {7}.*Entering BACKUP STATE/.test(l) && !/ 0\.0/.test(l));
      return line?.trim().split(' ')[0];
    };
    expect(await stepDown()).toBe('8.638');
    expect(await stepDown('--jitter-seed', '63')).toBe('8.638');
    // without jitter all three masters fire on the first tie and B steps down one round early
    expect(await stepDown('--no-jitter')).toBe('7.637');
    const again = await main(['run', s6c, '--jitter-seed', '1']);
    expect((await main(['run', s6c, '--jitter-seed', '1'])).stdout).toBe(again.stdout);
    expect((await main(['run', s6c, '--jitter-seed', 'x'])).stderr).toBe(
      'vrrp-check: --jitter-seed must be an integer from 0 to 4294967295 (got "x")\n',
    );
    expect((await main(['run', s6c, '--jitter-seed', '1', '--no-jitter'])).code).toBe(2);
  });
});

describe('bin/vrrp-check.js (built)', () => {
  it('runs the bundled example and replays byte for byte', () => {
    const once = execFileSync('node', [join(ROOT, 'bin', 'vrrp-check.js'), 'run', SEED1], { encoding: 'utf8' });
    const twice = execFileSync('node', [join(ROOT, 'bin', 'vrrp-check.js'), 'run', SEED1], { encoding: 'utf8' });
    expect(once).toBe(twice);
    expect(once).toMatch(/B {7}VRRP_Instance\(vi_1\) Transition to MASTER STATE/);
  });

  it('bad input: one line on stderr, exit 2, no stack trace', () => {
    const result = spawnSync('node', [join(ROOT, 'bin', 'vrrp-check.js'), 'run', '--format', 'xml', SEED1], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
