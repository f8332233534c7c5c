// Drives real processes in real time: polls the bridge while a carrier comes back.
import { execCommand, firstLine } from './exec.ts';
import { pause } from './realClock.ts';

/** One router on the test LAN. */
export interface LanRouterSpec {
  readonly name: string;
  /** Its address on the LAN (/24). */
  readonly address: string;
  /** The interface its VRRP instances use: one end of a veth whose other end is a bridge port. */
  readonly lanInterface: string;
  /** Other interfaces it tracks or the scenario names: each one end of a veth inside the router. */
  readonly otherInterfaces: readonly string[];
}

/** A step that failed: one line for the user. */
export class LanError extends Error {}

const LAN = 'LAN';
const BRIDGE = 'br0';

/**
 * The test network: one namespace per router and a bridge in a namespace of its own, all named
 * `PREFIX…`. Both ends of every veth are created inside these namespaces; nothing is added to
 * or changed in the root namespace. The bridge ports are `p0`, `p1`, … in router order.
 */
export class TestLan {
  readonly lanNs: string;
  private readonly routers: readonly LanRouterSpec[];

  constructor(
    readonly prefix: string,
    routers: readonly LanRouterSpec[],
  ) {
    this.lanNs = `${prefix}${LAN}`;
    this.routers = routers;
  }

  readonly bridge = BRIDGE;

  routerNs(router: string): string {
    return `${this.prefix}${router}`;
  }

  /** The bridge port of a router's LAN interface (in the LAN namespace). */
  port(router: string): string {
    return `p${this.routers.findIndex((r) => r.name === router)}`;
  }

  /** The in-namespace peer of a router's other interface. */
  private peer(router: string, ifname: string): string {
    const spec = this.routers.find((r) => r.name === router);
    return `x${spec?.otherInterfaces.indexOf(ifname) ?? 0}`;
  }

  private spec(router: string): LanRouterSpec | undefined {
    return this.routers.find((r) => r.name === router);
  }

  private async ip(args: readonly string[], what: string): Promise<void> {
    const result = await execCommand('ip', args);
    if (result.code !== 0) throw new LanError(`${what}: ip ${args.join(' ')}: ${firstLine(result)}`);
  }

  private async quiet(ns: string): Promise<void> {
    // no IPv6 in the test LAN: no link-local chatter, and keepalived sees only the IPv4 address
    const result = await execCommand('ip', [
      'netns',
      'exec',
      ns,
      'sysctl',
      '-q',
      '-w',
      'net.ipv6.conf.all.disable_ipv6=1',
      'net.ipv6.conf.default.disable_ipv6=1',
    ]);
    if (result.code !== 0) throw new LanError(`cannot configure namespace ${ns}: ${firstLine(result)}`);
  }

  /** Creates the namespaces, the bridge and the veths, and brings everything up. */
  async create(): Promise<void> {
    const add = await execCommand('ip', ['netns', 'add', this.lanNs]);
    if (add.code !== 0) {
      throw new LanError(`cannot create a network namespace (ip netns add: ${firstLine(add)})`);
    }
    await this.quiet(this.lanNs);
    await this.ip(['-n', this.lanNs, 'link', 'set', 'lo', 'up'], 'LAN namespace');
    await this.ip(
      ['-n', this.lanNs, 'link', 'add', BRIDGE, 'type', 'bridge', 'stp_state', '0', 'mcast_snooping', '0'],
      'bridge',
    );
    await this.ip(['-n', this.lanNs, 'link', 'set', BRIDGE, 'up'], 'bridge');
    for (const router of this.routers) {
      const ns = this.routerNs(router.name);
      await this.ip(['netns', 'add', ns], `router ${router.name}`);
      await this.quiet(ns);
      await this.ip(['-n', ns, 'link', 'set', 'lo', 'up'], `router ${router.name}`);
      const port = this.port(router.name);
      await this.ip(
        ['-n', this.lanNs, 'link', 'add', port, 'type', 'veth', 'peer', 'name', router.lanInterface, 'netns', ns],
        `router ${router.name}`,
      );
      await this.ip(['-n', this.lanNs, 'link', 'set', port, 'master', BRIDGE, 'up'], `router ${router.name}`);
      await this.ip(
        ['-n', ns, 'addr', 'add', `${router.address}/24`, 'dev', router.lanInterface],
        `router ${router.name}`,
      );
      await this.ip(['-n', ns, 'link', 'set', 'dev', router.lanInterface, 'up'], `router ${router.name}`);
      for (const ifname of router.otherInterfaces) {
        const peer = this.peer(router.name, ifname);
        // `name` and `dev` before a config's interface name: ip reads a bare "state" or "mtu" as its own word
        await this.ip(
          ['-n', ns, 'link', 'add', 'name', ifname, 'type', 'veth', 'peer', 'name', peer],
          `router ${router.name}`,
        );
        await this.ip(['-n', ns, 'link', 'set', peer, 'up'], `router ${router.name}`);
        await this.ip(['-n', ns, 'link', 'set', 'dev', ifname, 'up'], `router ${router.name}`);
      }
    }
  }

  /** linkdown/linkup: the router's own interface, administratively. */
  async setLink(router: string, ifname: string, up: boolean): Promise<void> {
    await this.ip(['-n', this.routerNs(router), 'link', 'set', 'dev', ifname, up ? 'up' : 'down'], `link ${ifname}`);
  }

  /** cut/uncut: the far end of the router's veth, so that the router loses (regains) the carrier. */
  async setCarrier(router: string, ifname: string, up: boolean): Promise<void> {
    const state = up ? 'up' : 'down';
    if (ifname === this.spec(router)?.lanInterface) {
      await this.ip(['-n', this.lanNs, 'link', 'set', this.port(router), state], `cut ${ifname}`);
    } else {
      await this.ip(['-n', this.routerNs(router), 'link', 'set', this.peer(router, ifname), state], `cut ${ifname}`);
    }
  }

  /** The bridge's view of a router's port: forwarding, disabled, … */
  async portState(router: string): Promise<string> {
    const result = await execCommand('bridge', ['-n', this.lanNs, 'link', 'show', 'dev', this.port(router)]);
    return /\bstate (\w+)/.exec(result.stdout)?.[1] ?? 'unknown';
  }

  /**
   * isolate/rejoin: the router's bridge port disabled (0) or forwarding (3). Silent: no carrier
   * change. A port without carrier cannot be set forwarding; the carrier's return does that.
   */
  async setPort(router: string, forwarding: boolean): Promise<void> {
    const args = ['-n', this.lanNs, 'link', 'set', 'dev', this.port(router), 'state', forwarding ? '3' : '0'];
    const result = await execCommand('bridge', args);
    if (result.code !== 0 && !(forwarding && /Network is down/.test(result.stderr))) {
      throw new LanError(`isolate: bridge ${args.join(' ')}: ${firstLine(result)}`);
    }
  }

  /**
   * After the carrier returns to an isolated router, the bridge re-enables its port by itself:
   * wait for that (at most 0.5 s) and disable the port again, unless the router rejoined meanwhile.
   */
  async keepIsolated(router: string, stillIsolated: () => boolean, signal: AbortSignal): Promise<void> {
    for (let i = 0; i < 250 && stillIsolated(); i++) {
      if ((await this.portState(router)) !== 'disabled') break;
      await pause(2, signal);
    }
    if (stillIsolated()) await this.setPort(router, false);
  }
}
