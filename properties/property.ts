import type { ProfileName } from '../model/profiles.ts';
import type { Trace } from '../src/trace.ts';

/** One run's verdict on one property. */
export type Judgement =
  /** The claim held; `applicable` is false when the run never met the precondition. */
  | { readonly holds: true; readonly applicable: boolean; readonly caveats?: readonly string[] }
  /** The claim failed first at `at` seconds; `message` says why in the user's terms. */
  | { readonly holds: false; readonly at: number; readonly message: string; readonly caveats?: readonly string[] };

/** What keepalived is expected to do with a property: pinned per profile. */
export type Expectation = 'holds' | 'fails';

/**
 * A claim about keepalived clusters. `always` and `eventually` claims must hold in every run that
 * meets their precondition; a `sometimes` claim must be witnessed by at least one run (its
 * `holds` is true on a witness), so that its `always` partner cannot pass vacuously.
 */
export interface Property {
  readonly name: string;
  readonly kind: 'always' | 'sometimes' | 'eventually';
  /** The claim in plain words. */
  readonly claim: string;
  /** When the claim is judged. */
  readonly precondition: string;
  /** The `sometimes` property that shows the precondition is met (for always/eventually claims). */
  readonly partner?: string;
  readonly expected: Readonly<Record<ProfileName, Expectation>>;
  /** Why the expectation is what it is, where it is "fails". */
  readonly why?: string;
  /** The verdict on one run, from its trace alone (the routers as configured, the events, what happened). */
  holds(trace: Trace): Judgement;
}

export const HOLDS: Judgement = { holds: true, applicable: true };
export const NOT_APPLICABLE: Judgement = { holds: true, applicable: false };
