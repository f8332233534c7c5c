import { describe, expect, it } from 'vitest';
import { theVipMoves } from '../../properties/theVipMoves.ts';
import { vipFollowsMaster } from '../../properties/vipFollowsMaster.ts';
import { explain, flipped, judgePinned, timersNeverFire, verdict } from './suite.ts';

describe('VIP consistency', () => {
  it('holds on keepalived-2.2', () => {
    const v = verdict(vipFollowsMaster, 'keepalived-2.2');
    expect(v.status, explain(v)).toBe('holds');
  });

  it("catches a 2.2.7 that keeps a killed run's VIP (startRemovesLeftoverVips flipped)", () => {
    const v = verdict(vipFollowsMaster, flipped('keepalived-2.2', { startRemovesLeftoverVips: false }), {
      search: true,
    });
    expect(v.status, explain(v)).toBe('fails');
  });

  it('fails on keepalived-1.2, as expected: a restarted router keeps the VIP its killed run set', () => {
    const v = verdict(vipFollowsMaster, 'keepalived-1.2', { search: true });
    expect(v.status, explain(v)).toBe('fails');
    const { judgement } = judgePinned(vipFollowsMaster, 'vip-consistency.keepalived-1.2.json');
    expect(judgement.holds).toBe(false);
    if (!judgement.holds) expect(judgement.message).toMatch(/holds the VIP at [\d.]+ s while in BACKUP/);
  });

  it('holds on a 1.2.13 whose start-up removes leftover VIPs', () => {
    const v = verdict(vipFollowsMaster, flipped('keepalived-1.2', { startRemovesLeftoverVips: true }));
    expect(v.status, explain(v)).toBe('holds');
  });

  it.each(['keepalived-1.2', 'keepalived-2.2'] as const)(
    'its partner "the VIP moves" is witnessed, and not when timers never fire (%s)',
    (profile) => {
      expect(verdict(theVipMoves, profile).status).toBe('witnessed');
      expect(verdict(theVipMoves, profile, { stepper: timersNeverFire, runs: 300 }).status).toBe('not-witnessed');
    },
  );
});
