import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { notOneLineError } from '../fuzz/oneLineError.ts';
import { acceptedBypassConf, bypassIncludes, refusedBypasses, userCommandWords } from './bypassConf.ts';
import { leftBy, liveUnavailable, processesOf, running, sleep, waitFor } from './liveHelpers.ts';
import { twoRouterScenario } from './scenarioFile.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'vrrp-check.js');
const S1 = join(ROOT, 'examples', 'oracle-2.2', 's1-seed1', 'scenario.json');
const work = mkdtempSync(join(tmpdir(), 'vrrp-check-live-trust-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Launched {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  stderr: string;
}

function launch(command: string, args: readonly string[]): Launched {
  const child = spawn(command, [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const launched: Launched = {
    child,
    exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    stderr: '',
  };
  child.stdout?.resume();
  child.stderr?.on('data', (chunk: Buffer) => {
    launched.stderr += chunk.toString();
  });
  return launched;
}

/** Runs `vrrp-check conform ARGS` to its end; its exit code and output. */
async function conform(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = launch(process.execPath, [BIN, 'conform', ...args]);
  let stdout = '';
  run.child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const code = await run.exited;
  return { code, stdout, stderr: run.stderr };
}

/** A one-router scenario of 1.5 s, for a run whose result does not matter, only what it leaves. */
function shortScenario(): string {
  const dir = join(work, 'short');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'A.conf'),
    'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    priority 100\n    virtual_ipaddress {\n        10.99.0.100/24\n    }\n}\n',
  );
  const file = join(dir, 'scenario.json');
  writeFileSync(
    file,
    JSON.stringify({
      routers: [{ name: 'A', address: '10.99.0.1', config: 'A.conf' }],
      events: [{ at: 0, do: 'start', router: 'A' }],
      until: 1.5,
    }),
  );
  return file;
}

const keepalivedOf = (pid: number, router: string) => () =>
  leftBy(pid).some((line) => new RegExp(`^process \\d+ keepalived .*-i ${router} `).test(line));

describe('conform, live: no user command runs, nothing is left (root and keepalived 2.x only)', () => {
  const why = liveUnavailable();
  const skipped = why === null ? '' : ` (skipped: ${why})`;

  // issue 13: every one of these ran as root in a live conform, which still reported "match"
  it(`a config holding every bypass the reader accepts creates no file and runs no process but keepalived's own${skipped}`, async (context) => {
    if (why !== null) context.skip(why);
    const mark = `/tmp/vrrp-check-pwned-${process.pid}-${Date.now()}`;
    const dir = join(work, 'bypass');
    mkdirSync(join(dir, 'inc'), { recursive: true });
    for (const [name, text] of Object.entries(bypassIncludes(mark))) writeFileSync(join(dir, 'inc', name), text);
    for (const router of ['A', 'B'])
      writeFileSync(join(dir, `${router}.conf`), acceptedBypassConf(router, mark, join(dir, 'inc')));
    const scenario = twoRouterScenario(
      dir,
      [
        { at: 0, do: 'start', router: 'A' },
        { at: 0.5, do: 'start', router: 'B' },
        { at: 4, do: 'fail', router: 'A', script: 'chk' },
        { at: 5, do: 'stop', router: 'B' },
      ],
      7,
    );
    const keep = join(dir, 'kept');
    const pwned = () => readdirSync('/tmp').filter((name) => `/tmp/${name}`.startsWith(mark));
    try {
      const run = launch(process.execPath, [BIN, 'conform', scenario, '--keep', keep]);
      let done = false;
      void run.exited.then(() => {
        done = true;
      });
      // every process of the run, sampled while it runs
      const seen = new Set<string>();
      while (!done) {
        for (const comm of processesOf(run.child.pid ?? 0)) seen.add(comm);
        await sleep(20);
      }
      const code = await run.exited;
      expect(run.stderr).not.toMatch(/vrrp-check: conform:/);
      expect([0, 1]).toContain(code);
      // keepalived ran, and nothing but it, its flag tests and conform's own tools
      expect(seen).toContain('keepalived');
      const allowed = ['keepalived', 'test', 'tcpdump', 'ip', 'bridge', 'sysctl'];
      expect([...seen].filter((comm) => !allowed.includes(comm))).toEqual([]);
      // each bypass would have touched (or made) its own file
      expect(pwned()).toEqual([]);
      for (const router of ['A', 'B']) {
        // as kept: the run directory is written $RUN
        const ran = readFileSync(join(keep, 'keepalived', `${router}.conf`), 'utf8').replaceAll('$RUN/', '/');
        for (const word of userCommandWords) expect(ran).not.toContain(word);
        // the included instances did run
        expect(ran).toMatch(/^vrrp_instance INC_plain \{$/m);
      }
    } finally {
      for (const name of pwned()) rmSync(join('/tmp', name), { force: true });
    }
  }, 60_000);

  // issue 13: these ran a command as root too; the reader now refuses them before anything starts
  it(`each bypass the reader refuses stops conform with one line and leaves nothing${skipped}`, async (context) => {
    if (why !== null) context.skip(why);
    const mark = `/tmp/vrrp-check-pwned-${process.pid}-${Date.now()}`;
    for (const [i, bypass] of refusedBypasses('A', mark).entries()) {
      const dir = join(work, `refused-${i}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'A.conf'), bypass.text);
      const scenario = join(dir, 'scenario.json');
      writeFileSync(
        scenario,
        JSON.stringify({
          routers: [{ name: 'A', address: '10.99.0.1', config: 'A.conf' }],
          events: [{ at: 0, do: 'start', router: 'A' }],
          until: 3,
        }),
      );
      const run = launch(process.execPath, [BIN, 'conform', scenario]);
      expect(await run.exited).toBe(2);
      expect(notOneLineError(run.stderr)).toBeNull();
      expect(run.stderr).toMatch(new RegExp(`A\\.conf:${bypass.at}: `));
      expect(run.stderr).toMatch(bypass.message);
      expect(leftBy(run.child.pid ?? 0)).toEqual([]);
    }
    expect(readdirSync('/tmp').filter((name) => `/tmp/${name}`.startsWith(mark))).toEqual([]);
  }, 60_000);

  // issue 13: after kill -9, the namespaces, a keepalived and the temporary folder stayed, and
  // the next run did not sweep them
  it(`after kill -9 of a running conform, the next run leaves nothing of it${skipped}`, async (context) => {
    if (why !== null) context.skip(why);
    const killed = launch(process.execPath, [BIN, 'conform', S1]);
    const pid = killed.child.pid ?? 0;
    expect(await waitFor(keepalivedOf(pid, 'B'), 20_000)).toBe(true);
    killed.child.kill('SIGKILL');
    await killed.exited;
    // the killed run did leave things behind: namespaces, its folder, keepalived
    const left = leftBy(pid);
    expect(left.filter((line) => line.startsWith('namespace')).length).toBeGreaterThan(0);
    expect(left.filter((line) => line.startsWith('folder')).length).toBeGreaterThan(0);
    const next = await conform(shortScenario());
    // the next run says what it removed (unless a run of another test file swept it first)
    if (!/note: removed what conform run/.test(next.stderr)) expect(next.stderr).not.toMatch(/vrrp-check: conform:/);
    else expect(next.stderr).toMatch(new RegExp(`note: removed what conform runs? (\\d+, )*${pid}\\b`));
    expect(leftBy(pid)).toEqual([]);
  }, 90_000);

  // issue 13: a SIGTERM to the npx wrapper left conform running to the scenario's end
  it(`a SIGTERM to a wrapper (npx runs conform under sh -c) stops conform promptly${skipped}`, async (context) => {
    if (why !== null) context.skip(why);
    // as npm exec does: a shell between the wrapper and node, which passes no signal on
    const wrapper = launch('/bin/sh', ['-c', `"${process.execPath}" "${BIN}" conform "${S1}"; exit $?`]);
    const shell = wrapper.child.pid ?? 0;
    const nodePid = () => Number(readFileSync(`/proc/${shell}/task/${shell}/children`, 'utf8').trim().split(/\s+/)[0]);
    let pid = 0;
    expect(
      await waitFor(() => {
        pid = existsSync(`/proc/${shell}`) ? nodePid() : 0;
        return pid > 0 && keepalivedOf(pid, 'A')();
      }, 20_000),
    ).toBe(true);
    wrapper.child.kill('SIGTERM');
    await wrapper.exited;
    try {
      // the scenario runs 18 s: stopped within 5 s of its wrapper's end, and clean
      expect(await waitFor(() => !running(pid), 5_000)).toBe(true);
      expect(leftBy(pid)).toEqual([]);
      expect(
        await waitFor(
          () => /interrupted: its parent process \(pid \d+\) exited; keepalived stopped/.test(wrapper.stderr),
          2_000,
        ),
      ).toBe(true);
    } finally {
      if (running(pid)) process.kill(pid, 'SIGTERM');
      await waitFor(() => !running(pid), 25_000);
    }
  }, 60_000);
});
