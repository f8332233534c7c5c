import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { prepareScenarioFile } from '../../src/loadScenario.ts';
import { acceptedBypassConf, refusedBypasses } from '../conform/bypassConf.ts';

const ROOT = join(import.meta.dirname, '..', '..');

function files(dir: string, name: (file: string) => boolean): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) return files(path, name);
      return name(entry) ? [path] : [];
    });
}

/** Where the include files of the accepted bypass config are (fuzzIncludeHost serves them). */
export const FUZZ_INCLUDES = '/tmp/vrrp-check-fuzz-inc';

/**
 * Every keepalived.conf of the project (examples, fixtures) and the bypass configs of issue 13:
 * the one the reader accepts (its includes in `includeDir`) and each it refuses.
 */
export function confSeeds(includeDir = FUZZ_INCLUDES): string[] {
  const paths = [
    ...files(join(ROOT, 'examples'), (f) => f.endsWith('.conf')),
    ...files(join(ROOT, 'test', 'fixtures', 'conf'), (f) => f.endsWith('.conf')),
  ];
  const texts = new Set(paths.map((path) => readFileSync(path, 'utf8')));
  return [
    ...texts,
    acceptedBypassConf('A', '/tmp/vrrp-check-fuzz', includeDir),
    ...refusedBypasses('A', '/tmp/vrrp-check-fuzz').map((bypass) => bypass.text),
  ];
}

/**
 * Every example scenario, with its configs inline, and the same with `config` paths to A.conf,
 * B.conf, C.conf (as conf files the fuzz tests provide).
 */
export function scenarioSeeds(): unknown[] {
  const seeds: unknown[] = [];
  for (const path of files(join(ROOT, 'examples'), (f) => f === 'scenario.json')) {
    const prepared = prepareScenarioFile(path, undefined);
    if (!prepared.ok) throw new Error(prepared.message);
    const inline = prepared.value.selfContained;
    seeds.push(inline);
    seeds.push({
      ...inline,
      routers: inline.routers.map(({ configText: _text, ...router }, i) => ({
        ...router,
        config: `${'ABC'[i % 3]}.conf`,
      })),
    });
  }
  return seeds;
}
