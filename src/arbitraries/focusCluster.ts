import fc from 'fast-check';
import type { GenCluster, GenRouter, GenWeight } from './clusterArbitrary.ts';
import { priorities } from './clusterArbitrary.ts';

/**
 * A claim family a run is shaped for: the configs its stories need and free generation rarely
 * draws. `tie`: every router at one priority; `nopreempt`, `delay`: the top router is nopreempt
 * (or has a preempt_delay) under `state BACKUP`, so that it comes back (the stories restart the
 * master) to a lower master; `tracker`: the top router tracks a script whose weight takes it
 * below the next router, or is 0.
 */
export type GenFocus = 'none' | 'tie' | 'nopreempt' | 'delay' | 'tracker';

export const focusArbitrary: fc.Arbitrary<GenFocus> = fc.oneof(
  { arbitrary: fc.constant<GenFocus>('none'), weight: 3 },
  { arbitrary: fc.constantFrom<GenFocus>('tie', 'nopreempt', 'delay', 'tracker'), weight: 4 },
);

/** The cluster shaped for the focus (unchanged for `none`). */
export function focusCluster(cluster: GenCluster, focus: GenFocus): GenCluster {
  if (focus === 'none') return cluster;
  if (focus === 'tie') {
    // only negative weights: healthy routers stay at the one priority
    const down = (w: GenWeight): GenWeight => ({
      kind: 'value',
      value: w.kind === 'value' ? -Math.abs(w.value) : -(w.a + w.b + 1),
    });
    return {
      ...cluster,
      equal: true,
      routers: cluster.routers.map((r) => ({
        ...r,
        delta: r.delta ?? 0,
        scripts: r.scripts.map((x) => ({ ...x, weight: down(x.weight), initial: 'ok' as const })),
        eth1: r.eth1 === null ? null : down(r.eth1),
      })),
    };
  }
  // the top router, an ordinary one (not the owner); every check passing at first
  const routers = cluster.routers.map((r) => ({
    ...r,
    delta: r.delta ?? 0,
    scripts: r.scripts.map((x) => ({ ...x, initial: 'ok' as const })),
  }));
  const prios = priorities({ ...cluster, routers });
  const top = prios.indexOf(Math.max(...prios));
  if (focus === 'nopreempt' || focus === 'delay') {
    const shaped = (r: GenRouter): GenRouter =>
      focus === 'nopreempt'
        ? { ...r, state: 'BACKUP', nopreempt: true }
        : { ...r, state: 'BACKUP', nopreempt: false, preemptDelay: r.preemptDelay || 3 };
    return { ...cluster, routers: routers.map((r, i) => (i === top ? shaped(r) : r)) };
  }
  // tracker: whichever router is master, its first script's failure takes it below any healthy
  // peer (a weight larger than the widest gap, positive weights counted), or means FAULT
  const lifted = routers.map((r, i) => {
    const up = [...r.scripts.map((x) => x.weight), ...(r.eth1 === null ? [] : [r.eth1])]
      .map((w) => (w.kind === 'value' ? Math.max(0, w.value) : 40))
      .reduce((x, y) => x + y, 0);
    return (prios[i] as number) + up;
  });
  const widest = Math.max(...lifted) - Math.min(...prios);
  const fault = (cluster.base + cluster.advertInt) % 3 === 0;
  return {
    ...cluster,
    routers: routers.map((r, i) => {
      const first = r.scripts[0] ?? {
        rise: 2,
        fall: 2,
        interval: 1,
        initial: 'ok' as const,
        weight: { kind: 'value', value: 0 },
      };
      const value = fault ? 0 : -Math.min(253, widest + 1 + ((i + first.rise) % 3));
      return { ...r, scripts: [{ ...first, weight: { kind: 'value', value } }, ...r.scripts.slice(1)] };
    }),
  };
}
