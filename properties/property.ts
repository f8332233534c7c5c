import type { Trace } from '../src/trace.ts';
import type { Version } from './versionRules.ts';

export type { Version } from './versionRules.ts';

/** One run's verdict on one property. */
export type Judgement =
  /**
   * The claim held; `applicable` is false when the run never met the precondition. A `sometimes`
   * claim's witness may say what it shows in `message` (a pitfall's Why line).
   */
  | {
      readonly holds: true;
      readonly applicable: boolean;
      readonly message?: string;
      readonly at?: number;
      readonly caveats?: readonly string[];
    }
  /** The claim failed first at `at` seconds; `message` says why in the user's terms. */
  | { readonly holds: false; readonly at: number; readonly message: string; readonly caveats?: readonly string[] };

/**
 * A pitfall: a `sometimes` claim showing that a surprising behaviour is reachable. What users
 * need to know: the docs list pitfalls apart from the claims, and `check` reports one it
 * witnesses on a user's configs as a finding, with its Why line.
 */
export interface Pitfall {
  /**
   * `mistake`: the configs ask for something keepalived does not do (a weight too small to move
   * the VIP, nopreempt under `state MASTER`): the user relies on it, so a witness fails the check.
   * `behaviour`: what the version does whatever the configs say: reported, and fails the check
   * only when asked for with --property.
   */
  readonly kind: 'mistake' | 'behaviour';
  /** What to change, or how to live with it. */
  readonly advice: string;
}

/** What the configs must have for a claim to apply at all, read from a trace's header. */
export interface Needs {
  /** In the user's words, for "does not apply to these configs: …". */
  readonly what: string;
  readonly met: (trace: Trace) => boolean;
}

/**
 * A claim about keepalived clusters, checked on the model of each version it is about.
 * `always` and `eventually` claims must hold in every run that meets their precondition; a
 * `sometimes` claim must be witnessed by at least one run (its `holds` is true on a witness), so
 * that its `always` partner cannot pass vacuously. Every claim is expected to hold (or be
 * witnessed) on the model: a behaviour that surprises users is a pitfall, not a failing claim.
 * A claim computes its expectation from the configuration and the formulas it cites, never by
 * calling the model.
 */
export interface Property {
  readonly name: string;
  readonly kind: 'always' | 'sometimes' | 'eventually';
  /** The claim in plain words. */
  readonly claim: string;
  /** When the claim is judged. */
  readonly precondition: string;
  /** Where its rule and its bounds come from (RFC 3768 §…, keepalived's source). */
  readonly cites?: string;
  /** The `sometimes` property that shows the precondition is met (for always/eventually claims). */
  readonly partner?: string;
  /** The versions it is about (both when absent): a difference between versions is a claim per version. */
  readonly versions?: readonly Version[];
  /** What the configs must have for the claim to apply (always, when absent). */
  readonly needs?: Needs;
  readonly pitfall?: Pitfall;
  /** What to change in the configs when the claim fails on them (the report's Why line ends with it). */
  readonly advice?: string;
  /** The verdict on one run, from its trace alone (the routers as configured, the events, what happened). */
  holds(trace: Trace): Judgement;
}

export const HOLDS: Judgement = { holds: true, applicable: true };
export const NOT_APPLICABLE: Judgement = { holds: true, applicable: false };
export const WITNESSED: Judgement = HOLDS;

/** The property is about the version the trace was simulated as, and the trace's configs have what it needs. */
export function applies(property: Property, trace: Trace): boolean {
  const version = trace.profile as Version;
  if (property.versions !== undefined && !property.versions.includes(version)) return false;
  return property.needs?.met(trace) ?? true;
}
