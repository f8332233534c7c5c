import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformCommand } from '../../src/cli/conformCommand.ts';
import { main } from '../../src/cli/main.ts';
import { preflight } from '../../src/conform/preflight.ts';
import { absent, fakeMachine, ok } from './fakeMachine.ts';

const SCENARIO = join(import.meta.dirname, '..', '..', 'examples', 'oracle-2.2', 's1-seed1', 'scenario.json');

const machine = fakeMachine;

const oneLine = (text: string | undefined) => {
  expect(text).toMatch(/^vrrp-check: [^\n]+\n$/);
  expect(text).not.toMatch(/\bat .*\.ts:\d+/);
};

describe('conform: argument errors exit 2 with one line', () => {
  const cases: readonly (readonly [string, readonly string[], RegExp])[] = [
    ['no scenario', [], /give one scenario file, or --random N/],
    ['two scenarios', ['a.json', 'b.json'], /give one scenario file/],
    ['a file and --random', [SCENARIO, '--random', '3'], /either a scenario file or --random N, not both/],
    ['--random 0', ['--random', '0'], /--random takes a number of scenarios ≥ 1 \(got "0"\)/],
    ['--random x', ['--random', 'x'], /--random takes a number/],
    ['--seed without --random', [SCENARIO, '--seed', '2'], /--seed goes with --random N/],
    ['--seed -1', ['--random', '2', '--seed', '-1'], /unknown option|--seed takes a whole number/],
    ['--tolerance abc', [SCENARIO, '--tolerance', 'abc'], /--tolerance takes milliseconds/],
    ['an unknown option', [SCENARIO, '--fast'], /unknown option --fast for conform/],
    ['--keep without a value', [SCENARIO, '--keep'], /--keep needs a value/],
  ];
  for (const [what, argv, message] of cases) {
    it(what, async () => {
      const result = await conformCommand(argv, machine({ isRoot: () => false }));
      expect(result.code).toBe(2);
      oneLine(result.stderr);
      expect(result.stderr).toMatch(message);
    });
  }

  it('--help exits 0 and names the exit codes', async () => {
    const result = await conformCommand(['--help'], machine());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: vrrp-check conform SCENARIO.json/);
    expect(result.stdout).toMatch(/0 match, 1 mismatch, 2 cannot run/);
  });

  it('is registered in main', async () => {
    const result = await main(['conform', '--help']);
    expect(result.code).toBe(0);
    expect((await main(['--help'])).stdout).toMatch(/\n {2}conform SCENARIO/);
  });

  it('every run starts by sweeping what runs killed outright left, and says so', async () => {
    let swept = 0;
    const deps = machine({
      sweep: async () => {
        swept++;
        return { namespaces: 3, processes: 4, directories: 1, pids: [4242] };
      },
    });
    const result = await conformCommand(['nope.json'], deps);
    expect(swept).toBe(1);
    expect(result.stderr).toMatch(/^vrrp-check: nope\.json: cannot read the scenario file/m);
    expect((await conformCommand(['--help'], deps)).code).toBe(0);
    expect(swept).toBe(1);
  });

  it('a bad scenario is exit 2 naming the file (checked on a machine that could run it)', async () => {
    const result = await conformCommand(['nope.json'], machine());
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('vrrp-check: nope.json: cannot read the scenario file (check the path)\n');
  });
});

describe('conform: cannot run, with the reason', () => {
  it('not root', async () => {
    const result = await conformCommand([SCENARIO], machine({ isRoot: () => false }));
    expect(result.code).toBe(2);
    oneLine(result.stderr);
    expect(result.stderr).toMatch(/conform needs root .*: run it as root, e.g. with sudo/);
  });

  it('no keepalived', async () => {
    const result = await conformCommand([SCENARIO], machine({ missing: 'keepalived' }));
    expect(result.code).toBe(2);
    oneLine(result.stderr);
    expect(result.stderr).toMatch(
      /keepalived not found \("keepalived"\): install it \(apt-get install keepalived\) or give --keepalived PATH/,
    );
  });

  it('no keepalived at --keepalived PATH', async () => {
    const result = await conformCommand([SCENARIO, '--keepalived', '/opt/ka/sbin/keepalived'], {
      ...machine(),
      exec: async (file) => (file === '/opt/ka/sbin/keepalived' ? absent : ok()),
    });
    expect(result.stderr).toMatch(/keepalived not found \("\/opt\/ka\/sbin\/keepalived"\)/);
    expect(result.code).toBe(2);
  });

  it('a keepalived whose version is not modelled', async () => {
    const deps = machine({
      exec: async (file) => (file === 'keepalived' ? ok('Keepalived v3.1.0 (01/01,2030)\n') : ok()),
    });
    const result = await conformCommand([SCENARIO], deps);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/keepalived 3\.1\.0 is not modelled/);
  });

  it('no tcpdump, no iproute2, not Linux, no namespaces', async () => {
    expect((await preflight('keepalived', machine({ missing: 'tcpdump' }))).ok).toBe(false);
    expect(await preflight('keepalived', machine({ missing: 'tcpdump' }))).toEqual({
      ok: false,
      reason: 'tcpdump is not installed (apt-get install tcpdump)',
    });
    expect(await preflight('keepalived', machine({ missing: 'ip' }))).toEqual({
      ok: false,
      reason: "iproute2's ip is not installed (apt-get install iproute2)",
    });
    expect(await preflight('keepalived', machine({ platform: 'darwin' }))).toEqual({
      ok: false,
      reason: 'conform needs Linux network namespaces; this is darwin',
    });
    const noNetns = machine({
      exec: async (file, args) =>
        file === 'keepalived'
          ? ok('Keepalived v2.2.7 (01/16,2022)')
          : args[0] === 'netns'
            ? { code: 1, stdout: '', stderr: 'mount --make-shared /run/netns failed: Operation not permitted\n' }
            : ok(),
    });
    expect(await preflight('keepalived', noNetns)).toEqual({
      ok: false,
      reason:
        'network namespaces are not available (ip netns list: mount --make-shared /run/netns failed: Operation not permitted)',
    });
  });

  it('everything there: the version decides the profile', async () => {
    const result = await preflight('keepalived', machine());
    expect(result).toEqual({
      ok: true,
      version: { banner: 'Keepalived v2.2.7 (01/16,2022)', version: '2.2.7', profile: 'keepalived-2.2' },
    });
  });
});
