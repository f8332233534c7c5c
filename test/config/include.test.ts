/** `include` as keepalived 2.2.7 follows it (lib/parser.c check_include, open_glob_file, open_conf_file). */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandBraces, globFiles } from '../../src/config/globFiles.ts';
import type { IncludeHost } from '../../src/config/includeHost.ts';
import { parseKeepalivedConf } from '../../src/config/parseKeepalivedConf.ts';
import { INCLUDE_LIMITS } from '../../src/config/readConfLines.ts';
import { formatConfError, formatConfWarning, type ParseResult } from '../../src/config/types.ts';
import { keepalivedConfigTest, keepalivedUnavailable } from './keepalivedConfigTest.ts';

const root = mkdtempSync(join(tmpdir(), 'vrrp-check-include-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Writes `files` (path relative to a fresh directory → text) and returns that directory. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(root, 't-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const instance = (name: string, vrid: number, ...body: string[]) =>
  [
    `vrrp_instance ${name} {`,
    '    interface eth0',
    `    virtual_router_id ${vrid}`,
    '    virtual_ipaddress { 10.0.0.1/24 }',
    ...body,
    '}',
    '',
  ].join('\n');

function parseFile(dir: string, name: string, host?: IncludeHost): ParseResult {
  const file = relative(process.cwd(), join(dir, name));
  return parseKeepalivedConf(readFileSync(file, 'utf8'), file, host);
}

function ok(result: ParseResult) {
  if (!result.ok) throw new Error(formatConfError(result.error));
  return result.conf;
}

describe('include', () => {
  it('follows a glob relative to the including file, in sorted order, and a file made only of includes works', () => {
    const dir = tree({
      'keepalived.conf': '! only includes\ninclude conf.d/*.conf\n',
      'conf.d/20-instance.conf': instance('VI_1', 51, '    track_script {', '        chk', '    }'),
      'conf.d/10-script.conf': 'vrrp_script chk {\n    script "/bin/true"\n}\n',
      'conf.d/notes.txt': 'not a conf',
    });
    const conf = ok(parseFile(dir, 'keepalived.conf'));
    expect(conf.instances.map((i) => [i.name, i.trackScripts.map((t) => t.name)])).toEqual([['VI_1', ['chk']]]);
    expect(conf.sources.map((s) => s.slice(s.lastIndexOf('/') + 1))).toEqual([
      'keepalived.conf',
      '10-script.conf',
      '20-instance.conf',
    ]);
    expect(conf.warnings).toEqual([]);
  });

  it('gives a problem in an included file with that file, line and column', () => {
    const dir = tree({
      'keepalived.conf': 'include parts/vi.conf\n',
      'parts/vi.conf': '\nvrrp_instance VI_1 {\n    interface eth0\n    priority\n}\n',
    });
    const result = parseFile(dir, 'keepalived.conf');
    expect(result.ok ? '' : formatConfError(result.error)).toBe(
      `${relative(process.cwd(), join(dir, 'parts/vi.conf'))}:4:5: priority needs a value: an integer from 1 to 255 (write e.g. "priority 100")`,
    );
  });

  it('follows includes of includes, relative to each file, and brace alternatives in their order', () => {
    const dir = tree({
      'keepalived.conf': 'include a/{second,first}.conf\n',
      'a/second.conf': 'include ../b/x.conf\n',
      'a/first.conf': instance('VI_2', 52),
      'b/x.conf': instance('VI_1', 51),
    });
    expect(ok(parseFile(dir, 'keepalived.conf')).instances.map((i) => i.name)).toEqual(['VI_1', 'VI_2']);
  });

  it('reads on past an include that matches nothing, a directory and an executable, as keepalived does', () => {
    const dir = tree({
      'keepalived.conf': `include missing/*.conf\ninclude d*\ninclude run.conf\n${instance('VI_1', 51)}`,
      'dir/x.conf': instance('VI_9', 59),
      'run.conf': instance('VI_8', 58),
    });
    chmodSync(join(dir, 'run.conf'), 0o755);
    const conf = ok(parseFile(dir, 'keepalived.conf'));
    expect(conf.instances.map((i) => i.name)).toEqual(['VI_1']);
    expect(conf.warnings.map(formatConfWarning).map((w) => w.slice(w.indexOf('warning:')))).toEqual([
      'warning: include "missing/*.conf" matches no file: keepalived reads on without it',
      `warning: include "d*": ${relative(process.cwd(), join(dir, 'dir'))} is a directory, skipped as keepalived does`,
      'warning: include "d*" matches no file: keepalived reads on without it',
      `warning: include "run.conf": ${relative(process.cwd(), join(dir, 'run.conf'))} is not a regular non-executable readable file, skipped as keepalived does`,
      'warning: include "run.conf" matches no file: keepalived reads on without it',
    ]);
  });

  it('refuses a strict include (includem, includew, includea) that matches nothing', () => {
    for (const variant of ['includem', 'includew', 'includea']) {
      const dir = tree({ 'keepalived.conf': `${variant} nothere.conf\n${instance('VI_1', 51)}` });
      const result = parseFile(dir, 'keepalived.conf');
      expect(result.ok ? '' : formatConfError(result.error)).toMatch(
        new RegExp(`keepalived\\.conf:1:\\d+: ${variant} "nothere\\.conf" matches no file`),
      );
    }
  });

  it('names a pattern with a tab in it escaped: the error stays one line a terminal only shows (fuzz seed 1218550053)', () => {
    // keepalived takes the rest of the line as the pattern, tabs and all (check_include)
    const dir = tree({ 'keepalived.conf': `includea /tmp/x \tweight 2\n${instance('VI_1', 51)}` });
    const result = parseFile(dir, 'keepalived.conf');
    const line = result.ok ? '' : formatConfError(result.error);
    expect(line).toContain('includea "/tmp/x \\tweight 2" matches no file');
    expect(line).not.toMatch(/\t/);
  });

  it('includes anywhere a line starts, even inside a block', () => {
    const dir = tree({
      'keepalived.conf': 'vrrp_instance VI_1 {\n    include body.conf\n}\n',
      'body.conf': 'interface eth1\nvirtual_router_id 7\nvirtual_ipaddress { 10.0.0.7 }\n',
    });
    expect(ok(parseFile(dir, 'keepalived.conf')).instances.map((i) => [i.interface, i.virtualRouterId])).toEqual([
      ['eth1', 7],
    ]);
  });

  it('gives one text with the included files in it, which parses the same without any file', () => {
    const dir = tree({
      'keepalived.conf': 'global_defs {\n    router_id lb1\n}\ninclude conf.d/*.conf\n',
      'conf.d/vi.conf': instance('VI_1', 51, '    priority 150'),
    });
    const conf = ok(parseFile(dir, 'keepalived.conf'));
    const noFiles: IncludeHost = { list: () => undefined, stat: () => undefined, read: () => undefined };
    const again = ok(parseKeepalivedConf(conf.text, 'again.conf', noFiles));
    expect(again.sources).toEqual(['again.conf']);
    const shape = (c: typeof conf) => c.instances.map((i) => [i.name, i.interface, i.virtualRouterId, i.priority]);
    expect([again.routerId, shape(again)]).toEqual(['lb1', shape(conf)]);
  });

  it('stops an include loop and an include that reads too much, with the place', () => {
    const loop = tree({ 'keepalived.conf': 'include keepalived.conf\n' });
    const looped = parseFile(loop, 'keepalived.conf');
    expect(looped.ok ? '' : formatConfError(looped.error)).toMatch(
      new RegExp(`keepalived\\.conf:1:9: include nested more than ${INCLUDE_LIMITS.depth} deep`),
    );
    // a virtual directory of more files than the bound, each one line
    const many: IncludeHost = {
      list: (d) =>
        d.endsWith('many') ? Array.from({ length: INCLUDE_LIMITS.files + 5 }, (_, i) => `f${i}.conf`) : undefined,
      stat: (p) => (p.includes('many') ? { directory: p.endsWith('many'), readable: !p.endsWith('many') } : undefined),
      read: () => '! nothing\n',
    };
    const result = parseKeepalivedConf('include many/*.conf\n', 'k.conf', many);
    expect(result.ok ? '' : formatConfError(result.error)).toMatch(
      /^k\.conf:1:9: include "many\/\*\.conf" reads more than 256 files/,
    );
  });

  it('reads only what the pattern names: no directory listing above it, no file it does not match', () => {
    const listed: string[] = [];
    const read: string[] = [];
    const host: IncludeHost = {
      list: (d) => {
        listed.push(d);
        return d === 'etc/k/conf.d' ? ['a.conf', 'b.txt', '.hidden.conf'] : undefined;
      },
      stat: (p) => (p.startsWith('etc/k/conf.d') ? { directory: false, readable: true } : undefined),
      read: (p) => {
        read.push(p);
        return '';
      },
    };
    ok(parseKeepalivedConf('include conf.d/*.conf\n', 'etc/k/keepalived.conf', host));
    expect([listed, read]).toEqual([['etc/k/conf.d'], ['etc/k/conf.d/a.conf']]);
  });

  it('expands brace alternatives from the outside in', () => {
    expect(expandBraces('a{b,c{d,e}}f')).toEqual(['abf', 'acdf', 'acef']);
    expect(expandBraces('plain')).toEqual(['plain']);
    const host: IncludeHost = {
      list: () => ['x1.conf', 'x2.conf', 'y.conf'],
      stat: () => ({ directory: false, readable: true }),
      read: () => '',
    };
    expect(globFiles('d/x[12].conf', '/base', host)).toEqual(['/base/d/x1.conf', '/base/d/x2.conf']);
    expect(globFiles('/abs/?.conf', '/base', host)).toEqual(['/abs/y.conf']);
  });

  const why = keepalivedUnavailable();
  it(`keepalived follows the same includes${why === null ? '' : ` (skipped: ${why})`}`, (context) => {
    if (why !== null) context.skip(why);
    const dir = tree({
      'keepalived.conf': 'include conf.d/*.conf\ninclude missing/*.conf\n',
      'conf.d/vi.conf': instance('VI_1', 51),
      'conf.d/vi2.conf': instance('VI_2', 51),
    });
    // the two included instances conflict: keepalived must have read both files to say so
    const ours = parseFile(dir, 'keepalived.conf');
    expect(ours.ok ? '' : ours.error.message).toMatch(/like vrrp_instance VI_1/);
    expect(keepalivedConfigTest(join(dir, 'keepalived.conf'), ['eth0']).reason).toMatch(
      /VI_1 and VI_2 both use VRID 51/,
    );
  });
});
