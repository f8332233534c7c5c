import { advertisedPriorityFollowsTrackers } from './advertisedPriorityFollowsTrackers.ts';
import { advertisedPriorityInRange } from './advertisedPriorityInRange.ts';
import { aMasterIsElected } from './aMasterIsElected.ts';
import { backupIgnoresFailedCheck } from './backupIgnoresFailedCheck.ts';
import { delayedPreemptionHappens } from './delayedPreemptionHappens.ts';
import { equalMastersMeet } from './equalMastersMeet.ts';
import { failedTrackerMovesVip } from './failedTrackerMovesVip.ts';
import { failoverHappens } from './failoverHappens.ts';
import { faultEndsOnRecovery } from './faultEndsOnRecovery.ts';
import { firstAdvertCarriesWeight } from './firstAdvertCarriesWeight.ts';
import { firstAdvertIgnoresTrackers } from './firstAdvertIgnoresTrackers.ts';
import { highestPriorityWins } from './highestPriorityWins.ts';
import { masterAdvertisesEveryInterval } from './masterAdvertisesEveryInterval.ts';
import { masterResigns } from './masterResigns.ts';
import { nopreemptIgnoredUnderStateMaster } from './nopreemptIgnoredUnderStateMaster.ts';
import { nopreemptRespected } from './nopreemptRespected.ts';
import { nopreemptRouterOutranksMaster } from './nopreemptRouterOutranksMaster.ts';
import { preemptDelayWaited } from './preemptDelayWaited.ts';
import { preemptionHappens } from './preemptionHappens.ts';
import type { Property } from './property.ts';
import { resigningMasterReplaced } from './resigningMasterReplaced.ts';
import { restartKeepsKilledVip } from './restartKeepsKilledVip.ts';
import { routerRecoversFromFault } from './routerRecoversFromFault.ts';
import { settledClusterStaysPut } from './settledClusterStaysPut.ts';
import { silentMasterReplaced } from './silentMasterReplaced.ts';
import { silentMasterReplacedHappens } from './silentMasterReplacedHappens.ts';
import { singleMaster } from './singleMaster.ts';
import { someMaster } from './someMaster.ts';
import { theVipMoves } from './theVipMoves.ts';
import { tieGoesToHigherAddress } from './tieGoesToHigherAddress.ts';
import { timeKeepsMoving } from './timeKeepsMoving.ts';
import { trackerChangesAdvertisedPriority } from './trackerChangesAdvertisedPriority.ts';
import { trackerFailureLeavesVip } from './trackerFailureLeavesVip.ts';
import { trackerFailureMeansFault } from './trackerFailureMeansFault.ts';
import { trackerFailureMovesVip } from './trackerFailureMovesVip.ts';
import { trackerWeightClamped } from './trackerWeightClamped.ts';
import { vipFollowsMaster } from './vipFollowsMaster.ts';
import { weightsCountFromFirstAdvert, weightsCountFromFirstTick } from './weightsCountFromFirstAdvert.ts';
import { zeroWeightFailureMeansFault } from './zeroWeightFailureMeansFault.ts';

/**
 * Every claim, each followed by its `sometimes` partner where it is the first to name it, then
 * the pitfalls: `sometimes` claims that show a surprising behaviour is reachable.
 */
export const allProperties: readonly Property[] = [
  singleMaster,
  failoverHappens,
  someMaster,
  aMasterIsElected,
  highestPriorityWins,
  preemptionHappens,
  settledClusterStaysPut,
  tieGoesToHigherAddress,
  equalMastersMeet,
  timeKeepsMoving,
  silentMasterReplaced,
  silentMasterReplacedHappens,
  resigningMasterReplaced,
  masterResigns,
  masterAdvertisesEveryInterval,
  advertisedPriorityFollowsTrackers,
  trackerChangesAdvertisedPriority,
  advertisedPriorityInRange,
  trackerWeightClamped,
  weightsCountFromFirstAdvert,
  weightsCountFromFirstTick,
  firstAdvertCarriesWeight,
  zeroWeightFailureMeansFault,
  trackerFailureMeansFault,
  faultEndsOnRecovery,
  routerRecoversFromFault,
  failedTrackerMovesVip,
  trackerFailureMovesVip,
  vipFollowsMaster,
  theVipMoves,
  preemptDelayWaited,
  delayedPreemptionHappens,
  nopreemptRespected,
  nopreemptRouterOutranksMaster,
  // pitfalls
  trackerFailureLeavesVip,
  nopreemptIgnoredUnderStateMaster,
  restartKeepsKilledVip,
  firstAdvertIgnoresTrackers,
  backupIgnoresFailedCheck,
];

export function findProperty(name: string): Property | undefined {
  return allProperties.find((p) => p.name === name);
}
