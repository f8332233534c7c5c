import { describe, expect, it } from 'vitest';
import { createStepper } from '../../model/stepper.ts';
import { highestPriorityWins } from '../../properties/highestPriorityWins.ts';
import { singleMaster } from '../../properties/singleMaster.ts';
import { elections } from '../../properties/support.ts';
import { runScenario } from '../../src/check.ts';
import type { Scenario } from '../../src/scenario.ts';

const conf = (priority: number, extra = '') =>
  `vrrp_instance VI_1 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 51\n  priority ${priority}\n  advert_int 1\n${extra}  virtual_ipaddress {\n    10.99.0.100/24\n  }\n}\n`;

// found by the property suite (VRRP_SEED=2084311110): B (40) wins the first election while C (41)
// holds back for its preempt_delay, and C takes over only a master-down interval after the last
// advert it accepted, 8.69 s after it started (2.2.7; 1.2.13 counts its preempt_delay from start-up)
const lateTakeover: Scenario = {
  profile: 'keepalived-2.2',
  routers: [
    { name: 'B', address: '10.99.0.2', configText: conf(40) },
    { name: 'C', address: '10.99.0.3', configText: conf(41, '  preempt_delay 1\n') },
  ],
  events: [
    { at: 0, do: 'start', router: 'B' },
    { at: 0.004, do: 'start', router: 'C' },
  ],
  until: 30,
  jitter: { max: 0.0002, seed: 0 },
};

describe('the settle window', () => {
  const run = runScenario(lateTakeover, 'keepalived-2.2', createStepper());
  const masters = run.trace.entries.filter((e) => e.kind === 'state' && e.state === 'MASTER');
  const takeover = masters.find((e) => e.router === 'C')?.t ?? Number.NaN;

  it('covers a takeover held back by preempt_delay: the delay, one advert and a second master-down interval', () => {
    expect(masters[0]?.router).toBe('B');
    // later than one master-down interval (3·1 s + skew < 1 s) + 3 adverts + the delay after C's start
    expect(takeover - 0.004).toBeGreaterThan(4 + 3 + 1);
    expect(takeover - 0.004).toBeLessThan(elections(run.trace)[0]?.settleWindow ?? 0);
  });

  it('so neither single master nor eventual preemption judges the cluster before it settled', () => {
    expect(singleMaster.holds(run.trace).holds).toBe(true);
    expect(highestPriorityWins.holds(run.trace)).toEqual({ holds: true, applicable: true });
  });
});
