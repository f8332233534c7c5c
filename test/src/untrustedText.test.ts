import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { escapeText, quoteText } from '../../src/escapeText.ts';

const dir = mkdtempSync(join(tmpdir(), 'vrrp-check-text-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hasRaw = (text: string | undefined) => RAW.test(text ?? '');

/** Anything a terminal acts on instead of showing: C0 but newline, DEL, C1, bidi controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const RAW = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

const instance = (name: string) =>
  `vrrp_instance ${name} {\n interface eth0\n virtual_router_id 51\n priority 100\n virtual_ipaddress {\n  10.99.0.100/24\n }\n}\n`;

function scenario(file: string, value: unknown): string {
  const path = join(dir, file);
  writeFileSync(path, JSON.stringify(value, null, 2));
  return path;
}

describe('escapeText and quoteText', () => {
  it('show control characters and reordering marks escaped', () => {
    expect(escapeText('a\x1b[31mb\x07c\u202ed\x9be\x00\x7f')).toBe('a\\x1b[31mb\\x07c\\u202ed\\u009be\\x00\\u007f');
    expect(escapeText('one\ntwo\tthree\r')).toBe('one\\ntwo\\tthree\\r');
    expect(escapeText('one\ntwo\tthree', { keepLines: true })).toBe('one\ntwo\tthree');
    expect(quoteText('say "hi"\\')).toBe('"say \\"hi\\"\\\\"');
    expect(escapeText('VI_1 é ü 10.0.0.1/24')).toBe('VI_1 é ü 10.0.0.1/24');
  });
});

// issue 13: escape sequences from config words and router names reached the terminal, and a
// router name with a newline split a one-line error
describe('untrusted text reaches the terminal escaped', () => {
  it('a router name with a newline and an escape sequence: still one line, shown escaped', async () => {
    const file = scenario('name.json', {
      routers: [{ name: 'A\n\x1b]0;owned\x07', configText: instance('VI_1') }],
      until: 5,
    });
    const result = await main(['run', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^vrrp-check: [^\n]+name\.json:\d+:\d+: routers\[0\]\.name: router name "A\\n\\x1b\]0;owned\\x07" is not usable in logs/,
    );
    expect(result.stderr).toMatch(/^[^\n]*\n$/);
    expect(result.stderr).not.toMatch(RAW);
  });

  it('run --format json stays JSON whatever a name holds', async () => {
    const file = scenario('json.json', {
      routers: [{ name: 'A', configText: instance('VI\x1b\x7f\x85\u2028\u202e') }],
      events: [{ at: 0, do: 'start', router: 'A' }],
      until: 5,
    });
    const result = await main(['run', file, '--format', 'json']);
    expect(result.code).toBe(0);
    expect(hasRaw(result.stdout)).toBe(false);
    const trace = JSON.parse(result.stdout ?? '') as { entries: { instance?: string }[] };
    expect(trace.entries.find((entry) => entry.instance)?.instance).toBe('VI\x1b\x7f\x85\u2028\u202e');
  });

  it("a config word with an escape sequence: the run's log shows it escaped", async () => {
    const file = scenario('word.json', {
      routers: [{ name: 'A', configText: instance('VI\x1b[2J\u202e') }],
      events: [{ at: 0, do: 'start', router: 'A' }],
      until: 5,
    });
    const result = await main(['run', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/ \(VI\\x1b\[2J\\u202e\) Entering BACKUP STATE/);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(RAW);
  });

  it('a file name with a newline: one line', async () => {
    const result = await main(['run', join(dir, 'no\nsuch\x1b.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^vrrp-check: \S*no\\nsuch\\x1b\.json: cannot read the scenario file \(check the path\)\n$/,
    );
  });

  it('an unknown event kind, field and script with control characters: one line each', async () => {
    const cases = [
      { routers: [{ name: 'A', configText: instance('VI_1') }], until: 5, 'x\ny': 1 },
      {
        routers: [{ name: 'A', configText: instance('VI_1') }],
        until: 5,
        events: [{ at: 0, do: 'st\nart', router: 'A' }],
      },
      { routers: [{ name: 'A', configText: instance('VI_1'), scripts: { 'c\nk\x1b': 'ok' } }], until: 5 },
      {
        routers: [{ name: 'A', configText: instance('VI_1') }],
        until: 5,
        events: [{ at: 0, do: 'start', router: 'B\n' }],
      },
    ];
    for (const [i, value] of cases.entries()) {
      const result = await main(['run', scenario(`case${i}.json`, value)]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^vrrp-check: [^\n]+:\d+:\d+: [^\n]+\n$/);
      expect(result.stderr).not.toMatch(RAW);
    }
  });

  it('an option with a newline: one line', async () => {
    const result = await main(['run', '--profile', 'keepalived\n-2.2', 'x.json']);
    expect(result.stderr).toMatch(/^vrrp-check: --profile must be one of [^\n]+ \(got "keepalived\\n-2\.2"\)\n$/);
  });
});

// issue 13: 91 of 2,355 exit-2 messages had no line and column
describe('every exit-2 message about a file names file:line:col', () => {
  const cases: readonly (readonly [string, unknown, RegExp])[] = [
    ['no "until"', { routers: [{ name: 'A', configText: instance('VI_1') }] }, /:1:1: until: a scenario needs "until"/],
    ['no "routers"', { until: 5 }, /:1:1: routers: a scenario needs a non-empty "routers" list/],
    [
      '"scripts" naming a vrrp_script the config lacks',
      { routers: [{ name: 'A', configText: instance('VI_1'), scripts: { chk: 'fail' } }], until: 5 },
      /:\d+:\d+: routers\[0\]\.scripts\.chk: no vrrp_script "chk" in \S+ \(the config has no vrrp_script\)/,
    ],
    [
      'two instances of one router on one VRID',
      { routers: [{ name: 'A', configText: instance('VI_1') + instance('VI_2') }], until: 5 },
      // the reader refuses it as keepalived does (vrrp.c check_vrid_conflicts), at the second VRID
      /configText:11:20: vrrp_instance VI_2 has virtual_router_id 51 like vrrp_instance VI_1 \(line 3\) and both use it on interface eth0: keepalived refuses the configuration/,
    ],
    [
      'a router that is not an object',
      { routers: [3], until: 5 },
      /:\d+:\d+: routers\[0\]: a router must be an object/,
    ],
  ];
  for (const [what, value, message] of cases) {
    it(what, async () => {
      const result = await main(['run', scenario('pos.json', value)]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^vrrp-check: \S+:\d+:\d+: [^\n]+\n$/);
      expect(result.stderr).toMatch(message);
    });
  }
});
