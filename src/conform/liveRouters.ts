// Drives real processes in real time: applies a scenario's events to real keepalived daemons.
import { rmSync, writeFileSync } from 'node:fs';
import type { ProfileName } from '../../model/profiles.ts';
import type { RouterSpec } from '../cluster.ts';
import type { ScenarioEvent } from '../scenario.ts';
import type { Cleanup } from './cleanup.ts';
import { flagPath } from './flagFile.ts';
import { keepalivedCommandLine } from './keepalivedCommandLine.ts';
import { KeepalivedProcess } from './keepalivedProcess.ts';
import { LanError, type TestLan } from './testLan.ts';

interface LiveRouter {
  readonly spec: RouterSpec;
  process: KeepalivedProcess | null;
  starts: number;
  isolated: boolean;
  /** Interfaces set down inside the router (linkdown), and cut from the far end (cut). */
  readonly adminDown: Set<string>;
  readonly cut: Set<string>;
}

export interface LiveSetup {
  readonly lan: TestLan;
  readonly cleanup: Cleanup;
  readonly keepalived: string;
  readonly profile: ProfileName;
  /** The run's directory: configs, flag files, pid files. */
  readonly runDir: string;
  readonly signal: AbortSignal;
  /** A router's log line or a HARNESS line, stamped on arrival unless `t` is given. */
  readonly log: (source: string, text: string, t?: number) => void;
  /** Seconds since T0. */
  readonly now: () => number;
  /** Something that could not be done as the scenario asks. */
  readonly warn: (text: string) => void;
}

const VALID_IFNAME = /^[A-Za-z0-9_.-]{1,15}$/;

/** The routers of a live run and the scenario's events applied to them. */
export class LiveRouters {
  private readonly routers = new Map<string, LiveRouter>();
  /** Background work (re-isolating a port after its carrier came back), awaited at the end. */
  private readonly pending: Promise<void>[] = [];
  /** Every daemon started, stopped ones included (2.2.7 takes a second to exit after SIGTERM). */
  private readonly processes: KeepalivedProcess[] = [];

  constructor(
    private readonly setup: LiveSetup,
    specs: readonly RouterSpec[],
  ) {
    for (const spec of specs) {
      this.routers.set(spec.name, {
        spec,
        process: null,
        starts: 0,
        isolated: false,
        adminDown: new Set(),
        cut: new Set(),
      });
    }
  }

  /** Creates the flag file of each script that starts out succeeding (the scenario's `scripts`). */
  writeInitialFlags(): void {
    for (const router of this.routers.values()) {
      for (const script of router.spec.scripts) {
        if (script.initialOutcome === 'ok') this.setFlag(router.spec.name, script.name, true);
      }
    }
  }

  private setFlag(router: string, script: string, present: boolean): void {
    const path = flagPath(this.setup.runDir, router, script);
    if (present) writeFileSync(path, '');
    else rmSync(path, { force: true });
  }

  private carrierExpected(router: LiveRouter): boolean {
    const lan = router.spec.lanInterface;
    return !router.adminDown.has(lan) && !router.cut.has(lan);
  }

  /** After the LAN carrier of an isolated router returns, its bridge port must be disabled again. */
  private reisolate(router: LiveRouter): void {
    if (!router.isolated || !this.carrierExpected(router)) return;
    const work = this.setup.lan
      .keepIsolated(router.spec.name, () => router.isolated, this.setup.signal)
      .catch((error: unknown) => {
        if (error instanceof LanError) this.setup.warn(`${router.spec.name}: ${error.message}`);
      });
    this.pending.push(work);
  }

