import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'vrrp-check.js');
const S1 = join(ROOT, 'examples', 'oracle-2.2', 's1-seed1', 'scenario.json');
const dir = mkdtempSync(join(tmpdir(), 'vrrp-check-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One error line: `vrrp-check: FILE[:LINE:COL]: …`, nothing else. */
const ONE_LINE = /^vrrp-check: [^\n]+\n$/;

function scenarioFile(name: string, scenario: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(scenario, null, 2));
  return file;
}

const instance = (vrid: number) =>
  `vrrp_instance VI_1 {\n interface eth0\n virtual_router_id ${vrid}\n priority 100\n advert_int 1\n virtual_ipaddress {\n  10.99.9.100/24\n }\n}\n`;

function routers(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    name: `R${i}`,
    address: `10.99.${Math.floor(i / 200)}.${(i % 200) + 1}`,
    configText: instance((i % 255) + 1),
  }));
}

/** The bin as a user runs it, with a deadline: the old code never came back from /dev/zero. */
function cli(...args: string[]) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout: 15_000,
    killSignal: 'SIGKILL',
  });
  return { ...result, ms: Date.now() - started };
}

// issue 13: a config path of /dev/zero grew memory without limit (3.3 GB in 30 s, then abort)
describe('input size: an endless or huge file is one line, exit 2, quickly', () => {
  it('a scenario whose config is /dev/zero', () => {
    const file = scenarioFile('zero.json', {
      routers: [{ name: 'A', config: '/dev/zero' }],
      events: [{ at: 0, do: 'start', router: 'A' }],
      until: 5,
    });
    const result = cli('run', file);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(ONE_LINE);
    expect(result.stderr).toMatch(
      /^vrrp-check: \S+zero\.json:\d+:\d+: routers\[0\]\.config: \/dev\/zero is larger than the limit of 1048576 bytes per input file \(raise it with --max-input-bytes N\)/,
    );
    expect(result.ms).toBeLessThan(10_000);
  });

  it('/dev/zero as the scenario, and as a CONF of check', () => {
    for (const args of [
      ['run', '/dev/zero'],
      ['check', '/dev/zero'],
    ]) {
      const result = cli(...args);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(ONE_LINE);
      expect(result.stderr).toMatch(/--max-input-bytes N/);
    }
  });

  it('--max-input-bytes lowers and raises the limit', async () => {
    const small = await main(['run', S1, '--max-input-bytes', '100']);
    expect(small.code).toBe(2);
    expect(small.stderr).toMatch(/scenario\.json: the file is larger than the limit of 100 bytes per input file/);
    expect((await main(['run', S1, '--max-input-bytes', '2000000'])).code).toBe(0);
  });
});

// issue 13: 500 routers with a long `until` ran for tens of minutes and printed millions of lines
describe('routers and simulated work: bounded before the simulation starts', () => {
  it('500 routers: exit 2 at the first router beyond the limit', async () => {
    const file = scenarioFile('many.json', { routers: routers(500), events: [], until: 3600 });
    const result = await main(['run', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(ONE_LINE);
    expect(result.stderr).toMatch(
      /many\.json:\d+:\d+: routers\[32\]: 500 routers are more than the limit of 32 routers \(raise it with --max-routers N\)/,
    );
  }, 20_000);

  it('500 routers over an hour, routers allowed: the work limit, at "until"', async () => {
    const file = scenarioFile('many.json', { routers: routers(500), events: [], until: 3600 });
    const result = await main(['run', file, '--max-routers', '500']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(ONE_LINE);
    expect(result.stderr).toMatch(
      /many\.json:\d+:\d+: until: 500 routers over 3600 s are about \d+ units of simulated work, more than the limit of 20000000 units of simulated work \(raise it with --max-work N\)/,
    );
  }, 20_000);

  it('--max-work sets the bound: s1-seed1 is about 116 units', async () => {
    const low = await main(['run', S1, '--max-work', '100']);
    expect(low.code).toBe(2);
    expect(low.stderr).toMatch(
      /until: 2 routers over 18\.003 s are about 116 units of simulated work, more than the limit of 100/,
    );
    expect((await main(['run', S1, '--max-work', '116'])).code).toBe(0);
  });

  it('check: too many CONF files, or a horizon too long for them', async () => {
    const [a, b] = ['A', 'B'].map((name) => join(ROOT, 'examples', 'check-sound', `${name}.conf`)) as [string, string];
    const many = await main(['check', a, b, '--max-routers', '1']);
    expect(many.code).toBe(2);
    expect(many.stderr).toMatch(
      /^vrrp-check: 2 keepalived\.conf files are more than the limit of 1 routers \(raise it with --max-routers N\)\n$/,
    );
    const long = await main(['check', a, b, '--horizon', '3600', '--max-work', '1000']);
    expect(long.code).toBe(2);
    expect(long.stderr).toMatch(
      /up to 3680 s .* more than the limit of 1000 units of simulated work \(raise it with --max-work N\)\n$/,
    );
  });

  // found by the fuzz suite: `"until": 1e-20` with --format svg ran out of memory after 100 s
  it("a scenario shorter than the clock's 1 µs tick: one line, exit 2", async () => {
    const file = scenarioFile('tiny.json', { routers: routers(2), events: [], until: 1e-20 });
    const result = await main(['run', file, '--format', 'svg']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/tiny\.json:\d+:\d+: until: "until" must be at least 0\.000001 s \(1 µs\)/);
  });

  it('a limit option takes a whole number ≥ 1', async () => {
    for (const value of ['0', '-3', 'x', '1.5']) {
      const result = await main(['run', S1, '--max-work', value]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^vrrp-check: --max-work takes a whole number ≥ 1 \(got "[^"]*"\)\n$/);
    }
  });
});
