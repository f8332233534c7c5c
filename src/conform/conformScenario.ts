// Drives real processes in real time: runs one scenario on real keepalived and compares it with the model.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProfileName } from '../../model/profiles.ts';
import { formatConfError } from '../config/types.ts';
import { quoteText } from '../escapeText.ts';
import type { PreparedScenario } from '../loadScenario.ts';
import type { Cleanup } from './cleanup.ts';
import { harnessOrder } from './harnessOrder.ts';
import { type Judgement, judgeCapture } from './judgeCapture.ts';
import type { KeepalivedVersion } from './keepalivedVersion.ts';
import { LiveRouters } from './liveRouters.ts';
import type { AppliedEvent } from './measuredReplay.ts';
import { type CapturedLine, formatMergedLog } from './mergedLog.ts';
import { Aborted, RealClock } from './realClock.ts';
import { LanError, type LanRouterSpec, TestLan } from './testLan.ts';
import { WireCapture } from './wireCapture.ts';
import { writeConformConf } from './writeConformConf.ts';

/** The scenario cannot be run live: one line saying why. */
export class CannotRun extends Error {}

export interface ConformOptions {
  /** The keepalived program. */
  readonly keepalived: string;
  readonly version: KeepalivedVersion;
  /** Seconds either way. */
  readonly tolerance: number;
  /** Names of this scenario's namespaces start with it (`vck<pid>-<n>-`). */
  readonly prefix: string;
  readonly cleanup: Cleanup;
  /** Aborted by SIGINT/SIGTERM. */
  readonly signal: AbortSignal;
  /** A name for the HARNESS T0 line. */
  readonly name: string;
}

export interface ConformRun extends Judgement {
  /** The capture, in the recordings' merged.log format. */
  readonly mergedLog: string;
  /** The scenario's events in the order and at the times the harness applied them. */
  readonly applied: readonly AppliedEvent[];
  readonly warnings: readonly string[];
  /** The keepalived.conf each router ran, as written to the run directory. */
  readonly configs: readonly { readonly router: string; readonly text: string }[];
  /** Wall-clock seconds the live part took. */
  readonly seconds: number;
}

/** Events carried out by running `ip` or `bridge` (a few ms); the others are a signal or a file. */
const COMMAND_EVENTS: ReadonlySet<string> = new Set(['linkdown', 'linkup', 'cut', 'uncut', 'isolate', 'rejoin']);

/** An event applied later than this (ms) is reported: the comparison may then see a race the model does not. */
const LATE_MS = 10;

/** Seconds a run may take beyond the scenario's `until` before it is cut short. */
export const HARD_CAP_EXTRA_SECONDS = 15;

function lanSpecs(prepared: PreparedScenario): LanRouterSpec[] {
  const { cluster, scenario } = prepared;
  return cluster.routers.map((router, r) => {
    const lan = router.lanInterface;
    router.instances.forEach(({ config }, i) => {
      if (config.interface !== lan) {
        // the instance's place in its config, where the parser has it
        const pos = prepared.confs[r]?.instances[i]?.pos;
        const where = pos === undefined ? '' : `${pos.file}:${pos.line}:${pos.col}: `;
        throw new CannotRun(
          `${where}router ${router.name}: instance ${quoteText(config.name)} is on ${quoteText(config.interface)}, not ${quoteText(lan)}; conform puts one LAN interface per router`,
        );
      }
    });
    // each name was checked where it was read: tracked interfaces by writeConformConf, event
    // interfaces by the scenario's validation
    const others = new Set<string>();
    for (const { config } of router.instances) {
      for (const tracker of config.trackers)
        if (tracker.kind === 'interface' && tracker.name !== lan) others.add(tracker.name);
    }
    for (const event of scenario.events) {
      if (event.router === router.name && event.interface !== undefined && event.interface !== lan) {
        others.add(event.interface);
      }
    }
    if (others.has('lo'))
      throw new CannotRun(`router ${router.name}: an event names "lo", which conform cannot create`);
    return { name: router.name, address: router.address, lanInterface: lan, otherInterfaces: [...others].sort() };
  });
}

/**
 * The keepalived.conf of each router, written by writeConformConf from the parsed config (never
 * the user's text); a config it cannot write safely stops the run with its place in the file.
 */
function conformConfigs(
  prepared: PreparedScenario,
  runDir: string,
  profile: ProfileName,
): { router: string; text: string }[] {
  return prepared.cluster.routers.map((router, i) => {
    const conf = prepared.confs[i];
    if (conf === undefined) throw new CannotRun(`router ${router.name} has no config`);
    const written = writeConformConf(conf, { router: router.name, runDir, profile });
    if (!written.ok) throw new CannotRun(formatConfError(written.error));
    return { router: router.name, text: written.text };
  });
}

