/**
 * The VRRP instance machine, rule by rule, for both semantics profiles.
 *
 * Rule ids are those of the semantics notes (T1–T19: keepalived 1.2.13, U1–U11: 2.2.7). Every
 * deadline is an exact µs value worked out by hand from RFC 3768 §6.1 with keepalived's integer
 * division, so a wrong formula or a wrong priority fails the test:
 *   skew(p) = ⌊(256 − p) · 10⁶ / 256⌋ µs, master-down(p) = 3 · advert_int + skew(p), advert_int = 1 s.
 *
 */
import { describe, expect, it } from 'vitest';
import { profiles } from '../../model/profiles.ts';
import { NO_DEADLINE } from '../../model/types.ts';
import {
  ADD_VIPS,
  ADVERT_INT,
  advertsOf,
  HIGH_PEER,
  Instance,
  instanceConfig,
  LOW_PEER,
  log,
  logKeysOf,
  logsOf,
  REMOVE_VIPS,
  SECOND,
  script,
  send,
  started,
  T0,
  trackedInterface,
  vipChangesOf,
} from './instanceFixtures.ts';

const V12 = profiles['keepalived-1.2'];
const V22 = profiles['keepalived-2.2'];
/** 2.2.7's periodic timers re-arm this late (the loop's wake-up), and its preempt clock starts this late. */
const LAG_22 = V22.timing.timerLagUs;
const PREEMPT_LAG_22 = V22.timing.preemptClockLagUs;

const A = ADVERT_INT;

// skew(p), µs
const SKEW_100 = 609_375; // 156/256 s
const SKEW_105 = 589_843; // 151/256 s = 589 843.75
// master-down(p) = 3 s + skew(p), µs
const MDI_80 = 3_687_500;
const MDI_100 = 3_609_375;
const MDI_102 = 3_601_562; // 3 s + 154/256 s = 3 601 562.5
const MDI_105 = 3_589_843;
const MDI_110 = 3_570_312;
const MDI_254 = 3_007_812;
const MDI_255 = 3_003_906;
/** 1.2.13 with `priority` omitted: base 0, so skew = 256/256 s. */
const MDI_BASE_0 = 4_000_000;

