import { describe, expect, it } from 'vitest';
import { nopreemptRespected } from '../../properties/nopreemptRespected.ts';
import { nopreemptRouterOutranksMaster } from '../../properties/nopreemptRouterOutranksMaster.ts';
import { brokenStepper, editedSource, explain, judgePinned, verdict } from './suite.ts';

// what the man page asks of nopreempt: initial state BACKUP (and no address owner, which always wins)
const backupsOnly = editedSource((c) => ({
  ...c,
  routers: c.routers.map((r) => ({ ...r, state: 'BACKUP' as const, delta: r.delta ?? 0 })),
}));
const noNopreempt = editedSource((c) => ({ ...c, routers: c.routers.map((r) => ({ ...r, nopreempt: false })) }));

describe('nopreempt respected', () => {
  it.each(['keepalived-1.2', 'keepalived-2.2'] as const)('fails on the model, as expected (%s)', (profile) => {
    const v = verdict(nopreemptRespected, profile, { search: true });
    expect(v.status, explain(v)).toBe('fails');
    expect(v.met).toBe(true);
  });

  it('2.2.7: state MASTER clears nopreempt (pinned, hand-written)', () => {
    const { judgement } = judgePinned(nopreemptRespected, 'nopreempt-cleared-by-state-master.keepalived-2.2.json');
    expect(judgement.holds).toBe(false);
    if (!judgement.holds)
      expect(judgement.message).toMatch(/^B is configured nopreempt with state MASTER, yet it took over from A/);
  });

  it.each([['nopreempt-respected.keepalived-1.2.json'], ['nopreempt-respected.keepalived-2.2.json']])(
    'pinned shrunk counterexample %s still fails',
    (file) => {
      expect(judgePinned(nopreemptRespected, file).judgement.holds).toBe(false);
    },
  );

  it.each(['keepalived-1.2', 'keepalived-2.2'] as const)(
    'holds when every router is configured state BACKUP, as the man page asks (%s)',
    (profile) => {
      const v = verdict(nopreemptRespected, profile, { source: backupsOnly });
      expect(v.status, explain(v)).toBe('holds');
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

  it.each(['keepalived-1.2', 'keepalived-2.2'] as const)(
    'its partner is witnessed, and never without nopreempt routers (%s)',
    (profile) => {
      expect(verdict(nopreemptRouterOutranksMaster, profile).status).toBe('witnessed');
      expect(verdict(nopreemptRouterOutranksMaster, profile, { source: noNopreempt, runs: 300 }).status).toBe(
        'not-witnessed',
      );
    },
  );
});
