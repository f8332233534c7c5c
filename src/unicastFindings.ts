import type { KeepalivedConf } from './config/types.ts';

/** A router as its file and address tell it. */
export interface AddressedConf {
  readonly name: string;
  readonly address: string;
  readonly conf: KeepalivedConf;
}

/** One instance with the address its adverts come from (unicast_src_ip, else its router's). */
interface Placed {
  readonly router: string;
  readonly name: string;
  readonly vrid: number;
  readonly address: string;
  readonly peers: readonly string[];
}

const unicast = (p: Placed) => p.peers.length > 0;
const label = (p: Placed) => `router ${p.router}'s vrrp_instance ${p.name}`;

/**
 * What the routers' unicast_peer lists get wrong, one line each: a peer that is no router's
 * address (its adverts go nowhere), an instance listed by a peer that does not list it back (its
 * adverts never reach that peer, so both can be MASTER at once), and a unicast instance listing a
 * multicast one (keepalived 2.2.7 vrrp_check_packet drops an advert of the other kind: "Expected
 * multicast packet but received unicast packet").
 */
export function unicastFindings(routers: readonly AddressedConf[]): string[] {
  const all: Placed[] = routers.flatMap((router) =>
    router.conf.instances.flatMap((instance) =>
      instance.virtualRouterId === undefined
        ? []
        : [
            {
              router: router.name,
              name: instance.name,
              vrid: instance.virtualRouterId,
              address: instance.unicastSrcIp ?? router.address,
              peers: instance.unicastPeers,
            },
          ],
    ),
  );
  const out: string[] = [];
  for (const from of all.filter(unicast)) {
    const vrid = from.vrid;
    for (const peer of from.peers) {
      const to = all.find((p) => p.router !== from.router && p.vrid === vrid && p.address === peer);
      if (to === undefined) {
        out.push(
          `${label(from)} (VRID ${vrid}) lists unicast_peer ${peer}, which is no router's address here: its adverts to ${peer} reach none of these routers (give every router's keepalived.conf, and its unicast_src_ip)`,
        );
      } else if (!unicast(to)) {
        out.push(
          `${label(to)} (VRID ${vrid}) uses multicast while ${from.router} sends it unicast adverts: keepalived drops an advert of the other kind, so they never hear each other and both can be MASTER (give both unicast_peer lists, or neither)`,
        );
      } else if (!to.peers.includes(from.address)) {
        out.push(
          `${label(to)} (VRID ${vrid}) does not list ${from.router} (${from.address}) in unicast_peer, while ${from.router} lists it: ${to.router}'s adverts never reach ${from.router}, so both can be MASTER at once (add ${from.address} to its unicast_peer)`,
        );
      }
    }
  }
  return out;
}
