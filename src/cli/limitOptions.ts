import { defaultLimits, type InputLimits, limitOptions as names } from '../inputLimits.ts';
import type { OptionSpec } from './parseArgs.ts';

/** The options that raise the input limits, for every command that reads a scenario or configs. */
export const limitOptionSpecs: readonly OptionSpec[] = [
  {
    name: names.maxInputBytes,
    value: 'N',
    help: `largest scenario or keepalived.conf read, in bytes (default ${defaultLimits.maxInputBytes})`,
  },
  { name: names.maxRouters, value: 'N', help: `most routers in one scenario (default ${defaultLimits.maxRouters})` },
  {
    name: names.maxWork,
    value: 'N',
    help: `most simulated work per scenario, about routers² × until / advert_int (default ${defaultLimits.maxWork})`,
  },
];

/** The limits the options give (the defaults for the others), or the one-line error. */
export function readLimitOptions(values: ReadonlyMap<string, readonly string[]>): InputLimits | string {
  const limits: { -readonly [K in keyof InputLimits]: number } = { ...defaultLimits };
  for (const key of Object.keys(names) as (keyof InputLimits)[]) {
    const text = values.get(names[key])?.[0];
    if (text === undefined) continue;
    const value = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) {
      return `--${names[key]} takes a whole number ≥ 1 (got ${JSON.stringify(text)})`;
    }
    limits[key] = value;
  }
  return limits;
}
