import fc from 'fast-check';
import type { KeepalivedConf } from '../config/types.ts';
import type { ScenarioEvent } from '../scenario.ts';
import { offsetArbitrary } from './timelineArbitrary.ts';

/** A tracked object fast-check can change besides a script's outcome: a track_file, a tracked process, or a script that hangs. */
export type TrackedObject =
  | { readonly file: string }
  | { readonly process: string }
  | { readonly script: string; readonly hang: true };

/** A change of one tracked object, at a time after its router's start. */
export interface GenTrackerChange {
  readonly target: number;
  readonly atMs: number;
  /** fail: the file's number, the process gone, the script's runs hanging; ok: back. */
  readonly outcome: 'fail' | 'ok';
  /** The number a failing file holds. */
  readonly value: number;
}

/** What a router's other trackers start as and how they change. */
export interface GenTrackers {
  /** Per track_file, the number it starts with. */
  readonly files: readonly number[];
  /** Per tracked process, whether it runs at start. */
  readonly processes: readonly boolean[];
  readonly changes: readonly GenTrackerChange[];
}

/** The objects of a router's config that trackerTimeline varies, in a fixed order. */
export function trackedObjects(conf: KeepalivedConf): TrackedObject[] {
  return [
    ...conf.trackFiles.map((f) => ({ file: f.name })),
    ...conf.trackProcesses.map((p) => ({ process: p.name })),
    ...conf.scripts.map((s) => ({ script: s.name, hang: true as const })),
  ];
}

/**
 * The trackers a router has besides its scripts' outcomes, over time: track_file numbers (0, or a
 * value that a weight turns into a priority change or FAULT), tracked processes going and coming
 * back, and scripts whose runs hang until their timeout.
 */
export function trackerTimeline(conf: KeepalivedConf, spanMs: number): fc.Arbitrary<GenTrackers> {
  const objects = trackedObjects(conf);
  if (objects.length === 0) return fc.constant({ files: [], processes: [], changes: [] });
  const change: fc.Arbitrary<GenTrackerChange> = fc.record({
    target: fc.nat(objects.length - 1),
    atMs: offsetArbitrary(spanMs),
    outcome: fc.constantFrom('fail', 'ok'),
    value: fc.constantFrom(1, 2, 10, 254, -1),
  });
  const files = conf.trackFiles.length;
  const processes = conf.trackProcesses.length;
  return fc.record({
    files: fc.array(fc.oneof({ arbitrary: fc.constant(0), weight: 4 }, { arbitrary: fc.constant(1), weight: 1 }), {
      minLength: files,
      maxLength: files,
    }),
    processes: fc.array(
      fc.oneof({ arbitrary: fc.constant(true), weight: 5 }, { arbitrary: fc.constant(false), weight: 1 }),
      {
        minLength: processes,
        maxLength: processes,
      },
    ),
    // most runs leave them alone: every change is an event, and the claims about a settled
    // cluster need stretches without any
    changes: fc.oneof(
      { arbitrary: fc.constant<GenTrackerChange[]>([]), weight: 3 },
      { arbitrary: fc.array(change, { minLength: 1, maxLength: 2 }), weight: 1 },
    ),
  });
}

/** The scenario events of a router's tracker changes, its start at `startMs`. */
export function trackerEvents(
  router: string,
  conf: KeepalivedConf,
  gen: GenTrackers,
  startMs: number,
): ScenarioEvent[] {
  const objects = trackedObjects(conf);
  return gen.changes.flatMap((c): ScenarioEvent[] => {
    const object = objects[c.target];
    if (object === undefined) return [];
    const at = (startMs + c.atMs) / 1000;
    if ('file' in object) {
      return [{ at, do: c.outcome, router, file: object.file, ...(c.outcome === 'fail' ? { value: c.value } : {}) }];
    }
    if ('process' in object) return [{ at, do: c.outcome, router, process: object.process }];
    return [{ at, do: c.outcome === 'fail' ? 'hang' : 'ok', router, script: object.script }];
  });
}
