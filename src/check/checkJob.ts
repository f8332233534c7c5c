import { type ProfileName, profiles } from '../../model/profiles.ts';
import { createStepper } from '../../model/stepper.ts';
import { allProperties } from '../../properties/index.ts';
import type { Property } from '../../properties/property.ts';
import { type FixedRouter, type FixedValue, fixedClusterSource } from '../arbitraries/fixedClusterSource.ts';
import { parseKeepalivedConf } from '../config/parseKeepalivedConf.ts';
import type { JudgeRunsOptions } from './judgeRuns.ts';

/** A router of a check as plain data: what a worker thread or another machine needs to run it. */
export interface JobRouter {
  readonly name: string;
  readonly address: string;
  readonly file: string;
  readonly configText: string;
}

/**
 * A check of a user's cluster as plain data (JSON), so that worker threads and shards on other
 * machines run exactly the same runs: the routers' configs, the profile, the claims, and the
 * generation parameters.
 */
export interface CheckJob {
  readonly profile: ProfileName;
  readonly properties: readonly string[];
  readonly runs: number;
  readonly seed: number;
  /** Seconds each run goes on after its last event. */
  readonly horizon: number;
  /** Seconds of jitter explored in half the runs; 0: none. */
  readonly jitter: number;
  readonly routers: readonly JobRouter[];
}

export function jobProperties(job: Pick<CheckJob, 'properties'>): Property[] {
  return job.properties.map((name) => {
    const property = allProperties.find((p) => p.name === name);
    if (property === undefined) throw new Error(`unknown property "${name}"`);
    return property;
  });
}

/** What judgeRuns and shrink need for the job, built the same way wherever it runs. */
export function jobOptions(job: CheckJob): JudgeRunsOptions<FixedValue> {
  const routers: FixedRouter[] = job.routers.map((r) => {
    const parsed = parseKeepalivedConf(r.configText, r.file);
    if (!parsed.ok) throw new Error(`${r.file} no longer parses`);
    return { name: r.name, address: r.address, configText: r.configText, conf: parsed.conf };
  });
  return {
    properties: jobProperties(job),
    profile: profiles[job.profile],
    source: fixedClusterSource(routers, job.horizon, job.jitter),
    stepper: createStepper(),
    countTransitions: true,
    seed: job.seed,
    runs: job.runs,
  };
}
