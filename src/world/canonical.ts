import { NO_DEADLINE } from '../../model/types.ts';
import type { Statics } from './statics.ts';
import { NONE, type World } from './world.ts';

/**
 * The world in canonical form, as a string: two worlds that will behave the same from now on
 * give the same string. Times are written relative to `now` (a timer 3 s ahead is "+3000000"
 * whenever now is), woken timers by their rank among the woken, sets in sorted order, and the
 * configuration (the same in every world of a cluster) is left out. The exhaustive search hashes
 * it to tell the states it has seen.
 */
export function canonical(_statics: Statics, world: World): string {
  const now = world.now;
  const rel = (t: number) => (t === NONE ? '-' : String(t - now));
  const woken: number[] = [];
  for (const router of world.routers) {
    for (const i of router.instances) woken.push(i.deadlineWoken, i.tickWoken);
    for (const s of router.scripts) woken.push(s.runWoken, s.hungWoken);
    for (const p of router.processes) woken.push(p.changeWoken);
  }
  const ranks = [...new Set(woken.filter((w) => w !== NONE))].sort((a, b) => a - b);
  const rank = (w: number) => (w === NONE ? '-' : String(ranks.indexOf(w)));
  const parts: string[] = [world.random === null ? 'r-' : `r${world.random}`];
  for (const router of world.routers) {
    parts.push(
      `R${router.running ? 1 : 0}${router.isolated ? 'i' : ''} s${rel(router.startupAt)} w${router.wakeAt >= now ? rel(router.wakeAt) : '-'}`,
      `d[${[...router.adminDown].sort().join(',')}] c[${[...router.carrierDown].sort().join(',')}]`,
      `g[${router.groups.join(',')}] f[${router.files.join(',')}]`,
    );
    for (const i of router.instances) {
      const m = i.machine;
      const c = m?.context;
      const machine =
        m === null || c === undefined
          ? '-'
          : [
              JSON.stringify(m.value),
              c.basePriority,
              c.effectivePriority,
              c.trackers.join(','),
              c.msDownTimerUs,
              c.sands === NO_DEADLINE ? '-' : rel(c.sands),
              c.wantMaster ? 1 : 0,
              c.ownerWantsMaster ? 1 : 0,
              c.preemptTimeUs === 0 ? '-' : rel(c.preemptTimeUs),
              c.heldByGroup ? 1 : 0,
              c.faultPending ? 1 : 0,
              c.delayedStartUs <= now ? '-' : rel(c.delayedStartUs),
            ].join(' ');
      parts.push(
        `I ${machine} ${i.state} ${i.scheduled === NO_DEADLINE ? '-' : rel(i.scheduled)} ${rel(i.deadlineAt)}/${rank(i.deadlineWoken)} ${rel(i.tickAt)}/${rank(i.tickWoken)} v${i.vipHeld ? 1 : 0}${i.vipOwned ? 1 : 0}`,
      );
    }
    for (const s of router.scripts) {
      parts.push(
        `S ${s.counter.result} ${s.counter.status} ${s.counter.lastExit} ${s.outcome} ${rel(s.runAt)}/${rank(s.runWoken)} h[${s.hung.map(rel).join(',')}]/${rank(s.hungWoken)}`,
      );
    }
    for (const p of router.processes) {
      parts.push(`P ${p.running ? 1 : 0}${p.up ? 1 : 0} ${rel(p.changeAt)}/${rank(p.changeWoken)}`);
    }
  }
  for (const d of world.inFlight) {
    parts.push(`F ${rel(d.at)} ${d.router}.${d.instance} ${d.fromRouter}.${d.fromInstance} ${d.priority}`);
  }
  return parts.join('\n');
}
