import { initialScriptCounter } from '../../model/scriptCounter.ts';
import { NO_DEADLINE } from '../../model/types.ts';
import type { Statics } from './statics.ts';
import { NONE, type World } from './world.ts';

/** Every router stopped, with its interfaces up and its scripts, files and processes as the scenario starts them; nothing pending. */
export function initialWorld(statics: Statics, random: number | null): World {
  return {
    now: 0,
    routers: statics.cluster.routers.map((router) => ({
      running: false,
      startupAt: NONE,
      adminDown: [],
      carrierDown: [],
      isolated: false,
      wakeAt: -1,
      instances: router.instances.map(() => ({
        machine: null,
        state: 'INIT',
        scheduled: NO_DEADLINE,
        deadlineAt: NONE,
        deadlineWoken: NONE,
        tickAt: NONE,
        tickWoken: NONE,
        vipHeld: false,
        vipOwned: false,
      })),
      scripts: router.scripts.map((script) => ({
        counter: initialScriptCounter(script, script.initFail),
        outcome: script.initialOutcome,
        runAt: NONE,
        runWoken: NONE,
        hung: [],
        hungWoken: NONE,
      })),
      groups: router.syncGroups.map(() => 'BACKUP' as const),
      files: router.files.map((file) => file.initialValue),
      processes: router.processes.map((process) => ({
        running: process.initiallyUp,
        up: process.initiallyUp,
        changeAt: NONE,
        changeWoken: NONE,
      })),
    })),
    inFlight: [],
    random,
    wakes: 0,
  };
}