/**
 * Runs a scenario on real keepalived, one daemon per router in its own network namespace, the
 * events applied at their times from T0, and compares the capture with the model's trace for the
 * version's profile. keepalived gets only configs that conform writes itself from the modelled
 * configuration, each vrrp_script a test of a flag file (writeConformConf): no command of the
 * user's is ever run. Cleans up after itself in every case.
 */
export async function conformScenario(prepared: PreparedScenario, options: ConformOptions): Promise<ConformRun> {
  const { cluster, scenario } = prepared;
  const profile = options.version.profile;
  // every config is checked before anything is created: a refusal leaves nothing behind
  const base = tmpdir();
  conformConfigs(prepared, join(base, `${options.prefix}XXXXXX`), profile);
  const specs = lanSpecs(prepared);
  const warnings: string[] = [];
  if (scenario.jitter !== undefined) {
    warnings.push("the scenario's jitter is not used: the model predicts with its fixed tie-break");
  }
  const lines: CapturedLine[] = [];
  const configs: { router: string; text: string }[] = [];
  const applied: AppliedEvent[] = [];
  const signal = AbortSignal.any([
    options.signal,
    AbortSignal.timeout(Math.ceil((scenario.until + HARD_CAP_EXTRA_SECONDS) * 1000)),
  ]);
  const started = process.hrtime.bigint();
  const runDir = mkdtempSync(join(base, options.prefix));
  chmodSync(runDir, 0o755);
  let clock: RealClock | null = null;
  const now = () => clock?.now() ?? 0;
  const log = (source: string, text: string, t = now()) =>
    lines.push({ t, source, text: text.split(runDir).join('$RUN') });
  const lan = new TestLan(options.prefix, specs);
  const live = new LiveRouters(
    {
      lan,
      cleanup: options.cleanup,
      keepalived: options.keepalived,
      profile: options.version.profile,
      runDir,
      signal,
      log,
      now,
      warn: (text) => {
        warnings.push(text);
        log('HARNESS', `SKIP ${text}`);
      },
    },
    cluster.routers,
  );
  let capture: WireCapture | null = null;
  try {
    for (const { router, text } of conformConfigs(prepared, runDir, profile)) {
      writeFileSync(join(runDir, `${router}.conf`), text);
      configs.push({ router, text: text.split(runDir).join('$RUN') });
    }
    live.writeInitialFlags();
    try {
      await lan.create();
    } catch (error) {
      if (error instanceof LanError) throw new CannotRun(error.message);
      throw error;
    }
    const wire = new WireCapture({
      ns: lan.lanNs,
      bridge: lan.bridge,
      onPacket: (seconds, micros, text) => {
        if (clock !== null) lines.push({ t: clock.fromEpoch(seconds, micros), source: 'WIRE', text });
      },
    });
    capture = wire;
    options.cleanup.track(wire.pid, 'tcpdump');
    const notReady = await wire.ready(signal);
    if (notReady !== null) throw new CannotRun(notReady);

    const t0 = new RealClock();
    clock = t0;
    log(
      'HARNESS',
      `T0 scenario ${options.name}${scenario.description === undefined ? '' : `: ${scenario.description}`}`,
    );
    log(
      'HARNESS',
      `routers: ${cluster.routers.map((r) => `${r.name}=${r.address}`).join(' ')} keepalived: ${options.version.banner}`,
    );
    for (const event of harnessOrder(scenario.events, scenario.until)) {
      await t0.sleepUntil(event.at, signal);
      const t = t0.now();
      await live.apply(event);
      // an ip/bridge command takes effect while it runs: its end is the better estimate
      applied.push({ event, t: COMMAND_EVENTS.has(event.do) ? t0.now() : t });
      const lateMs = (t - event.at) * 1000;
      if (lateMs > LATE_MS) {
        warnings.push(`${event.do} ${event.router} at ${event.at} s was applied ${lateMs.toFixed(0)} ms late`);
      }
    }
    await t0.sleepUntil(scenario.until, signal);
    log('HARNESS', 'EVENT end');
  } catch (error) {
    if (error instanceof Aborted || signal.aborted) {
      const reason = options.signal.aborted
        ? String(options.signal.reason)
        : `the run took longer than until + ${HARD_CAP_EXTRA_SECONDS} s`;
      throw new Aborted(reason);
    }
    throw error;
  } finally {
    log('HARNESS', 'TEARDOWN: SIGKILL to all keepalived, then stop capture, delete namespaces');
    await live.finish();
    if (capture !== null) {
      await capture.stop();
      options.cleanup.untrack(capture.pid);
    }
    const problems = await options.cleanup.run();
    rmSync(runDir, { recursive: true, force: true });
    for (const problem of problems) warnings.push(`clean-up: ${problem}`);
  }
  const mergedLog = formatMergedLog(lines);
  const judged = judgeCapture(prepared, { mergedLog, lines, applied }, options.version.profile, options.tolerance);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { ...judged, mergedLog, applied, warnings, configs, seconds };
}
