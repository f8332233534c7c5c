import { describe, expect, it } from 'vitest';
import { highestPriorityWins } from '../../properties/highestPriorityWins.ts';
import { preemptionHappens } from '../../properties/preemptionHappens.ts';
import { brokenStepper, editedSource, explain, held, verdict } from './suite.ts';

// a keepalived whose backups never preempt a lower master
const neverPreempts = brokenStepper({ guards: { 'we may preempt the sender': () => false } });

// clusters where every priority is the same and no weight can change it: nothing to preempt
const allEqual = editedSource((c) => ({
  ...c,
  routers: c.routers.map((r) => ({
    ...r,
    delta: 0,
    eth1: null,
    scripts: r.scripts.map((s) => ({ ...s, weight: { kind: 'value' as const, value: 0 } })),
  })),
}));

describe.each(['keepalived-1.2', 'keepalived-2.2'] as const)('eventual preemption (%s)', (profile) => {
  it('holds on the model', () => {
    const v = verdict(highestPriorityWins, profile);
    expect(held(v), explain(v)).toBe(true);
  });

  it('catches backups that never preempt', () => {
    const v = verdict(highestPriorityWins, profile, { stepper: neverPreempts, search: true });
    expect(v.status, explain(v)).toBe('fails');
  });

  it('its partner "preemption happens" is witnessed, and does not apply when all priorities are equal', () => {
    expect(verdict(preemptionHappens, profile).status).toBe('witnessed');
    // no router can outrank another: nothing to witness (PREEMPTION), so no claim is left unverified
    expect(verdict(preemptionHappens, profile, { source: allEqual, runs: 300 }).status).toBe('not-configured');
  });
});