// ================================================================================================
describe('keepalived 1.2.13', () => {
  // ----------------------------------------------------------------------------------------------
  describe('INIT (start-up)', () => {
    it('T1: a `state MASTER` instance starts silently in GOTO_MASTER, its deadline one advert interval away', () => {
      const vi = new Instance(V12, instanceConfig({ state: 'MASTER', priority: 100 }));
      const effects = vi.start(T0);
      expect(vi.state).toBe('gotoMaster');
      expect(logsOf(effects)).toEqual([]);
      expect(advertsOf(effects)).toEqual([]);
      expect(vipChangesOf(effects)).not.toContain('add');
      expect(vi.context.sands).toBe(T0 + A);
    });

    it('T1: an address owner (priority 255) starts in GOTO_MASTER even when configured `state BACKUP`', () => {
      const vi = new Instance(V12, instanceConfig({ state: 'BACKUP', priority: 255 }));
      const effects = vi.start(T0);
      expect(vi.state).toBe('gotoMaster');
      expect(logsOf(effects)).toEqual([]);
      expect(advertsOf(effects)).toEqual([]);
      expect(vi.context.effectivePriority).toBe(255);
      expect(vi.context.sands).toBe(T0 + A);
    });

    it('T2: any other instance logs Entering BACKUP STATE and waits a master-down interval of its base priority (weights wait for the first tick)', () => {
      const vi = new Instance(V12, instanceConfig({ priority: 102, trackers: [script('chk', 10)] }));
      const effects = vi.start(T0, ['up', 'up']);
      expect(vi.state).toBe('backup');
      expect(logKeysOf(effects)).toEqual(['entering-backup']);
      expect(advertsOf(effects)).toEqual([]);
      expect(vipChangesOf(effects)).not.toContain('add');
      expect(vi.context.effectivePriority).toBe(102);
      expect(vi.context.msDownTimerUs).toBe(MDI_102);
      expect(vi.context.sands).toBe(T0 + MDI_102);
    });

    it('T2: there is no fault check at start: with its own interface down the instance still enters BACKUP', () => {
      const vi = new Instance(V12, instanceConfig());
      const effects = vi.start(T0, ['down']);
      expect(vi.state).toBe('backup');
      expect(logKeysOf(effects)).toEqual(['entering-backup']);
      expect(vi.context.sands).toBe(T0 + MDI_100);
    });
  });

  // ----------------------------------------------------------------------------------------------
  describe('GOTO_MASTER', () => {
    const gotoMaster = () => started(V12, { state: 'MASTER', priority: 100 });

    it('T3: any advert, of any priority (even a higher one), moves it to MASTER at once: advert at its own priority, "Transition to MASTER STATE", no VIPs yet', () => {
      for (const priority of [0, 50, 100, 200, 255]) {
        const vi = gotoMaster();
        const now = T0 + 300_000;
        const effects = vi.advert(now, priority, HIGH_PEER);
        expect(vi.state).toBe('master.transition');
        expect(effects).toEqual([send(100), log({ msg: 'transition-to-master' })]);
        expect(vi.context.sands).toBe(now + A);
      }
    });

    it('T3: there is no fault check on this path: with its own interface down it still moves on, and the next MASTER deadline finds the fault (T8)', () => {
      const vi = gotoMaster();
      vi.tracker(T0 + 100_000, 0, 'down');
      const now = T0 + 300_000;
      expect(vi.advert(now, 120, HIGH_PEER)).toEqual([send(100), log({ msg: 'transition-to-master' })]);
      expect(vi.state).toBe('master.transition');
      const effects = vi.timer();
      expect(vi.state).toBe('fault');
      expect(logKeysOf(effects)).toEqual(['kernel-reports-down', 'entering-fault', 'now-in-fault']);
      expect(vi.context.sands).toBe(now + A + MDI_100);
    });

    it('T4: its deadline, while up, gives the same Transition step: advert, "Transition to MASTER STATE", next deadline one advert interval later', () => {
      const vi = gotoMaster();
      const effects = vi.timer();
      expect(vi.state).toBe('master.transition');
      expect(effects).toEqual([send(100), log({ msg: 'transition-to-master' })]);
      expect(vi.context.sands).toBe(T0 + 2 * A);
    });

    it('T5: its deadline while a weight-0 tracker is down: FAULT with the kernel line and "Now in FAULT state", a master-down interval of polling', () => {
      const vi = gotoMaster();
      expect(vi.tracker(T0 + 500_000, 0, 'down')).toEqual([]);
      expect(vi.state).toBe('gotoMaster');
      const effects = vi.timer();
      expect(vi.state).toBe('fault');
      expect(logsOf(effects)).toEqual([{ msg: 'kernel-reports-down', interfaces: ['eth0'] }, { msg: 'now-in-fault' }]);
      expect(advertsOf(effects)).toEqual([]);
      expect(vi.context.sands).toBe(T0 + A + MDI_100);
    });
  });

  // ----------------------------------------------------------------------------------------------
  describe('BACKUP', () => {
    const backup = (options: Parameters<typeof started>[1] = {}) => started(V12, { priority: 102, ...options });

    it('T4: the master-down deadline, while up, starts the two-step entry: advert at its priority, "Transition to MASTER STATE", no VIPs', () => {
      const vi = backup();
      const effects = vi.timer();
      expect(vi.state).toBe('master.transition');
      expect(effects).toEqual([send(102), log({ msg: 'transition-to-master' })]);
      expect(vi.context.sands).toBe(T0 + MDI_102 + A);
    });

    it('T5: the master-down deadline while a weight-0 tracker is down: FAULT, "Now in FAULT state", no advert', () => {
      const vi = backup();
      expect(vi.tracker(T0 + SECOND, 0, 'down')).toEqual([]);
      expect(vi.state).toBe('backup');
      const effects = vi.timer();
      const now = T0 + MDI_102;
      expect(vi.state).toBe('fault');
      expect(logsOf(effects)).toEqual([{ msg: 'kernel-reports-down', interfaces: ['eth0'] }, { msg: 'now-in-fault' }]);
      expect(advertsOf(effects)).toEqual([]);
      expect(vi.context.sands).toBe(now + MDI_102);
    });

    it('§1.1 note: a failing weight-0 tracker goes unnoticed while adverts keep restarting the deadline', () => {
      const vi = backup();
      vi.tracker(T0 + 100_000, 0, 'down');
      for (let k = 1; k <= 5; k++) {
        const now = T0 + k * SECOND;
        expect(vi.advert(now, 120, HIGH_PEER)).toEqual([]);
        expect(vi.state).toBe('backup');
        expect(vi.context.sands).toBe(now + MDI_102);
      }
    });

    it('T5 after a forced election: wantstate GOTO_MASTER survives into FAULT, so the FAULT deadline is one advert interval', () => {
      const vi = backup();
      const t1 = T0 + 2 * SECOND;
      vi.advert(t1, 100, LOW_PEER); // T13
      vi.tracker(t1 + 300_000, 0, 'down');
      vi.timer();
      expect(vi.state).toBe('fault');
      expect(vi.context.sands).toBe(t1 + A + A);
    });

    it('§2.3 (rule 17): a higher or equal advert is accepted and restarts the full master-down interval; equal priority is never tie-broken', () => {
      const vi = backup();
      let now = T0 + SECOND;
      expect(vi.advert(now, 120, LOW_PEER)).toEqual([]);
      expect(vi.context.sands).toBe(now + MDI_102);
      now += 700_000;
      expect(vi.advert(now, 102, HIGH_PEER)).toEqual([]);
      expect(vi.context.sands).toBe(now + MDI_102);
      now += 700_000;
      expect(vi.advert(now, 102, LOW_PEER)).toEqual([]);
      expect(vi.state).toBe('backup');
      expect(vi.context.sands).toBe(now + MDI_102);
    });

    it('§2.4: a priority-0 advert sets the deadline to now + skew of the BASE priority, not the effective one', () => {
      const vi = started(V12, { priority: 100, trackers: [script('chk', 10)] });
      vi.tracker(T0 + 200_000, 1, 'up');
      vi.tick(T0 + A);
      expect(vi.context.effectivePriority).toBe(110);
      const now = T0 + 1_500_000;
      const effects = vi.advert(now, 0, HIGH_PEER);
      expect(vi.state).toBe('backup');
      expect(advertsOf(effects)).toEqual([]);
      expect(vi.context.msDownTimerUs).toBe(SKEW_100);
      expect(vi.context.sands).toBe(now + SKEW_100);
    });

    it('T13: a BACKUP that hears a lower priority forces an election: logs, advertises its own priority, and re-arms one advert interval', () => {
      const vi = backup();
      const now = T0 + 2 * SECOND;
      const effects = vi.advert(now, 100, LOW_PEER);
      expect(vi.state).toBe('backup');
      expect(effects).toEqual([log({ msg: 'forcing-election' }), send(102)]);
      expect(vi.context.sands).toBe(now + A);
    });

    it('T13: while the forced election is pending every later advert, even a higher or a priority-0 one, re-arms only one advert interval, and the deadline still goes to MASTER', () => {
      const vi = backup();
      const t1 = T0 + 2 * SECOND;
      vi.advert(t1, 100, LOW_PEER);
      const t2 = t1 + 500_000;
      expect(logsOf(vi.advert(t2, 200, HIGH_PEER))).toEqual([]);
      expect(vi.state).toBe('backup');
      expect(vi.context.sands).toBe(t2 + A);
      const t3 = t2 + 300_000;
      vi.advert(t3, 0, HIGH_PEER);
      expect(vi.context.sands).toBe(t3 + A);
      const effects = vi.timer();
      expect(vi.state).toBe('master.transition');
      expect(effects).toEqual([send(102), log({ msg: 'transition-to-master' })]);
      expect(vi.context.sands).toBe(t3 + 2 * A);
    });

    it('T13: nopreempt blocks it: the lower advert is accepted and restarts the full master-down interval', () => {
      const vi = backup({ nopreempt: true });
      const now = T0 + 2 * SECOND;
      expect(vi.advert(now, 100, LOW_PEER)).toEqual([]);
      expect(vi.state).toBe('backup');
      expect(vi.context.sands).toBe(now + MDI_102);
    });

    it('T13: preempt_delay blocks it for that long after start (the window ends at exactly start + preempt_delay)', () => {
      const vi = backup({ preemptDelayUs: 5 * SECOND });
      const inside = T0 + 2 * SECOND;
      expect(vi.advert(inside, 100, LOW_PEER)).toEqual([]);
      expect(vi.context.sands).toBe(inside + MDI_102);
      const end = T0 + 5 * SECOND;
      expect(vi.advert(end, 100, LOW_PEER)).toEqual([log({ msg: 'forcing-election' }), send(102)]);
      expect(vi.context.sands).toBe(end + A);
    });
  });

  // ----------------------------------------------------------------------------------------------
  describe('MASTER', () => {
    /** `state MASTER`: T4 at T0 + A (Transition), then T6 at T0 + 2A (VIPs). */
    const masterTransition = (options: Parameters<typeof started>[1] = {}) => {
      const vi = started(V12, { state: 'MASTER', priority: 100, ...options });
      vi.timer();
      expect(vi.state).toBe('master.transition');
      return vi;
    };
    const masterActive = (options: Parameters<typeof started>[1] = {}) => {
      const vi = masterTransition(options);
      vi.timer();
      expect(vi.state).toBe('master.active');
      return vi;
    };

    it('T6: the Transition step ends one advert interval later: "Entering MASTER STATE", VIPs installed, advert', () => {
      const vi = masterTransition();
      const effects = vi.timer();
      expect(vi.state).toBe('master.active');
      expect(logsOf(effects)).toEqual([{ msg: 'entering-master' }]);
      expect(advertsOf(effects)).toEqual([100]);
      expect(vipChangesOf(effects)).toEqual(['add']);
      expect(vi.context.sands).toBe(T0 + 3 * A);
    });

    it('T6 (order): the VIPs are installed before the advert is sent', () => {
      const vi = masterTransition();
      expect(vi.timer()).toEqual([log({ msg: 'entering-master' }), ADD_VIPS, send(100)]);
    });

    it('T7: each advert interval it sends one advert at its effective priority, nothing else', () => {
      const vi = masterActive();
      expect(vi.timer()).toEqual([send(100)]);
      expect(vi.state).toBe('master.active');
      expect(vi.context.sands).toBe(T0 + 4 * A);
    });

    it('T8: its deadline while a weight-0 tracker is down: Entering FAULT STATE, priority-0 advert, VIPs removed, Now in FAULT state', () => {
      const vi = masterActive();
      expect(vi.tracker(T0 + 2 * A + 500_000, 0, 'down')).toEqual([]);
      const effects = vi.timer();
      const now = T0 + 3 * A;
      expect(vi.state).toBe('fault');
      expect(logsOf(effects)).toEqual([
        { msg: 'kernel-reports-down', interfaces: ['eth0'] },
        { msg: 'entering-fault' },
        { msg: 'now-in-fault' },
      ]);
      expect(advertsOf(effects)).toEqual([0]);
      expect(vipChangesOf(effects)).toEqual(['remove']);
      expect(vi.context.sands).toBe(now + MDI_100);
    });

    it('T8: also in the Transition step (no VIPs installed yet)', () => {
      const vi = masterTransition();
      vi.tracker(T0 + A + 500_000, 0, 'down');
      const effects = vi.timer();
      expect(vi.state).toBe('fault');
      expect(logKeysOf(effects)).toEqual(['kernel-reports-down', 'entering-fault', 'now-in-fault']);
      expect(advertsOf(effects)).toEqual([0]);
      expect(vipChangesOf(effects)).not.toContain('add');
      expect(vi.context.sands).toBe(T0 + 2 * A + MDI_100);
    });

    it('T8 (order): the VIPs are removed before the priority-0 advert', () => {
      const vi = masterActive();
      vi.tracker(T0 + 2 * A + 500_000, 0, 'down');
      expect(vi.timer()).toEqual([
        log({ msg: 'kernel-reports-down', interfaces: ['eth0'] }),
        log({ msg: 'entering-fault' }),
        REMOVE_VIPS,
        send(0),
        log({ msg: 'now-in-fault' }),
      ]);
    });

    it('T9: a packet that finds a weight-0 tracker down: FAULT with only "Entering FAULT STATE", priority-0 advert, VIPs removed', () => {
      const vi = masterActive();
      vi.tracker(T0 + 2 * A + 200_000, 0, 'down');
      const now = T0 + 2 * A + 400_000;
      const effects = vi.advert(now, 90, LOW_PEER);
      expect(vi.state).toBe('fault');
      expect(logsOf(effects)).toEqual([
        { msg: 'kernel-reports-down', interfaces: ['eth0'] },
        { msg: 'entering-fault' },
      ]);
      expect(advertsOf(effects)).toEqual([0]);
      expect(vipChangesOf(effects)).toEqual(['remove']);
      expect(vi.context.sands).toBe(now + MDI_100);
    });

    it('T10: a lower advert: stays MASTER, logs "Received lower prio advert, forcing new election", re-advertises and restarts its advert timer', () => {
      const vi = masterActive();
      const now = T0 + 2 * A + 400_000;
      const effects = vi.advert(now, 90, LOW_PEER);
      expect(vi.state).toBe('master.active');
      expect(effects).toEqual([
        log({ msg: 'lower-priority-advert', from: LOW_PEER.address, priority: 90, ours: 100 }),
        send(100),
      ]);
      expect(vi.context.sands).toBe(now + A);
    });

    it('T10: a priority-0 advert takes the same "lower priority" branch', () => {
      const vi = masterActive();
      const now = T0 + 2 * A + 400_000;
      const effects = vi.advert(now, 0, LOW_PEER);
      expect(vi.state).toBe('master.active');
      expect(effects).toEqual([
        log({ msg: 'lower-priority-advert', from: LOW_PEER.address, priority: 0, ours: 100 }),
        send(100),
      ]);
      expect(vi.context.sands).toBe(now + A);
    });

    it('T11: a higher advert: one last advert at its own priority first, "Received higher prio advert", Entering BACKUP STATE, VIPs removed, full master-down', () => {
      const vi = masterActive();
      const now = T0 + 2 * A + 400_000;
      const effects = vi.advert(now, 120, LOW_PEER);
      expect(vi.state).toBe('backup');
      expect(effects).toEqual([
        send(100),
        log({ msg: 'higher-priority-advert', from: LOW_PEER.address, priority: 120, ours: 100 }),
        log({ msg: 'entering-backup' }),
        REMOVE_VIPS,
      ]);
      expect(vi.context.msDownTimerUs).toBe(MDI_100);
      expect(vi.context.sands).toBe(now + MDI_100);
    });

    it('T11: equal priority from a numerically higher address also demotes it, the last advert sent first', () => {
      const vi = masterActive();
      const now = T0 + 2 * A + 400_000;
      const effects = vi.advert(now, 100, HIGH_PEER);
      expect(vi.state).toBe('backup');
      expect(effects[0]).toEqual(send(100));
      expect(advertsOf(effects)).toEqual([100]);
      // 1.2.13 prints "Received higher prio advert" for both; either message renders to it
      const [first, second] = logKeysOf(effects);
      expect(['higher-priority-advert', 'same-priority-higher-address']).toContain(first);
      expect(second).toBe('entering-backup');
      expect(vipChangesOf(effects)).toEqual(['remove']);
      expect(vi.context.sands).toBe(now + MDI_100);
    });

    it('T12: equal priority from a lower address is ignored, but the packet restarts the advert timer', () => {
      const vi = masterActive();
      const now = T0 + 2 * A + 400_000;
      expect(vi.advert(now, 100, LOW_PEER)).toEqual([]);
      expect(vi.state).toBe('master.active');
      expect(vi.context.sands).toBe(now + A);
    });

    it('T19: stopping the daemon while MASTER: "sending 0 priority", priority-0 advert, VIPs removed', () => {
      const vi = masterActive();
      const effects = vi.stop(T0 + 2 * A + 100_000);
      expect(vi.state).toBe('stopped');
      // 1.2.13 writes the syslog line just before sending; the model gives both in one step, advert first
      expect(logKeysOf(effects)).toEqual(['sending-priority-zero']);
      expect(advertsOf(effects)).toEqual([0]);
      expect(effects.at(-1)).toEqual(REMOVE_VIPS);
    });

    it('T19: also in the Transition step (state is already MASTER)', () => {
      const vi = masterTransition();
      const effects = vi.stop(T0 + A + 100_000);
      expect(vi.state).toBe('stopped');
      expect(logKeysOf(effects)).toEqual(['sending-priority-zero']);
      expect(advertsOf(effects)).toEqual([0]);
    });
  });

  // ----------------------------------------------------------------------------------------------
  describe('FAULT', () => {
    /** BACKUP at T0, own interface down, FAULT at the master-down deadline T0 + MDI_100. */
    const faulted = (options: Parameters<typeof started>[1] = {}) => {
      const vi = started(V12, { priority: 100, ...options });
      vi.tracker(T0 + 500_000, 0, 'down');
      vi.timer();
      expect(vi.state).toBe('fault');
      return vi;
    };
    const tFault = T0 + MDI_100;

    it('T14: an advert it outranks, once up again: "prio is higher than received advert", advert, "Transition to MASTER STATE"', () => {
      const vi = faulted();
      expect(vi.tracker(tFault + 100_000, 0, 'up')).toEqual([]); // polled: nothing happens yet
      expect(vi.state).toBe('fault');
      const now = tFault + 300_000;
      const effects = vi.advert(now, 90, LOW_PEER);
      expect(vi.state).toBe('master.transition');
      expect(effects).toEqual([
        log({ msg: 'prio-higher-than-advert' }),
        send(100),
        log({ msg: 'transition-to-master' }),
      ]);
      expect(vi.context.sands).toBe(now + A);
    });

    it('T14: a priority-255 advert takes the same path (the `prio == 255` guard), even below 255', () => {
      const vi = faulted();
      vi.tracker(tFault + 100_000, 0, 'up');
      const effects = vi.advert(tFault + 300_000, 255, HIGH_PEER);
      expect(vi.state).toBe('master.transition');
      expect(logKeysOf(effects)).toEqual(['prio-higher-than-advert', 'transition-to-master']);
      expect(advertsOf(effects)).toEqual([100]);
    });

    it('T15: any other advert, once up: Entering BACKUP STATE, full master-down', () => {
      const vi = faulted();
      vi.tracker(tFault + 100_000, 0, 'up');
      const now = tFault + 300_000;
      const effects = vi.advert(now, 120, HIGH_PEER);
      expect(vi.state).toBe('backup');
      expect(logsOf(effects)).toEqual([{ msg: 'entering-backup' }]);
      expect(advertsOf(effects)).toEqual([]);
      expect(vi.context.sands).toBe(now + MDI_100);
    });

    it('T15: with nopreempt even a lower advert leads to BACKUP', () => {
      const vi = faulted({ nopreempt: true });
      vi.tracker(tFault + 100_000, 0, 'up');
      const now = tFault + 300_000;
      const effects = vi.advert(now, 90, LOW_PEER);
      expect(vi.state).toBe('backup');
      expect(logKeysOf(effects)).toEqual(['entering-backup']);
      expect(advertsOf(effects)).toEqual([]);
      expect(vi.context.sands).toBe(now + MDI_100);
    });

    it('T16: its deadline, once up, with initial state BACKUP: BACKUP silently but for "Kernel is reporting: interface eth0 UP"', () => {
      const vi = faulted();
      vi.tracker(tFault + 100_000, 0, 'up');
      const effects = vi.timer();
      const now = tFault + MDI_100;
      expect(vi.state).toBe('backup');
      expect(logsOf(effects)).toEqual([{ msg: 'kernel-reports-up', interface: 'eth0', tracked: false }]);
      expect(advertsOf(effects)).toEqual([]);
      expect(vi.context.sands).toBe(now + MDI_100);
    });

    it('T17: its deadline, once up, with initial state MASTER: kernel lines, then straight to the Transition step', () => {
      const vi = started(V12, { state: 'MASTER', priority: 100, trackers: [trackedInterface('eth1', -10)] }, [
        'up',
        'up',
      ]);
      vi.tracker(T0 + 500_000, 0, 'down');
      vi.timer(); // T5 from GOTO_MASTER at T0 + A
      expect(vi.state).toBe('fault');
      expect(vi.context.sands).toBe(T0 + A + MDI_100);
      vi.tracker(T0 + 2 * A, 0, 'up');
      const effects = vi.timer();
      const now = T0 + A + MDI_100;
      expect(vi.state).toBe('master.transition');
      expect(effects).toEqual([
        log({ msg: 'kernel-reports-up', interface: 'eth0', tracked: true }),
        send(100),
        log({ msg: 'transition-to-master' }),
      ]);
      expect(vi.context.sands).toBe(now + A);
    });

    it('T18: packets and deadlines while still down change nothing but re-arm the master-down interval', () => {
      const vi = faulted();
      const now = tFault + 400_000;
      expect(vi.advert(now, 90, LOW_PEER)).toEqual([]);
      expect(vi.state).toBe('fault');
      expect(vi.context.sands).toBe(now + MDI_100);
      expect(vi.timer()).toEqual([]);
      expect(vi.state).toBe('fault');
      expect(vi.context.sands).toBe(now + 2 * MDI_100);
    });
  });

  // ----------------------------------------------------------------------------------------------
  describe('priority tick (vrrp_update_priority, every state)', () => {
    it('PRIORITY_TICK applies the weights silently (no effect at all), and the skew stays computed from the base priority', () => {
      const vi = started(V12, { priority: 100, trackers: [script('chk', 10)] });
      expect(vi.tracker(T0 + 200_000, 1, 'up')).toEqual([]);
      expect(vi.context.effectivePriority).toBe(100); // not before the tick
      expect(vi.tick(T0 + A)).toEqual([]);
      expect(vi.prioritySets).toEqual([110]); // set, never logged by 1.2.13
      expect(vi.context.effectivePriority).toBe(110);
      const now = T0 + 1_500_000;
      vi.advert(now, 120, HIGH_PEER);
      expect(vi.context.msDownTimerUs).toBe(MDI_100);
      expect(vi.context.sands).toBe(now + MDI_100);
    });

    it('PRIORITY_TICK: a script still in "init" counts as failed, so its negative weight applies at the tick', () => {
      const vi = started(V12, { priority: 100, trackers: [script('chk', -10)] }, ['up', 'init']);
      expect(vi.context.effectivePriority).toBe(100);
      expect(vi.tick(T0 + A)).toEqual([]);
      expect(vi.context.effectivePriority).toBe(90);
    });

    it('PRIORITY_TICK: T13 compares with the ticked priority: before the tick a 105 advert is accepted, after it an election is forced at 110', () => {
      const vi = started(V12, { priority: 100, trackers: [script('chk', 10)] });
      vi.tracker(T0 + 100_000, 1, 'up');
      const before = T0 + 500_000;
      expect(vi.advert(before, 105, LOW_PEER)).toEqual([]);
      expect(vi.context.sands).toBe(before + MDI_100);
      vi.tick(T0 + A);
      const after = T0 + 1_500_000;
      expect(vi.advert(after, 105, LOW_PEER)).toEqual([log({ msg: 'forcing-election' }), send(110)]);
      expect(vi.context.sands).toBe(after + A);
    });

    it('PRIORITY_TICK: an omitted priority (base 0) runs at 100 until the first tick, with a 1 s skew, then drops to 1', () => {
      const vi = started(V12, { priority: 0 });
      expect(vi.context.effectivePriority).toBe(100);
      expect(vi.context.sands).toBe(T0 + MDI_BASE_0);
      vi.tick(T0 + A);
      expect(vi.context.effectivePriority).toBe(1);
    });

    it('PRIORITY_TICK: an owner stays at 255 whatever its weights', () => {
      const vi = started(V12, { priority: 255, trackers: [trackedInterface('eth1', -50)] }, ['up', 'down']);
      vi.tick(T0 + A);
      expect(vi.context.effectivePriority).toBe(255);
    });
  });

  // ----------------------------------------------------------------------------------------------
  describe('virtual addresses', () => {
    it('are added only on entering MASTER (T6, not at the Transition step T4) and removed when leaving it (T11)', () => {
      const vi = started(V12, { priority: 100 });
      expect(vipChangesOf(vi.timer())).toEqual([]); // T4
      expect(vi.state).toBe('master.transition');
      expect(vipChangesOf(vi.timer())).toEqual(['add']); // T6
      expect(vipChangesOf(vi.timer())).toEqual([]); // T7
      expect(vipChangesOf(vi.advert(vi.context.sands - 100_000, 90, LOW_PEER))).toEqual([]); // T10
      expect(vipChangesOf(vi.advert(vi.context.sands - 100_000, 120, HIGH_PEER))).toEqual(['remove']); // T11
      expect(vi.state).toBe('backup');
    });

    it('are not added by the other ways into the Transition step (T3, T14, T17)', () => {
      const t3 = started(V12, { state: 'MASTER' });
      expect(vipChangesOf(t3.advert(T0 + 100_000, 120))).toEqual([]);
      const t14 = started(V12, { priority: 100 });
      t14.tracker(T0 + 100_000, 0, 'down');
      t14.timer();
      t14.tracker(T0 + MDI_100 + 100_000, 0, 'up');
      expect(vipChangesOf(t14.advert(T0 + MDI_100 + 200_000, 90, LOW_PEER))).toEqual([]);
      expect(t14.state).toBe('master.transition');
      const t17 = started(V12, { state: 'MASTER' });
      t17.tracker(T0 + 100_000, 0, 'down');
      t17.timer();
      t17.tracker(T0 + A + 100_000, 0, 'up');
      expect(vipChangesOf(t17.timer())).toEqual([]);
      expect(t17.state).toBe('master.transition');
    });
  });
});

