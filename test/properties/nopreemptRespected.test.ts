import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStepper } from '../../model/stepper.ts';
import { nopreemptIgnoredUnderStateMaster } from '../../properties/nopreemptIgnoredUnderStateMaster.ts';
import { nopreemptRespected } from '../../properties/nopreemptRespected.ts';
import { nopreemptRouterOutranksMaster } from '../../properties/nopreemptRouterOutranksMaster.ts';
import { runScenario, type SimulatedRun } from '../../src/check.ts';
import type { Scenario } from '../../src/scenario.ts';
import { brokenStepper, editedSource, explain, held, judgePinned, verdict } from './suite.ts';

// what the man page asks of nopreempt: initial state BACKUP (and no address owner, which always wins)
const backupsOnly = editedSource((c) => ({
  ...c,
  routers: c.routers.map((r) => ({ ...r, state: 'BACKUP' as const, delta: r.delta ?? 0 })),
}));
/** Three routers, all state BACKUP: B (200) is master until it stops at 10 s; C and D follow it. */
function afterBStops(d: { priority: number; start: number }, jitterSeed: number): Scenario {
  const conf = (priority: number, extra = '') =>
    `vrrp_instance VI_1 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 51\n  priority ${priority}\n  advert_int 1\n${extra}  virtual_ipaddress {\n    10.99.0.100/24\n  }\n}\n`;
  return {
    profile: 'keepalived-2.2',
    routers: [
      { name: 'B', address: '10.99.0.2', configText: conf(200) },
      { name: 'C', address: '10.99.0.3', configText: conf(171) },
      { name: 'D', address: '10.99.0.4', configText: conf(d.priority, '  nopreempt\n') },
    ],
    events: [
      { at: 0, do: 'start', router: 'B' },
      { at: 0, do: 'start', router: 'C' },
      { at: d.start, do: 'start', router: 'D' },
      { at: 10, do: 'stop', router: 'B' },
    ],
    until: 25,
    jitter: { max: 0.0002, seed: jitterSeed },
  };
}

function entered(run: SimulatedRun, router: string, state: string, after: number): number {
  const e = run.trace.entries.find(
    (x) => x.kind === 'state' && x.router === router && x.state === state && x.t > after,
  );
  return e?.t ?? Number.NaN;
}

const noNopreempt = editedSource((c) => ({ ...c, routers: c.routers.map((r) => ({ ...r, nopreempt: false })) }));

