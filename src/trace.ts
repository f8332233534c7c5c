import type { LogMessage } from '../model/types.ts';
import type { ScenarioEventKind } from './scenario.ts';

/** The states a trace shows. TRANSITION is 1.2.13's MASTER-without-VIPs; GOTO_MASTER its silent start. */
export type TraceState = 'INIT' | 'GOTO_MASTER' | 'BACKUP' | 'TRANSITION' | 'MASTER' | 'FAULT' | 'STOPPED';

/** Messages a router logs outside any instance (script results, interfaces, start and stop). */
export type RouterLogMessage =
  | { readonly msg: 'script-succeeded'; readonly script: string }
  | { readonly msg: 'script-failed'; readonly script: string; readonly status: number }
  | { readonly msg: 'script-now-returning'; readonly script: string; readonly status: number }
  | { readonly msg: 'interface-changed'; readonly interface: string; readonly up: boolean }
  | { readonly msg: 'config-warning'; readonly text: string }
  | { readonly msg: 'stopping' };

interface At {
  /** Seconds since the scenario's start. */
  readonly t: number;
  readonly router: string;
}

export type TraceEntry =
  | (At & {
      readonly kind: 'event';
      readonly do: ScenarioEventKind;
      readonly script?: string;
      readonly interface?: string;
    })
  | (At & { readonly kind: 'state'; readonly instance: string; readonly state: TraceState; readonly from: TraceState })
  | (At & {
      readonly kind: 'priority';
      readonly instance: string;
      readonly from: number;
      readonly to: number;
      /** Changed without keepalived's vrrp_set_effective_priority (so 2.2.7 logs nothing). */
      readonly silent?: true;
    })
  | (At & {
      readonly kind: 'advert';
      readonly instance: string;
      readonly vrid: number;
      readonly priority: number;
      /** False when the advert never reached the LAN (link down, cut or isolated). */
      readonly wire: boolean;
    })
  | (At & { readonly kind: 'vip'; readonly instance: string; readonly held: boolean })
  | (At & { readonly kind: 'log'; readonly instance: string } & LogMessage)
  | (At & { readonly kind: 'log'; readonly instance?: undefined } & RouterLogMessage);

export type TraceKind = TraceEntry['kind'];

export interface TraceInstance {
  readonly name: string;
  readonly vrid: number;
  /** Effective priority when the instance starts (its configured priority, or 100 if 1.2.13 had none). */
  readonly priority: number;
  /** Seconds. */
  readonly advertInt: number;
  readonly vips: number;
  /** Unicast peers; empty for multicast. */
  readonly peers: readonly string[];
}

export interface TraceRouter {
  readonly name: string;
  readonly address: string;
  readonly instances: readonly TraceInstance[];
}

/** A run's full record: what was simulated and what happened, as plain JSON. */
export interface Trace {
  readonly profile: string;
  /** Seconds. */
  readonly until: number;
  readonly routers: readonly TraceRouter[];
  readonly entries: readonly TraceEntry[];
}