// ================================================================================================
describe('keepalived 2.2.7', () => {
  // ----------------------------------------------------------------------------------------------
  describe('INIT (start-up)', () => {
    it('U1: an owner with `state MASTER` enters BACKUP silently with a 1 µs deadline, then MASTER at that timer', () => {
      const vi = new Instance(V22, instanceConfig({ state: 'MASTER', priority: 255 }));
      const effects = vi.start(T0);
      expect(vi.state).toBe('backup');
      expect(logsOf(effects)).toEqual([]);
      expect(advertsOf(effects)).toEqual([]);
      expect(vipChangesOf(effects)).not.toContain('add');
      expect(vi.context.msDownTimerUs).toBe(1);
      expect(vi.context.sands).toBe(T0 + 1);
      const takeover = vi.timer();
      expect(vi.state).toBe('master.active');
      expect(logKeysOf(takeover)).toEqual(['advert-timeout', 'entering-master']);
      expect(advertsOf(takeover)).toEqual([255]);
      expect(vipChangesOf(takeover)).toEqual(['add']);
      expect(vi.context.sands).toBe(T0 + 1 + A + LAG_22);
    });

    it('U2: a non-owner with `state MASTER` still starts BACKUP "(init)" with a full master-down of its effective priority', () => {
      const vi = new Instance(
        V22,
        instanceConfig({ state: 'MASTER', priority: 100, trackers: [trackedInterface('eth1', 5)] }),
      );
      const effects = vi.start(T0, ['up', 'up']);
      expect(vi.state).toBe('backup');
      expect(logsOf(effects)).toEqual([{ msg: 'entering-backup', init: true }]);
      expect(advertsOf(effects)).toEqual([]);
      expect(vi.context.effectivePriority).toBe(105);
      expect(vi.context.msDownTimerUs).toBe(MDI_105);
      expect(vi.context.sands).toBe(T0 + MDI_105);
    });

    it('U2: trackers known at start (an init_fail script with a negative weight) count at once', () => {
      const vi = new Instance(V22, instanceConfig({ priority: 100, trackers: [script('chk', -20)] }));
      const effects = vi.start(T0, ['up', 'down']);
      expect(vi.state).toBe('backup');
      expect(logsOf(effects)).toEqual([{ msg: 'entering-backup', init: true }]);
      expect(vi.context.effectivePriority).toBe(80);
      expect(vi.context.sands).toBe(T0 + MDI_80);
    });

    it('U3: a weight-0 script without a result holds it in a silent FAULT without deadline; its first success → BACKUP with a non-init "Entering BACKUP STATE"', () => {
      const vi = new Instance(V22, instanceConfig({ trackers: [script('chk', 0)] }));
      const effects = vi.start(T0, ['up', 'init']);
      expect(vi.state).toBe('fault');
      expect(logsOf(effects)).toEqual([]);
      expect(advertsOf(effects)).toEqual([]);
      expect(vi.context.sands).toBe(NO_DEADLINE);
      const now = T0 + 100_000;
      const up = vi.tracker(now, 1, 'up');
      expect(vi.state).toBe('backup');
      expect(logsOf(up)).toEqual([{ msg: 'entering-backup' }]);
      expect(advertsOf(up)).toEqual([]);
      expect(vi.context.sands).toBe(now + MDI_100);
    });

    it('U3: a first failure keeps it in FAULT, still silently', () => {
      const vi = new Instance(V22, instanceConfig({ trackers: [script('chk', 0)] }));
      vi.start(T0, ['up', 'init']);
      const effects = vi.tracker(T0 + 100_000, 1, 'down');
      expect(vi.state).toBe('fault');
      expect(logsOf(effects)).toEqual([]);
      expect(advertsOf(effects)).toEqual([]);
      expect(vi.context.sands).toBe(NO_DEADLINE);
    });

    it('U3b: a weight-0 interface down at start: FAULT with the fault-at-start log, no deadline', () => {
      const vi = new Instance(V22, instanceConfig());
      const effects = vi.start(T0, ['down']);
      expect(vi.state).toBe('fault');
      // initialise_tracking_priorities logs the cause, vrrp_complete_init then "entering FAULT state"
      expect(logsOf(effects)).toEqual([
        { msg: 'fault-at-start', cause: 'interface', tracker: 'eth0' },
        { msg: 'entering-fault-at-start' },
      ]);
      expect(advertsOf(effects)).toEqual([]);
      expect(vi.context.sands).toBe(NO_DEADLINE);
    });

    it('U3b: a weight-0 init_fail script: FAULT "due to script"', () => {
      const vi = new Instance(V22, instanceConfig({ trackers: [script('chk', 0)] }));
      const effects = vi.start(T0, ['up', 'down']);
      expect(vi.state).toBe('fault');
      expect(logsOf(effects)).toEqual([
        { msg: 'fault-at-start', cause: 'script', tracker: 'chk' },
        { msg: 'entering-fault-at-start' },
      ]);
      expect(vi.context.sands).toBe(NO_DEADLINE);
    });

    it('U3b + U9: an owner that starts in FAULT (interface down) comes back as BACKUP, not MASTER', () => {
      const vi = new Instance(V22, instanceConfig({ state: 'MASTER', priority: 255 }));
      vi.start(T0, ['down']);
      expect(vi.state).toBe('fault');
      const now = T0 + 2 * SECOND;
      const effects = vi.tracker(now, 0, 'up');
      expect(vi.state).toBe('backup');
      expect(logsOf(effects)).toEqual([{ msg: 'entering-backup' }]);
      expect(advertsOf(effects)).toEqual([]);
      expect(vi.context.sands).toBe(now + MDI_255);
    });

    it('U3 + U9: an owner whose weight-0 script first fails, then succeeds, comes back as BACKUP, not MASTER', () => {
      const vi = new Instance(V22, instanceConfig({ state: 'MASTER', priority: 255, trackers: [script('chk', 0)] }));
      vi.start(T0, ['up', 'init']);
      vi.tracker(T0 + 100_000, 1, 'down');
      expect(vi.state).toBe('fault');
      const now = T0 + 1_100_000;
      const effects = vi.tracker(now, 1, 'up');
      expect(vi.state).toBe('backup');
      expect(logsOf(effects)).toEqual([{ msg: 'entering-backup' }]);
      expect(vi.context.sands).toBe(now + MDI_255);
    });
  });

  // ----------------------------------------------------------------------------------------------
  describe('BACKUP', () => {
    const backup = (options: Parameters<typeof started>[1] = {}, trackers?: Parameters<typeof started>[2]) =>
      started(V22, { priority: 100, ...options }, trackers);

    it('U4: the master-down deadline: MASTER at once, "Entering MASTER STATE" (after the -D timeout line), advert, VIPs', () => {
      const vi = backup();
      const effects = vi.timer();
      expect(vi.state).toBe('master.active');
      expect(logKeysOf(effects)).toEqual(['advert-timeout', 'entering-master']);
      expect(advertsOf(effects)).toEqual([100]);
      expect(vipChangesOf(effects)).toEqual(['add']);
      expect(vi.context.sands).toBe(T0 + MDI_100 + A + LAG_22);
    });

    it('U4 (order): the advert goes out before "Entering MASTER STATE" is logged', () => {
      const vi = backup();
      expect(vi.timer()).toEqual([
        log({ msg: 'advert-timeout' }),
        send(100),
        log({ msg: 'entering-master' }),
        ADD_VIPS,
      ]);
    });

    it('U10: a higher or equal advert is accepted and restarts the full master-down of the effective priority; equal priority is never tie-broken', () => {
      const vi = backup({ trackers: [trackedInterface('eth1', 5)] }, ['up', 'up']);
      expect(vi.context.effectivePriority).toBe(105);
      let now = T0 + SECOND;
      expect(vi.advert(now, 120, LOW_PEER)).toEqual([]);
      expect(vi.context.sands).toBe(now + MDI_105);
      now += 700_000;
      expect(vi.advert(now, 105, HIGH_PEER)).toEqual([]);
      expect(vi.context.sands).toBe(now + MDI_105);
      now += 700_000;
      expect(vi.advert(now, 105, LOW_PEER)).toEqual([]);
      expect(vi.state).toBe('backup');
      expect(vi.context.sands).toBe(now + MDI_105);
    });

    it('U10: a lower advert is discarded: logged, the deadline unchanged and the remaining time stored; MASTER when it runs out', () => {
      const vi = backup();
      const now = T0 + SECOND;
      const effects = vi.advert(now, 90, LOW_PEER);
      expect(vi.state).toBe('backup');
      expect(effects).toEqual([log({ msg: 'discarding-lower-advert', from: LOW_PEER.address, priority: 90 })]);
      expect(vi.context.sands).toBe(T0 + MDI_100);
      expect(vi.context.msDownTimerUs).toBe(T0 + MDI_100 - now);
      vi.timer();
      expect(vi.state).toBe('master.active');
    });

    it('U10: a priority-0 advert sets the deadline to now + skew of the EFFECTIVE priority', () => {
      const vi = backup({ trackers: [trackedInterface('eth1', 5)] }, ['up', 'up']);
      const now = T0 + SECOND;
      const effects = vi.advert(now, 0, HIGH_PEER);
      expect(vi.state).toBe('backup');
      expect(logsOf(effects)).toEqual([{ msg: 'backup-received-priority-zero' }]);
      expect(advertsOf(effects)).toEqual([]);
      expect(vi.context.msDownTimerUs).toBe(SKEW_105);
      expect(vi.context.sands).toBe(now + SKEW_105);
    });

    it('§4.4: a tracker change moves the deadline by (new master-down − stored ms_down_timer), without advert or log', () => {
      const vi = backup({ trackers: [trackedInterface('eth1', 10)] }, ['up', 'down']);
      const t1 = T0 + SECOND;
      vi.advert(t1, 120, HIGH_PEER);
      expect(vi.context.sands).toBe(t1 + MDI_100);
      const effects = vi.tracker(t1 + 500_000, 1, 'up');
      expect(vi.state).toBe('backup');
      expect(logsOf(effects)).toEqual([]);
      expect(advertsOf(effects)).toEqual([]);
      expect(vi.context.effectivePriority).toBe(110);
      expect(vi.context.msDownTimerUs).toBe(MDI_110);
      expect(vi.context.sands).toBe(t1 + MDI_110);
    });

    it('§2.2: after a discarded advert the stored value is the remaining time, so a priority change extends the deadline by almost a full master-down', () => {
      const vi = backup({ trackers: [trackedInterface('eth1', 10)] }, ['up', 'down']);
      vi.advert(T0 + SECOND, 90, LOW_PEER); // discarded: stores 2 609 375 µs
      expect(vi.context.msDownTimerUs).toBe(2_609_375);
      vi.tracker(T0 + 1_500_000, 1, 'up');
      // T0 + 3 609 375 + (3 570 312 − 2 609 375)
      expect(vi.context.sands).toBe(T0 + 4_570_312);
      expect(vi.context.msDownTimerUs).toBe(MDI_110);
    });

    it('U8: a weight-0 tracker going down: FAULT at once, "Entering FAULT STATE", no advert, no deadline', () => {
      const vi = backup();
      const effects = vi.tracker(T0 + SECOND, 0, 'down');
      expect(vi.state).toBe('fault');
      expect(logsOf(effects)).toEqual([{ msg: 'entering-fault' }]);
      expect(advertsOf(effects)).toEqual([]);
      expect(vipChangesOf(effects)).not.toContain('add');
      expect(vi.context.sands).toBe(NO_DEADLINE);
    });

    it('§3.2 preempt_delay: the clock starts at the first lower advert, which is accepted (full master-down)', () => {
      const vi = backup({ preemptDelayUs: 5 * SECOND });
      const t1 = T0 + SECOND;
      const effects = vi.advert(t1, 90, LOW_PEER);
      expect(vi.state).toBe('backup');
      expect(effects).toEqual([log({ msg: 'preempt-delay-start', delayUs: 5 * SECOND })]);
      expect(vi.context.preemptTimeUs).toBe(t1 + PREEMPT_LAG_22 + 5 * SECOND);
      expect(vi.context.sands).toBe(t1 + MDI_100);
    });

    it('§3.2 preempt_delay: lower adverts are accepted while preempt_time is later than now (an advert exactly preempt_delay after the first too) and discarded from then on, then MASTER at the deadline', () => {
      const vi = backup({ preemptDelayUs: 5 * SECOND });
      const t1 = T0 + SECOND;
      vi.advert(t1, 90, LOW_PEER);
      for (let k = 1; k <= 5; k++) {
        const now = t1 + k * SECOND;
        expect(vi.advert(now, 90, LOW_PEER)).toEqual([]);
        expect(vi.context.sands).toBe(now + MDI_100);
      }
      const end = t1 + PREEMPT_LAG_22 + 5 * SECOND;
      expect(vi.advert(end - 1, 90, LOW_PEER)).toEqual([]);
      expect(vi.advert(end, 90, LOW_PEER)).toEqual([
        log({ msg: 'discarding-lower-advert', from: LOW_PEER.address, priority: 90 }),
      ]);
      expect(vi.context.sands).toBe(end - 1 + MDI_100);
      expect(vi.context.msDownTimerUs).toBe(end - 1 + MDI_100 - end);
      vi.timer();
      expect(vi.state).toBe('master.active');
    });

    it('§3.2 preempt_delay: an equal or higher advert stops the clock; the next lower advert starts it afresh', () => {
      const vi = backup({ preemptDelayUs: 5 * SECOND });
      const t1 = T0 + SECOND;
      vi.advert(t1, 90, LOW_PEER);
      const t2 = t1 + SECOND;
      expect(vi.advert(t2, 100, HIGH_PEER)).toEqual([log({ msg: 'preempt-delay-stop' })]);
      expect(vi.context.preemptTimeUs).toBe(0);
      expect(vi.context.sands).toBe(t2 + MDI_100);
      const t3 = t2 + SECOND;
      expect(vi.advert(t3, 90, LOW_PEER)).toEqual([log({ msg: 'preempt-delay-start', delayUs: 5 * SECOND })]);
      expect(vi.context.preemptTimeUs).toBe(t3 + PREEMPT_LAG_22 + 5 * SECOND);
      expect(vi.context.sands).toBe(t3 + MDI_100);
    });

    it('§3.1 nopreempt: lower adverts are accepted (full master-down restart, nothing logged)', () => {
      const vi = backup({ nopreempt: true });
      const now = T0 + SECOND;
      expect(vi.advert(now, 90, LOW_PEER)).toEqual([]);
      expect(vi.state).toBe('backup');
      expect(vi.context.sands).toBe(now + MDI_100);
    });
  });

  // ----------------------------------------------------------------------------------------------
  describe('MASTER', () => {
    /** BACKUP at T0, MASTER (U4) at T0 + master-down; returns the instance in master.active. */
    const master = (options: Parameters<typeof started>[1] = {}) => {
      const vi = started(V22, { priority: 100, ...options });
      vi.timer();
      expect(vi.state).toBe('master.active');
      return vi;
    };
    const tMaster = T0 + MDI_100;
    /** Owner: U1, MASTER at T0 + 1 µs. */
    const ownerMaster = (options: Parameters<typeof started>[1] = {}, trackers?: Parameters<typeof started>[2]) => {
      const vi = started(V22, { state: 'MASTER', priority: 255, ...options }, trackers);
      vi.timer();
      expect(vi.state).toBe('master.active');
      return vi;
    };

    it('U5: each advert interval it sends one advert at its effective priority, nothing else', () => {
      const vi = master();
      expect(vi.timer()).toEqual([send(100)]);
      expect(vi.state).toBe('master.active');
      expect(vi.context.sands).toBe(tMaster + 2 * (A + LAG_22));
    });

    it('U6: a higher advert: "Master received advert … with higher priority", Entering BACKUP STATE, VIPs removed, no last advert', () => {
      const vi = master();
      const now = tMaster + 400_000;
      const effects = vi.advert(now, 120, LOW_PEER);
      expect(vi.state).toBe('backup');
      expect(effects).toEqual([
        log({ msg: 'higher-priority-advert', from: LOW_PEER.address, priority: 120, ours: 100 }),
        log({ msg: 'entering-backup' }),
        REMOVE_VIPS,
      ]);
      expect(vi.context.sands).toBe(now + MDI_100);
    });

    it('U6: equal priority from a higher address: the "same priority … but higher IP address" log, BACKUP, no last advert', () => {
      const vi = master();
      const now = tMaster + 400_000;
      const effects = vi.advert(now, 100, HIGH_PEER);
      expect(vi.state).toBe('backup');
      expect(effects).toEqual([
        log({ msg: 'same-priority-higher-address', from: HIGH_PEER.address, priority: 100 }),
        log({ msg: 'entering-backup' }),
        REMOVE_VIPS,
      ]);
      expect(vi.context.sands).toBe(now + MDI_100);
    });

    it('U7: a lower advert: stays MASTER, "Received advert … with lower priority …, forcing new election", re-advertises, advert timer restarted', () => {
      const vi = master();
      const now = tMaster + 400_000;
      const effects = vi.advert(now, 90, HIGH_PEER);
      expect(vi.state).toBe('master.active');
      expect(effects).toEqual([
        log({ msg: 'lower-priority-advert', from: HIGH_PEER.address, priority: 90, ours: 100 }),
        send(100),
      ]);
      expect(vi.context.sands).toBe(now + A);
    });

    it('U7: equal priority from a LOWER address counts as lower', () => {
      const vi = master();
      const now = tMaster + 400_000;
      const effects = vi.advert(now, 100, LOW_PEER);
      expect(vi.state).toBe('master.active');
      expect(effects).toEqual([
        log({ msg: 'lower-priority-advert', from: LOW_PEER.address, priority: 100, ours: 100 }),
        send(100),
      ]);
      expect(vi.context.sands).toBe(now + A);
    });

    it('U7b: a priority-0 advert: re-advertises at once with only the -D detail line', () => {
      const vi = master();
      const now = tMaster + 400_000;
      const effects = vi.advert(now, 0, LOW_PEER);
      expect(vi.state).toBe('master.active');
      expect(effects).toEqual([send(100), log({ msg: 'master-received-priority-zero' })]);
      expect(vi.context.sands).toBe(now + A);
    });

    it('U7c: two owners: the receiver logs the configuration error, steps down to 254 and goes BACKUP', () => {
      const vi = ownerMaster();
      const now = T0 + 1 + 400_000;
      const effects = vi.advert(now, 255, LOW_PEER);
      expect(vi.state).toBe('backup');
      expect(logsOf(effects)).toEqual([
        { msg: 'two-owners' },
        { msg: 'higher-priority-advert', from: LOW_PEER.address, priority: 255, ours: 254 },
        { msg: 'entering-backup' },
      ]);
      expect(advertsOf(effects)).toEqual([]);
      expect(vipChangesOf(effects)).toEqual(['remove']);
      expect(vi.context.basePriority).toBe(254);
      expect(vi.context.effectivePriority).toBe(254);
      expect(vi.context.sands).toBe(now + MDI_254);
    });

    it('U8: a weight-0 tracker going down: "Entering FAULT STATE", priority-0 advert, VIPs removed, FAULT without deadline', () => {
      const vi = master();
      const effects = vi.tracker(tMaster + 400_000, 0, 'down');
      expect(vi.state).toBe('fault');
      expect(logsOf(effects)[0]).toEqual({ msg: 'entering-fault' });
      const adverts = advertsOf(effects);
      expect(adverts.length).toBeGreaterThan(0);
      expect(adverts.every((priority) => priority === 0)).toBe(true);
      expect(vipChangesOf(effects)).toEqual(['remove']);
      expect(vi.context.sands).toBe(NO_DEADLINE);
    });

    it('U8: from MASTER it sends two priority-0 adverts and logs the -D "sent 0 priority" line', () => {
      const vi = master();
      const effects = vi.tracker(tMaster + 400_000, 0, 'down');
      expect(effects).toEqual([
        log({ msg: 'entering-fault' }),
        send(0),
        send(0),
        log({ msg: 'sending-priority-zero' }),
        REMOVE_VIPS,
      ]);
    });

    it('U11: stopping the daemon while MASTER: priority-0 advert, VIPs removed, the -D "sent 0 priority" line', () => {
      const vi = master();
      const effects = vi.stop(tMaster + 100_000);
      expect(vi.state).toBe('stopped');
      expect(logsOf(effects)).toEqual([{ msg: 'sending-priority-zero' }]);
      expect(advertsOf(effects)).toEqual([0]);
      expect(vipChangesOf(effects)).toEqual(['remove']);
    });

    it('U11 (order): the priority-0 advert goes out before the "sent 0 priority" line', () => {
      const vi = master();
      expect(vi.stop(tMaster + 100_000)).toEqual([send(0), log({ msg: 'sending-priority-zero' }), REMOVE_VIPS]);
    });

    it('§2.5: weights never change an owner’s priority, but a weight-0 tracker still takes it to FAULT', () => {
      const vi = ownerMaster({ trackers: [trackedInterface('eth1', -50)] }, ['up', 'up']);
      expect(vi.tracker(T0 + 200_000, 1, 'down')).toEqual([]);
      expect(vi.context.effectivePriority).toBe(255);
      expect(vi.timer()).toEqual([send(255)]);
      const effects = vi.tracker(T0 + 1_500_000, 0, 'down');
      expect(vi.state).toBe('fault');
      expect(logKeysOf(effects)[0]).toBe('entering-fault');
      expect(advertsOf(effects)).toContain(0);
      expect(vi.context.sands).toBe(NO_DEADLINE);
    });
  });

  // ----------------------------------------------------------------------------------------------
  describe('FAULT', () => {
    it('§2.3: adverts are ignored, whatever their priority', () => {
      const vi = started(V22, { priority: 100 }, ['down']);
      expect(vi.state).toBe('fault');
      for (const priority of [0, 90, 100, 120, 255]) {
        expect(vi.advert(T0 + SECOND, priority, LOW_PEER)).toEqual([]);
        expect(vi.state).toBe('fault');
        expect(vi.context.sands).toBe(NO_DEADLINE);
      }
    });

    it('U9: the last failing weight-0 tracker recovering: Entering BACKUP STATE (no "(init)"), full master-down of the effective priority', () => {
      const vi = started(V22, { priority: 100, trackers: [trackedInterface('eth1', 5)] }, ['up', 'up']);
      vi.timer(); // U4
      vi.tracker(T0 + MDI_105 + 200_000, 0, 'down'); // U8
      expect(vi.state).toBe('fault');
      const now = T0 + MDI_105 + 900_000;
      const effects = vi.tracker(now, 0, 'up');
      expect(vi.state).toBe('backup');
      expect(logsOf(effects)).toEqual([{ msg: 'entering-backup' }]);
      expect(advertsOf(effects)).toEqual([]);
      expect(vipChangesOf(effects)).not.toContain('add');
      expect(vi.context.sands).toBe(now + MDI_105);
    });

    it('U9: it stays in FAULT while another weight-0 tracker is still down', () => {
      const vi = started(V22, { priority: 100, trackers: [trackedInterface('eth1', 0)] }, ['up', 'up']);
      vi.tracker(T0 + 100_000, 0, 'down');
      expect(vi.state).toBe('fault');
      expect(vi.tracker(T0 + 200_000, 1, 'down')).toEqual([]);
      expect(vi.tracker(T0 + 300_000, 0, 'up')).toEqual([]);
      expect(vi.state).toBe('fault');
      expect(vi.context.sands).toBe(NO_DEADLINE);
      const now = T0 + 400_000;
      expect(logKeysOf(vi.tracker(now, 1, 'up'))).toEqual(['entering-backup']);
      expect(vi.state).toBe('backup');
      expect(vi.context.sands).toBe(now + MDI_100);
    });

    it('U9: an owner still in its start-up phase (U3) goes straight to MASTER: "Entering MASTER STATE", advert, VIPs', () => {
      const vi = new Instance(V22, instanceConfig({ state: 'MASTER', priority: 255, trackers: [script('chk', 0)] }));
      vi.start(T0, ['up', 'init']);
      expect(vi.state).toBe('fault');
      const now = T0 + 100_000;
      const effects = vi.tracker(now, 1, 'up');
      expect(vi.state).toBe('master.active');
      expect(logKeysOf(effects)).toEqual(['entering-master']);
      expect(advertsOf(effects)).toEqual([255]);
      expect(vipChangesOf(effects)).toEqual(['add']);
      expect(vi.context.sands).toBe(now + A);
    });
  });

  // ----------------------------------------------------------------------------------------------
  describe('virtual addresses', () => {
    it('are added only on entering MASTER (U4) and removed when leaving it (U6)', () => {
      const vi = started(V22, { priority: 100 });
      expect(vipChangesOf(vi.timer())).toEqual(['add']); // U4
      expect(vipChangesOf(vi.timer())).toEqual([]); // U5
      expect(vipChangesOf(vi.advert(vi.context.sands - 100_000, 90, LOW_PEER))).toEqual([]); // U7
      expect(vipChangesOf(vi.advert(vi.context.sands - 100_000, 0, LOW_PEER))).toEqual([]); // U7b
      expect(vipChangesOf(vi.advert(vi.context.sands - 100_000, 120, HIGH_PEER))).toEqual(['remove']); // U6
      expect(vi.state).toBe('backup');
    });

    it('are not added by the owner’s silent start-up step (U1) nor by BACKUP advert handling', () => {
      const owner = new Instance(V22, instanceConfig({ state: 'MASTER', priority: 255 }));
      expect(vipChangesOf(owner.start(T0))).not.toContain('add');
      const vi = started(V22, { priority: 100, preemptDelayUs: SECOND });
      for (const priority of [120, 90, 100, 0]) {
        expect(vipChangesOf(vi.advert(T0 + SECOND, priority, LOW_PEER))).not.toContain('add');
      }
    });
  });
});
