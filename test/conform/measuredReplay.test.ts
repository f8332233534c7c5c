import { describe, expect, it } from 'vitest';
import { measuredEvents, modelFirstStates } from '../../src/conform/measuredReplay.ts';

describe('measuredEvents: the scenario as it really happened, for the replay', () => {
  const lines = [
    { t: 0.021, source: 'A', text: 'Starting Keepalived v2.2.7 (01/16,2022)' },
    { t: 0.024, source: 'A', text: '(VI_1) Entering BACKUP STATE (init)' },
    { t: 0.03, source: 'B', text: 'Starting Keepalived v2.2.7 (01/16,2022)' },
    { t: 0.041, source: 'B', text: 'VRRP sockpool: [ifindex(  2), family(IPv4), proto(112), fd(12,13) multicast]' },
    { t: 5.03, source: 'A', text: 'VRRP sockpool: [...]' },
  ];

  it('a start moves to when the VRRP side came up, less the modelled start-up; other events keep their times', () => {
    const events = measuredEvents(
      [
        { event: { at: 0, do: 'start', router: 'A' }, t: 0.0012 },
        { event: { at: 0.02, do: 'start', router: 'B' }, t: 0.0205 },
        { event: { at: 3, do: 'fail', router: 'A' }, t: 3.0207 },
      ],
      lines,
      0.01,
    );
    expect(events).toEqual([
      { at: 0.014, do: 'start', router: 'A' },
      { at: 0.031, do: 'start', router: 'B' },
      { at: 3.0207, do: 'fail', router: 'A' },
    ]);
  });

  it("a start never moves past the router's next event, nor uses a line from long after it", () => {
    const events = measuredEvents(
      [
        { event: { at: 0, do: 'start', router: 'A' }, t: 0 },
        { event: { at: 0.005, do: 'stop', router: 'A' }, t: 0.005 },
        { event: { at: 4, do: 'start', router: 'A' }, t: 4 },
      ],
      lines,
      0.001,
    );
    // A logged its VRRP start at 0.024, after the stop was sent: the stop waited for it
    expect(events.map((e) => e.at)).toEqual([0.005, 0.024001, 4]);
  });

  it('a SIGTERM that reached a daemon still starting takes effect once it is up (signalfd), a SIGKILL at once', () => {
    const applied = (what: 'stop' | 'kill') => [
      { event: { at: 0.02, do: 'start' as const, router: 'B' }, t: 0.0201 },
      { event: { at: 0.03, do: what, router: 'B' }, t: 0.0302 },
    ];
    expect(measuredEvents(applied('stop'), lines, 0.01)).toEqual([
      { at: 0.0302, do: 'start', router: 'B' },
      { at: 0.041001, do: 'stop', router: 'B' },
    ]);
    expect(measuredEvents(applied('kill'), lines, 0.01).map((e) => e.at)).toEqual([0.0302, 0.0302]);
  });

  // random-s391346535-3: B waits in FAULT for its weight-0 scripts, which return 6 ms after its
  // VRRP side came up; its master-down timer starts then, and decides a start-up race with C
  const scripted = [
    { t: 0.029, source: 'B', text: 'VRRP sockpool: [ifindex(  2), family(IPv4), proto(112), fd(12,13) multicast]' },
    { t: 0.033, source: 'B', text: 'VRRP_Script(chk) succeeded' },
    { t: 0.035, source: 'B', text: '(VI_1) Entering BACKUP STATE' },
  ];
  const startB = [{ event: { at: 0, do: 'start' as const, router: 'B' }, t: 0.004 }];

  it("a start is placed so that the router's first state line falls when keepalived logged it", () => {
    const first = new Map([[0, { text: '(VI_1) Entering BACKUP STATE', after: 0.01 }]]);
    expect(measuredEvents(startB, scripted, 0.01, first)).toEqual([{ at: 0.025, do: 'start', router: 'B' }]);
  });

  it('without that line in the capture, the first VRRP line places it', () => {
    const first = new Map([[0, { text: '(VI_1) Entering BACKUP STATE (init)', after: 0.01 }]]);
    expect(measuredEvents(startB, scripted, 0.01, first)).toEqual([{ at: 0.019, do: 'start', router: 'B' }]);
    expect(measuredEvents(startB, scripted, 0.01)).toEqual([{ at: 0.019, do: 'start', router: 'B' }]);
  });

  it("modelFirstStates: each start's first state line in the model, when start-up logs it", () => {
    const applied = [
      { event: { at: 0, do: 'start' as const, router: 'A' }, t: 0 },
      { event: { at: 0, do: 'start' as const, router: 'B' }, t: 0 },
      { event: { at: 2, do: 'fail' as const, router: 'A' }, t: 2 },
      { event: { at: 5, do: 'start' as const, router: 'C' }, t: 5 },
    ];
    const messages = [
      { t: 0.01, router: 'A', text: 'VRRP_Script(chk) succeeded' },
      { t: 0.01, router: 'A', text: '(VI_1) Entering BACKUP STATE (init)' },
      { t: 0.01, router: 'B', text: '(VI_1) Entering BACKUP STATE' },
      { t: 3.5, router: 'A', text: '(VI_1) Entering MASTER STATE' },
      // C's first state comes with a timer, not its start-up: no anchor
      { t: 5.62, router: 'C', text: 'VRRP_Instance(VI_1) Transition to MASTER STATE' },
    ];
    expect(modelFirstStates(applied, messages, 0.01)).toEqual(
      new Map([
        [0, { text: '(VI_1) Entering BACKUP STATE (init)', after: 0.01 }],
        [1, { text: '(VI_1) Entering BACKUP STATE', after: 0.01 }],
      ]),
    );
  });
});
