/**
 * Templates are refused with one line that says so; keepalived's own `$NAME=value` definitions are
 * substituted as lib/parser.c replace_param does; `@id` line prefixes are refused, since the
 * router's keepalived config id is not known.
 */
import { describe, expect, it } from 'vitest';
import { parseKeepalivedConf } from '../../src/config/parseKeepalivedConf.ts';
import { formatConfError, type KeepalivedConf } from '../../src/config/types.ts';

const lines = (...text: string[]) => `${text.join('\n')}\n`;
const noFiles = { list: () => undefined, stat: () => undefined, read: () => undefined };
const dollar = (name: string) => `$${name}`;
const braced = (name: string) => `$${'{'}${name}}`;

function errorOf(text: string): string {
  const result = parseKeepalivedConf(text, 't.conf', noFiles);
  return result.ok ? 'accepted' : formatConfError(result.error);
}

function parsed(text: string): KeepalivedConf {
  const result = parseKeepalivedConf(text, 't.conf', noFiles);
  if (!result.ok) throw new Error(formatConfError(result.error));
  return result.conf;
}

const body = (...inner: string[]) =>
  lines(
    'vrrp_instance VI_1 {',
    '    interface eth0',
    '    virtual_router_id 51',
    ...inner,
    '    virtual_ipaddress { 10.0.0.1 }',
    '}',
  );

describe('templates', () => {
  it.each([
    [
      'a Go or Helm template',
      body('    priority {{ .Priority }}'),
      't.conf:4:14: this file looks like a template ("{{ .Priority }}" is a placeholder)',
    ],
    [
      'a Jinja or Ansible template',
      body('    priority {{ keepalived_priority }}'),
      't.conf:4:14: this file looks like a template ("{{ keepalived_priority }}"',
    ],
    [
      'a Jinja statement',
      lines('{% if primary %}', 'global_defs {', '}'),
      't.conf:1:1: this file looks like a template ("{% if primary %}"',
    ],
    [
      'an angle-bracket placeholder',
      body('    state <--STATE-->'),
      't.conf:4:11: this file looks like a template ("<--STATE-->"',
    ],
    [
      'a %NAME% placeholder',
      body('    priority %PRIORITY%'),
      't.conf:4:14: this file looks like a template ("%PRIORITY%"',
    ],
    [
      'an undefined $NAME as a value',
      body(`    interface ${dollar('IFACE')}`),
      `t.conf:4:15: this file looks like a template ("${dollar('IFACE')}"`,
    ],
    [
      'an undefined $-brace-NAME inside a word',
      lines(
        'vrrp_instance VI_1 {',
        '    interface eth0',
        '    virtual_router_id 51',
        '    virtual_ipaddress {',
        `        ${braced('VIP')}/24`,
        '    }',
        '}',
      ),
      `t.conf:5:9: this file looks like a template ("${braced('VIP')}"`,
    ],
    [
      'an undefined $NAME as a block entry',
      lines(
        'vrrp_instance VI_1 {',
        '    interface eth0',
        '    virtual_router_id 51',
        '    virtual_ipaddress {',
        `        ${dollar('VIP')}`,
        '    }',
        '}',
      ),
      `t.conf:5:9: this file looks like a template ("${dollar('VIP')}"`,
    ],
  ])('refuses %s with one line naming the place', (_name, text, start) => {
    const error = errorOf(text);
    expect(error.startsWith(start)).toBe(true);
    expect(error).toMatch(/render it first with the tool that fills it in, and check the rendered files\)$/);
    expect(error).not.toContain('\n');
  });

  it("leaves a command's own $, braces and % alone: it is never run, and keepalived passes it on as written", () => {
    const conf = parsed(
      lines(
        'vrrp_script chk {',
        `    script "/usr/bin/test -f ${dollar('RUN')}/flag && date +%H%M {{x}}"`,
        '}',
        'vrrp_instance VI_1 {',
        '    interface eth0',
        '    virtual_router_id 51',
        `    notify_master "/etc/keepalived/notify.sh ${braced('STATE')} %i%"`,
        '    authentication {',
        '        auth_type PASS',
        `        auth_pass ${dollar('ecret')}`,
        '    }',
        '    virtual_ipaddress { 10.0.0.1 }',
        '}',
      ),
    );
    expect(conf.scripts[0]?.script).toBe(`/usr/bin/test -f ${dollar('RUN')}/flag && date +%H%M {{x}}`);
    expect(conf.instances[0]?.authentication?.pass).toBe(dollar('ecret'));
  });
});

