import { describe, expect, it } from 'vitest';
import { restartKeepsKilledVip } from '../../properties/restartKeepsKilledVip.ts';
import { theVipMoves } from '../../properties/theVipMoves.ts';
import { vipFollowsMaster } from '../../properties/vipFollowsMaster.ts';
import { explain, flipped, held, judgePinned, timersNeverFire, verdict } from './suite.ts';

describe('VIP consistency', () => {
  it.each(['keepalived-1.2', 'keepalived-2.2'] as const)('holds on the model (%s)', (profile) => {
    const v = verdict(vipFollowsMaster, profile);
    expect(held(v), explain(v)).toBe(true);
  });

  it("catches a 2.2.7 that keeps a killed run's VIP (startRemovesLeftoverVips flipped)", () => {
    const v = verdict(vipFollowsMaster, flipped('keepalived-2.2', { startRemovesLeftoverVips: false }), {
      search: true,
    });
    expect(v.status, explain(v)).toBe('fails');
  });

  it("1.2.13's pitfall: a restarted router keeps the VIP its killed run set (pinned witness)", () => {
    expect(verdict(restartKeepsKilledVip, 'keepalived-1.2').status).toBe('witnessed');
    const file = 'a-restarted-router-keeps-the-vip-of-its-killed-run.keepalived-1.2.json';
    const { judgement } = judgePinned(restartKeepsKilledVip, file);
    expect(judgement.holds).toBe(true);
    expect(judgement.message).toMatch(
      /was killed holding the VIP, restarted, and came back as BACKUP at [\d.]+ s still holding it/,
    );
    expect(judgePinned(vipFollowsMaster, file).judgement.holds).toBe(true);
  });

  it('the pitfall is about 1.2.13: under 2.2.7 it is not even judged', () => {
    expect(verdict(restartKeepsKilledVip, 'keepalived-2.2', { runs: 50 }).status).toBe('not-configured');
  });

  it.each(['keepalived-1.2', 'keepalived-2.2'] as const)(
    'its partner "the VIP moves" is witnessed, and not when timers never fire (%s)',
    (profile) => {
      expect(verdict(theVipMoves, profile).status).toBe('witnessed');
      expect(verdict(theVipMoves, profile, { stepper: timersNeverFire, runs: 300 }).status).toBe('not-witnessed');
    },
  );
});
