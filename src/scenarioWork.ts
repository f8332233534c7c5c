import type { Cluster } from './cluster.ts';

/**
 * A scenario's simulated work, as an upper bound that is cheap to compute before simulating:
 * every instance's adverts over `until` as if it were master throughout, each heard by every
 * router, plus every script run and every event. It grows as routers² × until / advert_int,
 * which is what made 500 routers over a long `until` run for tens of minutes.
 */
export function scenarioWork(cluster: Cluster, untilSeconds: number, events: number): number {
  const untilUs = untilSeconds * 1_000_000;
  const routers = cluster.routers.length;
  let work = events;
  for (const router of cluster.routers) {
    for (const { config } of router.instances) work += Math.ceil(untilUs / config.advertIntUs) * routers;
    for (const script of router.scripts) work += Math.ceil(untilUs / script.intervalUs);
  }
  return work;
}
