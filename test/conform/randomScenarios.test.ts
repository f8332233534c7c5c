import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIVE_LIMITS, liveScenarioArbitrary, randomScenarios } from '../../src/conform/randomScenarios.ts';
import { prepareScenarioValue } from '../../src/loadScenario.ts';

describe('conform --random: the property suite scenarios a live run can express', () => {
  it('2–3 routers, 20–40 s, no unicast, no jitter, every event within the run, a valid scenario', () => {
    fc.assert(
      fc.property(liveScenarioArbitrary('keepalived-2.2'), (scenario) => {
        expect(scenario.routers.length).toBeGreaterThanOrEqual(2);
        expect(scenario.routers.length).toBeLessThanOrEqual(LIVE_LIMITS.maxRouters);
        expect(scenario.until).toBeGreaterThanOrEqual(LIVE_LIMITS.minUntil);
        expect(scenario.until).toBeLessThanOrEqual(LIVE_LIMITS.maxUntil);
        // a live run races its own way; the prediction takes the fixed tie-break
        expect(scenario.jitter).toBeUndefined();
        for (const event of scenario.events) expect(event.at).toBeLessThanOrEqual(scenario.until);
        for (const router of scenario.routers) expect(router.configText).not.toMatch(/unicast/);
        const prepared = prepareScenarioValue(scenario, 'generated.json', 'keepalived-2.2');
        expect(prepared.ok ? 'ok' : prepared.message).toBe('ok');
      }),
      { numRuns: 200 },
    );
  });

  it('the same seed gives the same scenarios; another seed others', () => {
    const a = randomScenarios(5, 1, 'keepalived-2.2');
    expect(randomScenarios(5, 1, 'keepalived-2.2')).toEqual(a);
    expect(randomScenarios(5, 2, 'keepalived-2.2')).not.toEqual(a);
    expect(a).toHaveLength(5);
  });
});
