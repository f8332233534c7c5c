/** A worker thread of `vrrp-check verify --workers N`: it judges the batches of paths it is handed. */
import { parentPort, workerData } from 'node:worker_threads';
import { type ProfileName, profiles } from '../../model/profiles.ts';
import { createStepper } from '../../model/stepper.ts';
import { jobProperties } from '../check/checkJob.ts';
import type { Scenario } from '../scenario.ts';
import { judgePaths } from './judgePaths.ts';

const { profile, properties } = workerData as { profile: ProfileName; properties: string[] };
const claims = jobProperties({ properties });
const stepper = createStepper();

parentPort?.on('message', (scenarios: Scenario[]) => {
  parentPort?.postMessage(judgePaths(scenarios, profiles[profile], claims, stepper));
});
