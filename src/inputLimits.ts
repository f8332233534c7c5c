/**
 * Bounds on what one command takes on, so that no input makes it run out of memory or time:
 * each is checked before the work starts and, when exceeded, is one line naming it and the
 * option that raises it.
 */
export interface InputLimits {
  /** Bytes of one input file: a scenario or a keepalived.conf. */
  readonly maxInputBytes: number;
  /** Routers in one scenario (or CONF files given to check). */
  readonly maxRouters: number;
  /** A scenario's simulated work, as scenarioWork counts it. */
  readonly maxWork: number;
}

/**
 * Real keepalived.conf files and scenarios are kilobytes, clusters a few routers; 20 million
 * units of work simulate in a few seconds (2 routers for a day of virtual time are 0.5 million).
 */
export const defaultLimits: InputLimits = { maxInputBytes: 1 << 20, maxRouters: 32, maxWork: 20_000_000 };

/** The command-line option that raises each limit. */
export const limitOptions: { readonly [K in keyof InputLimits]: string } = {
  maxInputBytes: 'max-input-bytes',
  maxRouters: 'max-routers',
  maxWork: 'max-work',
};

/** "the limit of 1048576 bytes per input file (raise it with --max-input-bytes N)" and the like. */
export function limitText(limit: keyof InputLimits, value: number): string {
  const what = { maxInputBytes: 'bytes per input file', maxRouters: 'routers', maxWork: 'units of simulated work' };
  return `the limit of ${value} ${what[limit]} (raise it with --${limitOptions[limit]} N)`;
}
