/** How keepalived 2.2.7 reads the numbers of a vrrp_instance (vrrp_parser.c), and what it does with a bad one. */
import { type NumberSpec, read } from './confValues.ts';

/** vrrp_parser.c vrrp_prio_handler: VRRP_PRIO_DFL, also used for an invalid priority. */
const DEFAULT_PRIORITY = 100;

export const instanceNumbers = {
  defaultPriority: DEFAULT_PRIORITY,
  /** vrrp_vrid_handler: ignored when invalid, and then the instance has none. */
  vrid: {
    read: (text) => read.unsigned(text, 1, 255, false),
    rule: 'must be an integer from 1 to 255',
    example: 'virtual_router_id 51',
    fallback: 'ignores it',
  },
  priority: {
    read: (text) => read.unsigned(text, 1, 255, false),
    rule: 'must be an integer from 1 to 255',
    example: 'priority 100',
    fallback: `uses the default ${DEFAULT_PRIORITY}`,
  },
  /** vrrp_adv_handler: 0.01 to 255 s, else ignored (the default 1 s stays). */
  advertInt: {
    read: (text) => read.decimal(text, 10_000, 255_000_000, true),
    rule: 'must be from 0.01 to 255 seconds',
    example: 'advert_int 1',
    fallback: 'ignores it and keeps the default 1 s',
  },
  /** vrrp_preempt_delay_handler: TIMER_MAX_SEC is 1000. */
  preemptDelay: {
    read: (text) => read.decimal(text, 0, 1_000_000_000, true),
    rule: 'must be from 0 to 1000 seconds',
    example: 'preempt_delay 60',
    fallback: 'uses 0',
  },
  unicastTtl: {
    read: (text) => read.unsigned(text, 0, 255, false),
    rule: 'must be an integer from 0 to 255',
    example: 'unicast_ttl 64',
    fallback: 'ignores it',
  },
  downTimerAdverts: {
    read: (text) => read.unsigned(text, 1, 100, true),
    rule: 'must be an integer from 1 to 100',
    example: 'down_timer_adverts 3',
    fallback: 'ignores it',
  },
} satisfies Record<string, NumberSpec | number>;
