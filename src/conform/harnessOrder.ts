import type { ScenarioEvent } from '../scenario.ts';

/**
 * The scenario's events in the order the live harness applies them: those up to `until`, by
 * time, events at the same time in file order (README "Scenario file format").
 */
export function harnessOrder(events: readonly ScenarioEvent[], until: number): ScenarioEvent[] {
  return events
    .map((event, index) => ({ event, index }))
    .filter(({ event }) => event.at <= until)
    .sort((a, b) => a.event.at - b.event.at || a.index - b.index)
    .map(({ event }) => event);
}
