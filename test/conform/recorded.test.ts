import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { conformCommand } from '../../src/cli/conformCommand.ts';
import { readRecording } from '../../src/compare/readRecording.ts';
import { findRace } from '../../src/conform/findRace.ts';
import { CONFORM_BURST, judgeCapture } from '../../src/conform/judgeCapture.ts';
import { measuredEvents } from '../../src/conform/measuredReplay.ts';
import { readKeptRun } from '../../src/conform/readKeptRun.ts';
import { verdict } from '../../src/conform/verdict.ts';
import { DEFAULT_JITTER_SECONDS } from '../../src/scenario.ts';
import { simulate } from '../../src/simulate.ts';
import type { Trace } from '../../src/trace.ts';
import { EXAMPLES, recordedScenarios } from '../golden/oracleRecordings.ts';

const work = mkdtempSync(join(tmpdir(), 'vrrp-recorded-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A kept-run folder made from an example: its scenario (configs inline) and its first recording. */
function keptCopy(example: string, change: (scenario: Record<string, unknown>) => void = () => {}): string {
  const from = join(EXAMPLES, example);
  const dir = mkdtempSync(join(work, 'run-'));
  const scenario = JSON.parse(readFileSync(join(from, 'scenario.json'), 'utf8')) as Record<string, unknown>;
  const routers = scenario.routers as { config?: string; configText?: string }[];
  for (const router of routers) {
    if (router.config !== undefined) router.configText = readFileSync(join(from, router.config), 'utf8');
    delete router.config;
  }
  change(scenario);
  writeFileSync(join(dir, 'scenario.json'), JSON.stringify(scenario));
  cpSync(join(from, 'recorded'), join(dir, 'recorded'), { recursive: true });
  return dir;
}

describe('conform --recorded: a capture judged again with the current model, without root', () => {
  const all = [
    ...recordedScenarios('oracle-2.2'),
    ...recordedScenarios('oracle-1.2'),
    ...recordedScenarios('conform'),
    { dir: join(EXAMPLES, 'timing-weight-0-scripts-delay-backup'), name: 'timing', recordings: ['recorded'] },
  ].filter((scenario) => scenario.recordings.includes('recorded'));

  it('finds the bundled recordings', () => {
    expect(all.length).toBeGreaterThanOrEqual(20);
  });

  for (const { dir } of all) {
    const name = relative(EXAMPLES, dir);
    it(`${name} conforms`, async () => {
      const result = await conformCommand(['--recorded', dir]);
      expect(result.stdout).toMatch(/conform: .*: match/);
      expect(result.code).toBe(0);
    });
  }

  it('a model that does not do what keepalived did is a MISMATCH, exit 1, with the differences', async () => {
    // s1-seed1 recorded A at 99 and B at 100; judged as if B were configured at 90
    const dir = keptCopy('oracle-2.2/s1-seed1', (scenario) => {
      const routers = scenario.routers as { configText: string }[];
      const b = routers[1] as { configText: string };
      b.configText = b.configText.replace(/priority 100/, 'priority 90');
    });
    const result = await conformCommand(['--recorded', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/model \s+\| real keepalived/);
    expect(result.stdout).toMatch(
      /conform: .*: MISMATCH \(\d of 4 parts differ: .*recorded; event times from harness lines\)\n$/,
    );
  });

  it('takes the event times from applied.json where there is one', () => {
    const dir = keptCopy('oracle-2.2/s1-seed1');
    writeFileSync(
      join(dir, 'applied.json'),
      JSON.stringify([
        { at: 0, do: 'start', router: 'A', t: 0.0201 },
        { at: 8, do: 'start', router: 'B', t: 8.0004 },
      ]),
    );
    const kept = readKeptRun(dir);
    expect(kept.ok && kept.appliedFrom).toBe('applied.json');
    expect(kept.ok && kept.capture.applied.map(({ event, t }) => [event.router, t])).toEqual([
      ['A', 0.0201],
      ['B', 8.0004],
    ]);
    expect(kept.ok && kept.profile).toBe('keepalived-2.2');
  });
});

describe('a start is replayed from the first state line (examples/timing-weight-0-scripts-delay-backup)', () => {
  const dir = join(EXAMPLES, 'timing-weight-0-scripts-delay-backup');
  const kept = readKeptRun(dir);
  if (!kept.ok) throw new Error(kept.message);
  const { cluster, scenario } = kept.prepared;
  const judged = judgeCapture(kept.prepared, kept.capture, kept.profile, 0.1);
  const winner = (trace: Trace) => trace.entries.find((e) => e.kind === 'state' && e.state === 'MASTER')?.router;

  it('as scheduled the model has A win; keepalived had B win, A still waiting for its scripts', () => {
    expect(winner(judged.trace)).toBe('A');
    expect(judged.comparison.matches).toBe(false);
    expect(verdict(judged)).toBe('timing');
  });

  it('with the start anchored on the first VRRP line the replay has A win, and no µs jitter helps', () => {
    const startup = cluster.profile.timing.startupUs / 1e6;
    const early = measuredEvents(kept.capture.applied, kept.capture.lines, startup);
    const rec = readRecording(kept.capture.mergedLog);
    const compare = {
      profile: kept.profile,
      tolerance: 0.1,
      end: rec.end ?? scenario.until,
      addresses: new Map(cluster.routers.map((r) => [r.name, r.address] as const)),
      burst: CONFORM_BURST,
    };
    expect(winner(simulate(cluster, early, scenario.until))).toBe('A');
    expect(findRace(cluster, scenario.events, early, scenario.until, rec, compare, DEFAULT_JITTER_SECONDS)).toBeNull();
  });

  it('with the start anchored on its first state line the replay has B win, as keepalived did', () => {
    expect(judged.replay.matches).toBe(true);
    expect(judged.replayLog).toMatch(/3\.63\d B {7}\(VI_1\) Entering MASTER STATE/);
  });
});

describe('conform --recorded: bad input is one line and exit 2', () => {
  const oneLine = (text: string | undefined) => expect(text).toMatch(/^vrrp-check: [^\n]+\n$/);

  it('a folder without a capture', async () => {
    const dir = mkdtempSync(join(work, 'empty-'));
    const result = await conformCommand(['--recorded', dir]);
    expect(result.code).toBe(2);
    oneLine(result.stderr);
    expect(result.stderr).toMatch(/no recorded\/merged\.log \(give a folder saved by vrrp-check conform --keep/);
  });

  it('a capture of another scenario', async () => {
    const dir = keptCopy('oracle-2.2/s1-seed1', (scenario) => {
      (scenario.events as unknown[]).push({ at: 12, do: 'stop', router: 'B' });
    });
    const result = await conformCommand(['--recorded', dir]);
    expect(result.code).toBe(2);
    oneLine(result.stderr);
    expect(result.stderr).toMatch(/merged\.log: the capture logs 2 events and the scenario has 3 by its end/);
  });

  it('an applied.json that does not fit the scenario', async () => {
    const dir = keptCopy('oracle-2.2/s1-seed1');
    writeFileSync(join(dir, 'applied.json'), '[{"t": 1}]');
    const result = await conformCommand(['--recorded', dir]);
    expect(result.code).toBe(2);
    oneLine(result.stderr);
    expect(result.stderr).toMatch(/applied\.json: should list the scenario's 2 events, each with its time t/);
    // the right number of events, but not this scenario's
    writeFileSync(
      join(dir, 'applied.json'),
      JSON.stringify([
        { at: 0, do: 'start', router: 'A', t: 0.02 },
        { at: 8, do: 'stop', router: 'B', t: 8.0 },
      ]),
    );
    const other = await conformCommand(['--recorded', dir]);
    expect(other.code).toBe(2);
    oneLine(other.stderr);
    expect(other.stderr).toMatch(/applied\.json: event 2 is "start B" in the scenario but "stop B" here/);
  });

  it('with a scenario file or --random', async () => {
    mkdirSync(join(work, 'x'), { recursive: true });
    for (const argv of [
      ['--recorded', work, 'scenario.json'],
      ['--recorded', work, '--random', '2'],
    ]) {
      const result = await conformCommand(argv);
      expect(result.code).toBe(2);
      oneLine(result.stderr);
      expect(result.stderr).toMatch(/--recorded judges a capture already made: give it alone/);
    }
  });
});