describe('$NAME=value definitions (lib/parser.c check_definition, replace_param)', () => {
  it('substitutes $NAME and its braced form, in the order the file defines them, and a later definition replaces an earlier one', () => {
    const conf = parsed(
      lines(
        '$IF=eth1',
        '$PRIO=100',
        `$VIPS=10.0.0.1/24 ${dollar('IF')}`,
        'vrrp_instance VI_1 {',
        `    interface ${dollar('IF')}`,
        '    virtual_router_id 51',
        `    priority ${braced('PRIO')}`,
        '    virtual_ipaddress {',
        `        ${dollar('VIPS')}`,
        '    }',
        '}',
        '$PRIO=50',
        'vrrp_instance VI_2 {',
        '    interface eth0',
        '    virtual_router_id 52',
        `    priority ${dollar('PRIO')}`,
        '    virtual_ipaddress { 10.0.1.1 }',
        '}',
      ),
    );
    expect(conf.instances.map((i) => [i.interface, i.priority, i.virtualIpAddresses])).toEqual([
      ['eth1', 100, ['10.0.0.1/24']],
      ['eth0', 50, ['10.0.1.1']],
    ]);
  });

  it("knows keepalived's standard definitions, and refuses the ones that depend on how it is started", () => {
    const conf = parsed(body(`    priority 10${dollar('_HASH')} the rest is a comment`));
    expect(conf.instances[0]?.priority).toBe(10);
    expect(errorOf(body(`    priority ${dollar('_RANDOM')}`))).toMatch(
      /^t\.conf:4:14: "\$_RANDOM" depends on how keepalived is started/,
    );
    expect(errorOf(body(`    priority ${dollar('_INSTANCE')}`))).toMatch(
      /^t\.conf:4:14: "\$_INSTANCE" depends on how keepalived is started/,
    );
  });

  it('is not a definition with a blank before "=" (check_definition), and refuses what it does not support', () => {
    expect(errorOf(lines(`${dollar('A')} = 1`))).toMatch(/^t\.conf:1:1: this file looks like a template \("\$A"/);
    expect(errorOf(lines(`${dollar('A')}=1 \\`, '2'))).toMatch(/^t\.conf:1:1: multi-line definition "\$A"/);
    expect(errorOf(lines('~SEQ(N, 1, 3)', 'vrrp_instance VI_$N {'))).toMatch(
      /^t\.conf:1:1: ~SEQ \(keepalived's line generator\) is not supported/,
    );
    expect(errorOf(lines(`${dollar('A')}=${dollar('A')}${dollar('A')}`, body(`    priority ${dollar('A')}`)))).toMatch(
      /^t\.conf:5:14: "\$A" expands without end/,
    );
  });
});

describe('@id line prefixes', () => {
  it("refuses them: which lines apply depends on the router's config id, which vrrp-check cannot know", () => {
    expect(errorOf(lines('@lb1 global_defs {', '}'))).toBe(
      't.conf:1:1: line prefix "@lb1" makes the line apply only on the host whose keepalived config id matches (-i, else the host name); vrrp-check cannot tell which router runs this file (give each router its own file, without "@" prefixes)',
    );
    expect(errorOf(lines('global_defs {', '   @^lb2 router_id x', '}'))).toMatch(/^t\.conf:2:4: line prefix "@\^lb2"/);
  });
});
