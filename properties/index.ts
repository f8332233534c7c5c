import { aMasterIsElected } from './aMasterIsElected.ts';
import { failedTrackerMovesVip } from './failedTrackerMovesVip.ts';
import { failoverHappens } from './failoverHappens.ts';
import { firstAdvertCarriesWeight } from './firstAdvertCarriesWeight.ts';
import { highestPriorityWins } from './highestPriorityWins.ts';
import { nopreemptRespected } from './nopreemptRespected.ts';
import { nopreemptRouterOutranksMaster } from './nopreemptRouterOutranksMaster.ts';
import { preemptionHappens } from './preemptionHappens.ts';
import type { Property } from './property.ts';
import { singleMaster } from './singleMaster.ts';
import { someMaster } from './someMaster.ts';
import { theVipMoves } from './theVipMoves.ts';
import { trackerFailureMovesVip } from './trackerFailureMovesVip.ts';
import { vipFollowsMaster } from './vipFollowsMaster.ts';
import { weightsCountFromFirstAdvert } from './weightsCountFromFirstAdvert.ts';

/** Every claim, each followed by its `sometimes` partner. */
export const allProperties: readonly Property[] = [
  singleMaster,
  failoverHappens,
  someMaster,
  aMasterIsElected,
  highestPriorityWins,
  preemptionHappens,
  nopreemptRespected,
  nopreemptRouterOutranksMaster,
  failedTrackerMovesVip,
  trackerFailureMovesVip,
  vipFollowsMaster,
  theVipMoves,
  weightsCountFromFirstAdvert,
  firstAdvertCarriesWeight,
];

export function findProperty(name: string): Property | undefined {
  return allProperties.find((p) => p.name === name);
}
