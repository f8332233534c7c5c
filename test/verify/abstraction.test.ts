import { describe, expect, it } from 'vitest';
import { createStepper } from '../../model/stepper.ts';
import { prepareScenarioValue } from '../../src/loadScenario.ts';
import type { ScenarioEvent, ScenarioEventKind } from '../../src/scenario.ts';
import { runWorld } from '../../src/simulate.ts';
import { explore } from '../../src/verify/explore.ts';
import { defaultScope } from '../../src/verify/verify.ts';
import { canonicalHash, stateClass } from '../../src/world/canonical.ts';
import { initialWorld } from '../../src/world/initialWorld.ts';
import { statics } from '../../src/world/statics.ts';
import { step } from '../../src/world/step.ts';

const conf = (priority: number) =>
  `vrrp_script chk {\n  script "true"\n  interval 1\n  fall 2\n  rise 2\n  weight -20\n}\nvrrp_instance VI_1 {\n  state BACKUP\n  interface eth0\n  virtual_router_id 51\n  priority ${priority}\n  advert_int 1\n  track_script {\n    chk\n  }\n  virtual_ipaddress {\n    10.0.0.100/24\n  }\n}\n`;
const routers = [
  { name: 'A', address: '10.0.0.1', configText: conf(110) },
  { name: 'B', address: '10.0.0.2', configText: conf(100) },
];
const faults: [ScenarioEventKind, string][] = [
  ['stop', 'A'],
  ['kill', 'A'],
  ['linkdown', 'A'],
  ['isolate', 'A'],
  ['fail', 'A'],
  ['stop', 'B'],
  ['kill', 'B'],
  ['linkdown', 'B'],
  ['isolate', 'B'],
  ['fail', 'B'],
];

// The timeout-order abstraction: between two stimuli nothing changes, so verify tries an event just
// before and at the next expiry, at the instant of another event, and where a timer it starts
// crosses a pending expiry. A dense grid of event times (every ms) must find no state class the
// abstraction missed, the class being the world without its times (each instance's state, priority
// and VIP, each router's process, links and partition, each script's counter and outcome, the
// adverts in flight).
describe('the timeout-order abstraction', () => {
  it.each(['keepalived-1.2', 'keepalived-2.2'] as const)(
    'a dense grid of event times reaches no state class the search missed (%s)',
    (profile) => {
      const prepared = prepareScenarioValue({ routers, events: [], until: 1 }, 'grid.json', profile);
      if (!prepared.ok) throw new Error(prepared.message);
      const { cluster } = prepared.value;
      const model = statics(cluster, createStepper(), 0);
      // 1.2.13's priority ticks make its space larger: its grid leaves the script flips out
      const flips = profile === 'keepalived-2.2' ? 1 : 0;
      const scope = defaultScope(cluster, routers, {
        faults: 1,
        flips,
        restarts: 0,
        raceWindowUs: 0,
        maxStates: 3_000_000,
      });
      const key = (w: Parameters<typeof stateClass>[1]) => {
        const { a, b } = canonicalHash(model, w, [], 'none');
        return `${a}:${b}`;
      };
      const classes = new Set<string>();
      const stats = explore(
        model,
        initialWorld(model, null),
        scope,
        () => true,
        (w) => classes.add(key(w)),
      );
      expect(stats.incomplete).toBe(false);
      const missed: string[] = [];
      for (const startB of [0, 0.4]) {
        for (let ms = 0; ms <= 4000; ms += 1) {
          for (const [kind, router] of faults.filter(([k]) => flips > 0 || k !== 'fail')) {
            const events: ScenarioEvent[] = [
              { at: 0, do: 'start', router: 'A' },
              { at: startB, do: 'start', router: 'B' },
              { at: ms / 1000, do: kind, router },
            ];
            runWorld(model, initialWorld(model, null), events, 12_000_000 + ms * 1000, (w, s) => {
              const [after] = step(model, w, s);
              if (!classes.has(key(after))) {
                classes.add(key(after));
                missed.push(
                  `${kind} ${router} at ${ms} ms (B at ${startB} s), t=${after.now}: ${stateClass(model, after)}`,
                );
              }
              return after;
            });
          }
        }
      }
      expect(missed).toEqual([]);
    },
    300_000,
  );
});
