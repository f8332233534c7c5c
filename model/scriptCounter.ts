import type { Semantics } from './profiles.ts';
import type { TrackerStatus } from './types.ts';

/** A `vrrp_script`'s rise/fall counter (keepalived `vscript->result`) and what instances see of it. */
export interface ScriptCounter {
  /** 0..rise+fall−1; good iff ≥ rise. */
  readonly result: number;
  readonly status: TrackerStatus;
  /** Exit status of the previous run (2.2.7 `last_status`, initially 0). */
  readonly lastExit: number;
}

export interface ScriptTiming {
  readonly rise: number;
  readonly fall: number;
}

/** What one run of the script changed. */
export interface ScriptRun {
  readonly counter: ScriptCounter;
  /** The status instances must be told about, or null when it did not change. */
  readonly transition: 'succeeded' | 'failed' | null;
  /** 2.2.7 logs "Script `%s` now returning %d" when the exit status differs from the last run. */
  readonly exitChanged: boolean;
}

/** Before the first run: "one success is enough" (vrrp_init_script); init_fail starts at 0. */
export function initialScriptCounter(timing: ScriptTiming, initFail: boolean): ScriptCounter {
  return initFail
    ? { result: 0, status: 'down', lastExit: 0 }
    : { result: timing.rise - 1, status: 'init', lastExit: 0 };
}

/**
 * One run's exit status applied to the counter: `fall` failures in a row take a good script bad,
 * `rise` successes a bad one good. keepalived vrrp_script_child_thread (1.2.13 and 2.2.7).
 */
export function scriptRan(
  semantics: Semantics,
  timing: ScriptTiming,
  counter: ScriptCounter,
  exitStatus: number,
): ScriptRun {
  const first = counter.status === 'init';
  const top = timing.rise + timing.fall - 1;
  let result = counter.result;
  let transition: ScriptRun['transition'] = null;
  if (exitStatus === 0) {
    if (result < timing.rise - 1) result += 1;
    else {
      if (result < timing.rise) transition = 'succeeded';
      result = top;
    }
  } else if (result > timing.rise) {
    result -= 1;
  } else {
    // 2.2.7 treats a first failure as a transition even though the counter starts below rise
    if (result === timing.rise || (first && semantics.scriptFirstResultIsTransition)) transition = 'failed';
    result = 0;
  }
  let status: TrackerStatus = counter.status;
  if (transition === 'succeeded') status = 'up';
  else if (transition === 'failed') status = 'down';
  else if (first && result < timing.rise) {
    // 1.2.13: a silent first failure; the instance already counted the script as failed
    status = 'down';
  }
  return {
    counter: { result, status, lastExit: exitStatus },
    transition,
    exitChanged: exitStatus !== counter.lastExit,
  };
}