describe('nopreempt respected', () => {
  it.each(['keepalived-1.2', 'keepalived-2.2'] as const)(
    'holds on the model for routers configured state BACKUP; its pitfall (state MASTER) is witnessed (%s)',
    (profile) => {
      const v = verdict(nopreemptRespected, profile);
      expect(held(v), explain(v)).toBe(true);
      expect(verdict(nopreemptIgnoredUnderStateMaster, profile).status).toBe('witnessed');
    },
  );

  it('2.2.7: state MASTER clears nopreempt (pinned, hand-written): the pitfall, not the claim', () => {
    const file = 'nopreempt-cleared-by-state-master.keepalived-2.2.json';
    const { judgement } = judgePinned(nopreemptIgnoredUnderStateMaster, file);
    expect(judgement.holds).toBe(true);
    expect(judgement.message).toMatch(/^B is configured nopreempt with state MASTER, yet it took over from A/);
    expect(judgePinned(nopreemptRespected, file).judgement.holds).toBe(true);
  });

  it.each([
    ['nopreempt-is-ignored-under-state-master.keepalived-1.2.json'],
    ['nopreempt-is-ignored-under-state-master.keepalived-2.2.json'],
  ])('pinned shrunk witness %s still shows the pitfall', (file) => {
    expect(judgePinned(nopreemptIgnoredUnderStateMaster, file).judgement.holds).toBe(true);
  });

  it.each(['keepalived-1.2', 'keepalived-2.2'] as const)(
    'holds when every router is configured state BACKUP, as the man page asks (%s)',
    (profile) => {
      const v = verdict(nopreemptRespected, profile, { source: backupsOnly });
      expect(held(v), explain(v)).toBe(true);
    },
  );

  it('catches a BACKUP that ignores nopreempt (the guard flipped), even with state BACKUP everywhere', () => {
    const ignoresNopreempt = brokenStepper({
      guards: {
        'we may preempt the sender': ({ context, event }) =>
          event.type === 'ADVERT' && event.priority !== 0 && event.priority < context.effectivePriority,
      },
    });
    const v = verdict(nopreemptRespected, 'keepalived-2.2', {
      source: backupsOnly,
      stepper: ignoresNopreempt,
      search: true,
    });
    expect(v.status, explain(v)).toBe('fails');
  });

  it('two routers whose master-down timers expire together hold an election, not a preemption (jitter)', () => {
    // C and D (equal priority, D has the higher address) time out 130 µs apart after B's stop; C's
    // first advert is still on its way (jitter up to 200 µs) when D steps up, and C yields to D's address
    const scenario = afterBStops({ priority: 171, start: 0 }, 8);
    const run = runScenario(scenario, 'keepalived-2.2', createStepper());
    const cUp = entered(run, 'C', 'MASTER', 10);
    const dUp = entered(run, 'D', 'MASTER', 10);
    const cDown = entered(run, 'C', 'BACKUP', cUp);
    expect(cUp < dUp && dUp < cDown && dUp - cUp < 0.0002).toBe(true);
    expect(nopreemptRespected.holds(run.trace)).toEqual({
      holds: true,
      applicable: false,
    });
  });

  it('the run CI found: three routers time out within µs and the highest address wins, which is no preemption', () => {
    const file = join(import.meta.dirname, 'fixtures', 'nopreempt-equal-timeouts-together.keepalived-2.2.json');
    const scenario = JSON.parse(readFileSync(file, 'utf8')) as Scenario;
    const run = runScenario(scenario, 'keepalived-2.2', createStepper());
    const cUp = entered(run, 'C', 'MASTER', 39);
    const dUp = entered(run, 'D', 'MASTER', 39);
    // D's advert reached C the µs it was sent, so C stepped down the µs D stepped up
    expect(entered(run, 'C', 'BACKUP', cUp)).toBe(dUp);
    expect(dUp - cUp).toBeLessThan(0.0002);
    expect(nopreemptRespected.holds(run.trace).holds).toBe(true);
  });

  it('catches a preemption whose advert takes µs to arrive (jitter), and holds on the real model', () => {
    // D (180, nopreempt) starts after C (171) is master; a D that ignores nopreempt takes over
    const scenario = afterBStops({ priority: 180, start: 12 }, 7);
    const ignoresNopreempt = brokenStepper({
      guards: {
        'we may preempt the sender': ({ context, event }) =>
          event.type === 'ADVERT' && event.priority !== 0 && event.priority < context.effectivePriority,
      },
    });
    const brokenRun = runScenario(scenario, 'keepalived-2.2', ignoresNopreempt);
    const dUp = entered(brokenRun, 'D', 'MASTER', 12);
    const cDown = entered(brokenRun, 'C', 'BACKUP', 12);
    expect(cDown - dUp).toBeGreaterThan(0);
    const broken = nopreemptRespected.holds(brokenRun.trace);
    expect(broken.holds).toBe(false);
    if (!broken.holds) expect(broken.message).toMatch(/^D is configured nopreempt, yet it took over from C/);
    const real = nopreemptRespected.holds(runScenario(scenario, 'keepalived-2.2', createStepper()).trace);
    expect(real).toEqual({ holds: true, applicable: true });
  });

  it.each(['keepalived-1.2', 'keepalived-2.2'] as const)(
    'its partner is witnessed; without nopreempt routers it does not even apply (%s)',
    (profile) => {
      expect(verdict(nopreemptRouterOutranksMaster, profile).status).toBe('witnessed');
      expect(verdict(nopreemptRouterOutranksMaster, profile, { source: noNopreempt, runs: 300 }).status).toBe(
        'not-configured',
      );
    },
  );
});
