import type { Profile } from '../../model/profiles.ts';
import type { FixedRouter } from '../arbitraries/fixedClusterSource.ts';
import { defaultHorizon, settleBound } from '../checkHorizon.ts';
import { buildCluster } from '../cluster.ts';

export interface Horizon {
  readonly horizon: number;
  /** One line each: a horizon too short for these configs, a cluster of one file. */
  readonly warnings: readonly string[];
}

/**
 * The horizon `check` runs with: the one given, else one long enough for the configs' slowest
 * timers (checkHorizon.ts). Warns when the given one is too short for a claim to apply after an
 * event, and when one file stands for the whole cluster. Returns a config keepalived refuses as
 * its one-line error.
 */
export function horizonFor(
  routers: readonly FixedRouter[],
  profile: Profile,
  given: number | undefined,
): Horizon | string {
  const built = buildCluster(
    profile,
    routers.map((r) => ({ name: r.name, address: r.address, conf: r.conf })),
  );
  if (!built.ok) {
    const { pos, message, hint } = built.error;
    return `${pos === undefined ? '' : `${pos.file}:${pos.line}:${pos.col}: `}${message} (${hint})`;
  }
  const warnings: string[] = [];
  if (routers.length === 1) {
    warnings.push(
      "one keepalived.conf: a VRRP cluster needs every router's file (give the peers' keepalived.conf too); this checks the one router alone, so claims about several routers never apply",
    );
  }
  const bound = settleBound(built.cluster);
  const needed = Math.ceil(bound.seconds);
  if (given !== undefined && given < needed) {
    warnings.push(
      `--horizon ${given} is shorter than the ${needed} s these configs may take to settle after an event (${bound.slowest}): claims about a settled cluster may never apply; leave --horizon out to use ${defaultHorizon(built.cluster)}`,
    );
  }
  return { horizon: given ?? defaultHorizon(built.cluster), warnings };
}
