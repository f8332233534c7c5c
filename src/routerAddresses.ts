import type { KeepalivedConf } from './config/types.ts';

/** Where a router's address came from, for the notes a user reads. */
export type AddressSource = 'unicast_src_ip' | 'peers' | 'given' | 'assigned';

export interface RouterAddress {
  readonly address: string;
  readonly source: AddressSource;
}

export interface AddressedRouters {
  readonly addresses: readonly RouterAddress[];
  /** One line per router whose address was inferred or assigned. */
  readonly notes: readonly string[];
}

/** The first unicast_src_ip of a router's instances: the address keepalived sends from. */
function sourceAddress(conf: KeepalivedConf): string | undefined {
  return conf.instances.find((i) => i.unicastSrcIp !== undefined)?.unicastSrcIp;
}

/**
 * The address router `r` must have if the others' unicast_peer lists are right: for each of its
 * VRIDs, the addresses that every other router running that VRID with unicast peers lists, less
 * its own peers and the addresses already known to be another router's. One candidate in all:
 * that is it.
 */
function inferred(confs: readonly KeepalivedConf[], r: number, known: readonly (string | undefined)[]): string | null {
  const conf = confs[r] as KeepalivedConf;
  const taken = new Set(known.filter((a, k): a is string => a !== undefined && k !== r));
  const candidates = new Set<string>();
  for (const instance of conf.instances) {
    const vrid = instance.virtualRouterId;
    if (vrid === undefined) continue;
    let common: Set<string> | null = null;
    confs.forEach((other, k) => {
      if (k === r) return;
      for (const peer of other.instances) {
        if (peer.virtualRouterId !== vrid || peer.unicastPeers.length === 0) continue;
        const listed = new Set(peer.unicastPeers);
        common = common === null ? listed : new Set([...(common as Set<string>)].filter((a) => listed.has(a)));
      }
    });
    for (const address of (common as Set<string> | null) ?? []) {
      if (!instance.unicastPeers.includes(address) && !taken.has(address)) candidates.add(address);
    }
  }
  return candidates.size === 1 ? ([...candidates][0] as string) : null;
}

/**
 * Each router's address on the LAN, in the order keepalived users expect it: its own
 * `unicast_src_ip`, else the one the other routers' `unicast_peer` lists leave for it, else the
 * address given (a scenario's `address`, `check --address`), else 10.99.0.N (with a note: a
 * unicast peer list naming the real address will then match no router).
 */
export function routerAddresses(
  confs: readonly KeepalivedConf[],
  given: readonly (string | undefined)[],
  names: readonly string[],
): AddressedRouters {
  const known: (string | undefined)[] = confs.map(sourceAddress);
  const sources: (AddressSource | undefined)[] = known.map((a) => (a === undefined ? undefined : 'unicast_src_ip'));
  const notes: string[] = [];
  // each address inferred can settle another router's
  for (let changed = true; changed; ) {
    changed = false;
    for (let r = 0; r < confs.length; r++) {
      if (known[r] !== undefined) continue;
      const address = inferred(confs, r, known);
      if (address === null) continue;
      known[r] = address;
      sources[r] = 'peers';
      changed = true;
      notes.push(`router ${names[r]}: address ${address}, the one the other routers' unicast_peer lists give it`);
    }
  }
  for (let r = 0; r < confs.length; r++) {
    const address = given[r];
    if (known[r] === undefined && address !== undefined) {
      known[r] = address;
      sources[r] = 'given';
    }
  }
  let next = 1;
  const taken = new Set(known.filter((a): a is string => a !== undefined));
  for (let r = 0; r < confs.length; r++) {
    if (known[r] !== undefined) continue;
    while (taken.has(`10.99.0.${next}`)) next++;
    const address = `10.99.0.${next}`;
    taken.add(address);
    known[r] = address;
    sources[r] = 'assigned';
    notes.push(`router ${names[r]}: no address given, using ${address} (set unicast_src_ip, or --address)`);
  }
  return {
    addresses: known.map((address, r) => ({
      address: address as string,
      source: sources[r] as AddressSource,
    })),
    notes,
  };
}
