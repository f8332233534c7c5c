import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profiles } from '../../model/profiles.ts';
import { defaultHorizon, settleBound } from '../../src/checkHorizon.ts';
import { readConfs } from '../../src/cli/checkCommand.ts';
import { horizonFor } from '../../src/cli/horizonFor.ts';
import { buildCluster } from '../../src/cluster.ts';
import { EXAMPLES } from '../golden/oracleRecordings.ts';

function routersOf(example: string, files = ['A.conf', 'B.conf']) {
  const read = readConfs(
    files.map((f) => join(EXAMPLES, example, f)),
    [],
  );
  if (typeof read === 'string') throw new Error(read);
  return read.routers;
}

function clusterOf(example: string) {
  const built = buildCluster(
    profiles['keepalived-2.2'],
    routersOf(example).map((r) => ({ name: r.name, address: r.address, conf: r.conf })),
  );
  if (!built.ok) throw new Error(built.error.message);
  return built.cluster;
}

describe("the default horizon follows the configs' timers", () => {
  it('stays 30 s for ordinary timers', () => {
    // chk: interval 2, fall 2, rise 2 → 2 × 3 + timeout 2; master-down 3.996, 3 × advert_int, start-up
    expect(settleBound(clusterOf('check-sound')).seconds).toBeCloseTo(8 + 3.996 + 3 + 0.01, 3);
    expect(defaultHorizon(clusterOf('check-sound'))).toBe(30);
  });

  it('grows with a slow tracker: interval 3 × (fall 10 + 1) + its timeout, and the timers', () => {
    const bound = settleBound(clusterOf('kubeadm-fall-10'));
    expect(bound.seconds).toBeCloseTo(3 * 11 + 3 + 3.996 + 3 + 0.01, 3);
    expect(bound.slowest).toBe('vrrp_script check_apiserver (interval 3 s, fall 10, rise 2)');
    expect(defaultHorizon(clusterOf('kubeadm-fall-10'))).toBe(49);
  });

  it('warns when the --horizon given is shorter than the configs need, and when one file is a whole cluster', () => {
    const short = horizonFor(routersOf('kubeadm-fall-10'), profiles['keepalived-2.2'], 20);
    expect(typeof short !== 'string' && short.horizon).toBe(20);
    expect(typeof short !== 'string' && short.warnings).toEqual([
      '--horizon 20 is shorter than the 44 s these configs may take to settle after an event (vrrp_script check_apiserver (interval 3 s, fall 10, rise 2)): claims about a settled cluster may never apply; leave --horizon out to use 49',
    ]);
    const alone = horizonFor(routersOf('check-sound', ['A.conf']), profiles['keepalived-2.2'], undefined);
    expect(typeof alone !== 'string' && alone.warnings[0]).toMatch(
      /^one keepalived\.conf: a VRRP cluster needs every router's file/,
    );
    const enough = horizonFor(routersOf('kubeadm-fall-10'), profiles['keepalived-2.2'], 60);
    expect(typeof enough !== 'string' && enough.warnings).toEqual([]);
  });
});