  /** Applies one event now; what cannot be done is warned about and skipped. */
  async apply(event: ScenarioEvent): Promise<void> {
    const router = this.routers.get(event.router);
    if (router === undefined) return;
    const name = router.spec.name;
    const { lan, log } = this.setup;
    const iface = event.interface ?? router.spec.lanInterface;
    try {
      switch (event.do) {
        case 'start': {
          if (router.process !== null) {
            this.setup.warn(`${name} is already running: start skipped`);
            return;
          }
          const t = this.setup.now();
          router.starts++;
          const tag = router.starts === 1 ? name : `${name}-${router.starts}`;
          const dir = this.setup.runDir;
          const args = keepalivedCommandLine(this.setup.profile, name, {
            conf: `${dir}/${name}.conf`,
            pid: `${dir}/${tag}.ka.pid`,
            vrrpPid: `${dir}/${tag}.vrrp.pid`,
            checkersPid: `${dir}/${tag}.chk.pid`,
            bfdPid: `${dir}/${tag}.bfd.pid`,
          });
          const ns = lan.routerNs(name);
          const process = new KeepalivedProcess({
            binary: this.setup.keepalived,
            ns,
            args,
            onLine: (text) => log(name, text),
          });
          this.setup.cleanup.track(process.pid, `keepalived ${name}`);
          void process.exited.then(() => this.setup.cleanup.untrack(process.pid));
          this.processes.push(process);
          router.process = process;
          log('HARNESS', `EVENT start ${name} (pid ${process.pid ?? '?'}, ns ${ns})`, t);
          return;
        }
        case 'stop':
        case 'kill': {
          const process = router.process;
          if (process === null) {
            this.setup.warn(`${name} is not running: ${event.do} skipped`);
            return;
          }
          log('HARNESS', `EVENT ${event.do} ${name} (${event.do === 'stop' ? 'SIGTERM' : 'SIGKILL'})`);
          if (event.do === 'stop') process.stop();
          else process.kill();
          router.process = null;
          return;
        }
        case 'fail':
        case 'ok': {
          const script = event.script ?? router.spec.scripts[0]?.name;
          if (script === undefined) {
            this.setup.warn(`${name} has no vrrp_script: ${event.do} skipped`);
            return;
          }
          this.setFlag(name, script, event.do === 'ok');
          const what =
            event.do === 'ok' ? 'flag created: track script now succeeds' : 'flag removed: track script now fails';
          log('HARNESS', `EVENT ${event.do} ${name} (${script} ${what})`);
          return;
        }
        case 'linkdown':
        case 'linkup':
        case 'cut':
        case 'uncut': {
          if (!VALID_IFNAME.test(iface)) {
            this.setup.warn(`${name}: "${iface}" cannot be an interface name: ${event.do} skipped`);
            return;
          }
          const up = event.do === 'linkup' || event.do === 'uncut';
          log('HARNESS', `EVENT ${event.do} ${name} ${iface}`);
          if (event.do === 'linkdown' || event.do === 'linkup') {
            await lan.setLink(name, iface, up);
            if (up) router.adminDown.delete(iface);
            else router.adminDown.add(iface);
          } else {
            await lan.setCarrier(name, iface, up);
            if (up) router.cut.delete(iface);
            else router.cut.add(iface);
          }
          if (up && iface === router.spec.lanInterface) this.reisolate(router);
          return;
        }
        case 'isolate':
        case 'rejoin': {
          log(
            'HARNESS',
            `EVENT ${event.do} ${name} (bridge port ${lan.port(name)} ${event.do === 'isolate' ? 'disabled' : 'forwarding'})`,
          );
          router.isolated = event.do === 'isolate';
          // a port without carrier is disabled anyway; the carrier's return re-enables it
          if (router.isolated || this.carrierExpected(router)) await lan.setPort(name, !router.isolated);
          return;
        }
      }
    } catch (error) {
      if (!(error instanceof LanError)) throw error;
      this.setup.warn(`${name}: ${event.do} failed: ${error.message}`);
    }
  }

  /** Ends every daemon silently (as a kill) and waits for the background work. */
  async finish(): Promise<void> {
    for (const process of this.processes) process.kill();
    for (const router of this.routers.values()) router.process = null;
    await Promise.allSettled(this.pending);
  }
}
