import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { conformCommand } from '../../src/cli/conformCommand.ts';
import { main } from '../../src/cli/main.ts';
import { notOneLineError } from '../fuzz/oneLineError.ts';
import { refusedBypasses } from './bypassConf.ts';
import { fakeMachine } from './fakeMachine.ts';
import { twoRouterScenario } from './scenarioFile.ts';

const work = mkdtempSync(join(tmpdir(), 'vrrp-check-refused-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const B_CONF =
  'vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n    priority 90\n    virtual_ipaddress {\n        10.99.0.100/24\n    }\n}\n';

/** A two-router scenario whose router A has `text` for its config; the path of A.conf and of the scenario. */
function scenarioWith(name: string, text: string): { conf: string; scenario: string } {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'A.conf'), text);
  writeFileSync(join(dir, 'B.conf'), B_CONF);
  const scenario = twoRouterScenario(
    dir,
    [
      { at: 0, do: 'start', router: 'A' },
      { at: 0, do: 'start', router: 'B' },
    ],
    5,
  );
  return { conf: join(dir, 'A.conf'), scenario };
}

// issue 13: each of these ran a command as root in a live conform; the reader now refuses the
// file, so no command gets that far: one line naming the place, exit 2
describe('the bypasses the reader refuses: exit 2, one line with file:line:col, before anything runs', () => {
  for (const [i, bypass] of refusedBypasses('A', '/tmp/vrrp-check-pwned-refused').entries()) {
    it(bypass.what, async () => {
      const { conf, scenario } = scenarioWith(`case${i}`, bypass.text);
      const place = new RegExp(`^vrrp-check: ${conf.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${bypass.at}: `);
      // conform on a machine that has everything: refused while reading, before any namespace
      const conformed = await conformCommand([scenario], fakeMachine());
      expect(conformed.code).toBe(2);
      expect(notOneLineError(conformed.stderr)).toBeNull();
      expect(conformed.stderr).toMatch(place);
      expect(conformed.stderr).toMatch(bypass.message);
      // and check, which reads the same way
      const checked = await main(['check', conf, join(conf, '..', 'B.conf'), '--runs', '1', '--workers', '1']);
      expect(checked.code).toBe(2);
      expect(notOneLineError(checked.stderr)).toBeNull();
      expect(checked.stderr).toMatch(place);
    });
  }
});
