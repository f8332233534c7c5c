import type { ProfileName } from '../../model/profiles.ts';

/** What `keepalived --version` said, and the profile that models it. */
export interface KeepalivedVersion {
  /** The banner line, e.g. `Keepalived v2.2.7 (01/16,2022)`. */
  readonly banner: string;
  /** e.g. `2.2.7`. */
  readonly version: string;
  readonly profile: ProfileName;
}

export type VersionResult =
  | { readonly ok: true; readonly version: KeepalivedVersion }
  | { readonly ok: false; readonly reason: string };

const BANNER = /^\s*Keepalived v(\d+)\.(\d+)(?:\.(\d+))?\b.*$/m;

/**
 * Reads the output of `keepalived --version` (2.2.7 prints it on stderr): 1.x is modelled by the
 * keepalived-1.2 profile, 2.x by keepalived-2.2; anything else cannot be compared with the model.
 */
export function parseKeepalivedVersion(output: string): VersionResult {
  const match = BANNER.exec(output);
  if (match === null) {
    const first = output.trim().split('\n')[0] ?? '';
    return {
      ok: false,
      reason: `cannot tell keepalived's version from "${first.slice(0, 80)}" (expected a line "Keepalived vX.Y.Z")`,
    };
  }
  const major = Number(match[1]);
  const version = [match[1], match[2], match[3]].filter((part) => part !== undefined).join('.');
  const banner = match[0].trim();
  if (major === 1) return { ok: true, version: { banner, version, profile: 'keepalived-1.2' } };
  if (major === 2) return { ok: true, version: { banner, version, profile: 'keepalived-2.2' } };
  return {
    ok: false,
    reason: `keepalived ${version} is not modelled (vrrp-check models 1.2.13 and 2.2.7: use a 1.x or 2.x keepalived)`,
  };
}
