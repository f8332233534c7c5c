import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareScenarioFile, prepareScenarioText, prepareScenarioValue } from '../../src/loadScenario.ts';
import { conf } from './scenarioBuilder.ts';

const files: Record<string, string> = {
  '/s/A.conf': conf({ priority: 101, weight: -10 }),
  '/s/B.conf': conf({ priority: 100 }),
};
const read = (path: string) => {
  const text = files[path];
  if (text === undefined) throw new Error('ENOENT');
  return text;
};

function prepare(text: string) {
  return prepareScenarioText(text, '/s/scenario.json', undefined, read);
}

const good = {
  profile: 'keepalived-2.2',
  routers: [
    { name: 'A', address: '10.99.0.1', config: 'A.conf' },
    { name: 'B', address: '10.99.0.2', config: 'B.conf' },
  ],
  events: [
    { at: 0, do: 'start', router: 'A' },
    { at: 1, do: 'start', router: 'B' },
    { at: 5, do: 'fail', router: 'A' },
  ],
  until: 10,
};

/** The error line for a scenario, given as pretty-printed JSON so that line:col are meaningful. */
function errorOf(value: unknown): string {
  const result = prepare(JSON.stringify(value, null, 2));
  if (result.ok) throw new Error('expected an error');
  return result.message;
}

describe('prepareScenarioText', () => {
  it('reads a good scenario and its configs', () => {
    const result = prepare(JSON.stringify(good));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.cluster.routers.map((r) => [r.name, r.address, r.instances[0]?.config.basePriority])).toEqual([
      ['A', '10.99.0.1', 101],
      ['B', '10.99.0.2', 100],
    ]);
  });

  it('names file, line and column of an unknown router, with the known ones', () => {
    expect(errorOf({ ...good, events: [{ at: 0, do: 'start', router: 'C' }] })).toBe(
      '/s/scenario.json:19:17: events[0].router: unknown router "C" (routers are A, B)',
    );
  });

  it('rejects an unknown event kind and lists the kinds', () => {
    expect(errorOf({ ...good, events: [{ at: 0, do: 'reboot', router: 'A' }] })).toMatch(
      /^\/s\/scenario.json:\d+:\d+: events\[0\]\.do: unknown event "reboot" \(use one of start, stop, kill, fail, ok, hang, linkdown, linkup, cut, uncut, isolate, rejoin\)$/,
    );
  });

  it('rejects a misspelt field instead of ignoring it', () => {
    expect(errorOf({ ...good, untill: 3 })).toMatch(
      /untill: unknown field "untill" \(allowed fields are description, profile, routers, events, until, jitter, races\)/,
    );
  });

  it('reads a jitter, and rejects one it cannot use with the fix', () => {
    const result = prepare(JSON.stringify({ ...good, jitter: { max: 0.0002, seed: 3 } }));
    expect(result.ok && result.value.scenario.jitter).toEqual({ max: 0.0002, seed: 3 });
    expect(errorOf({ ...good, jitter: { seed: 3 } })).toMatch(
      /^\/s\/scenario.json:\d+:\d+: jitter: "jitter" needs "max" \(add "max": SECONDS, e.g. 0.0002\)$/,
    );
    expect(errorOf({ ...good, jitter: { max: -1 } })).toMatch(/jitter.max: expected a number of seconds ≥ 0, got -1/);
    expect(errorOf({ ...good, jitter: { max: 2 } })).toMatch(/jitter.max: 2 s is beyond 1 s \(use at most 1\)/);
    expect(errorOf({ ...good, jitter: { max: 0.001, seed: 1.5 } })).toMatch(
      /jitter.seed: seed must be an integer 0 .. 4294967295, got 1.5/,
    );
    expect(errorOf({ ...good, jitter: { max: 0.001, sed: 1 } })).toMatch(/jitter.sed: unknown field "sed"/);
  });

  it("rejects an unknown script, naming the router's scripts", () => {
    expect(errorOf({ ...good, events: [...good.events, { at: 6, do: 'ok', router: 'A', script: 'web' }] })).toMatch(
      /events\[3\]\.script: router A has no vrrp_script "web" \(scripts are chk\)$/,
    );
  });

  it('rejects fail on a router without scripts', () => {
    expect(
      errorOf({
        ...good,
        events: [
          { at: 0, do: 'start', router: 'B' },
          { at: 1, do: 'fail', router: 'B' },
        ],
      }),
    ).toMatch(/router B has no vrrp_script to fail/);
  });

  it('rejects stopping a router that is not running (an impossible scenario)', () => {
    expect(errorOf({ ...good, events: [{ at: 2, do: 'stop', router: 'A' }] })).toMatch(
      /events\[0\]: A is not running at 2 s \(start it first, or remove the event\)$/,
    );
  });

  it('rejects an event after the end', () => {
    expect(errorOf({ ...good, events: [{ at: 11, do: 'start', router: 'A' }] })).toMatch(
      /events\[0\]\.at: 11 s is beyond 10 s/,
    );
  });

  it('reports a JSON syntax error with its line', () => {
    const result = prepare('{\n  "routers": [\n    ,\n  ]\n}');
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.message).toBe('/s/scenario.json:3:5: not valid JSON: unexpected "," (fix the JSON syntax)');
  });

  it('reports a missing config file at its place in the scenario', () => {
    expect(errorOf({ ...good, routers: [{ name: 'A', config: 'missing.conf' }], events: [] })).toMatch(
      /:\d+:\d+: routers\[0\]\.config: cannot read .*missing.conf \(check the path; it is relative to the scenario file\)$/,
    );
  });

  it('passes a keepalived.conf error through as file:line:col', () => {
    files['/s/bad.conf'] = 'vrrp_instance VI_1 {\n  priority\n}\n';
    expect(errorOf({ ...good, routers: [{ name: 'A', config: 'bad.conf' }], events: [] })).toMatch(
      /bad\.conf:2:3: .*priority/,
    );
  });

  it('assigns addresses in order when none is given', () => {
    const result = prepare(
      JSON.stringify({
        ...good,
        routers: [
          { name: 'A', config: 'A.conf' },
          { name: 'B', config: 'B.conf' },
        ],
      }),
    );
    expect(result.ok && result.value.cluster.routers.map((r) => r.address)).toEqual(['10.99.0.1', '10.99.0.2']);
  });
});

describe('prepareScenarioFile: a config with includes', () => {
  it('is inlined whole in the self-contained scenario, which then reads the same from any folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vrrp-check-include-'));
    try {
      mkdirSync(join(dir, 'cfg', 'inc'), { recursive: true });
      // the include is relative to the config's folder, not the scenario's
      writeFileSync(join(dir, 'cfg', 'A.conf'), 'include inc/*.conf\n');
      writeFileSync(join(dir, 'cfg', 'inc', 'vi.conf'), conf({ priority: 101 }));
      writeFileSync(
        join(dir, 'scenario.json'),
        JSON.stringify({ routers: [{ name: 'A', config: 'cfg/A.conf' }], events: [], until: 5 }),
      );
      const prepared = prepareScenarioFile(join(dir, 'scenario.json'), undefined);
      if (!prepared.ok) throw new Error(prepared.message);
      expect(prepared.value.confs[0]?.instances.map((i) => i.priority)).toEqual([101]);
      const again = prepareScenarioValue(prepared.value.selfContained, join(tmpdir(), 'elsewhere.json'), undefined);
      if (!again.ok) throw new Error(again.message);
      expect(again.value.cluster).toEqual(prepared.value.cluster);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
