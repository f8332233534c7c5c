/** How `check` names its routers and what it gives the simulator (src/cli/checkCommand.ts readConfs). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCommand, readConfs } from '../../src/cli/checkCommand.ts';

const dir = mkdtempSync(join(tmpdir(), 'vrrp-check-names-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const conf = (state: string, priority: number, routerId?: string) =>
  [
    ...(routerId === undefined ? [] : ['global_defs {', `    router_id ${routerId}`, '}']),
    'vrrp_instance VI_1 {',
    `    state ${state}`,
    '    interface eth0',
    '    virtual_router_id 51',
    `    priority ${priority}`,
    '    virtual_ipaddress { 10.0.0.100/24 }',
    '}',
    '',
  ].join('\n');

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('readConfs router names', () => {
  it('keeps long file names that differ only at the end apart, within 32 characters', () => {
    const a = write('keepalived-haproxy-frontend-primary-node-a.conf', conf('MASTER', 110));
    const b = write('keepalived-haproxy-frontend-primary-node-b.conf', conf('BACKUP', 100));
    const result = readConfs([a, b], []);
    if (typeof result === 'string') throw new Error(result);
    const names = result.routers.map((r) => r.name);
    expect(names).toEqual(['keepalived-haproxy-..mary-node-a', 'keepalived-haproxy-..mary-node-b']);
    for (const name of names) expect(name).toMatch(/^[A-Za-z0-9_.-]{1,32}$/);
  });

  it('numbers a repeated router_id within 32 characters', () => {
    const long = 'r'.repeat(40);
    const files = [write('x1.conf', conf('MASTER', 110, long)), write('x2.conf', conf('BACKUP', 100, long))];
    const result = readConfs(files, []);
    if (typeof result === 'string') throw new Error(result);
    expect(result.routers.map((r) => r.name)).toEqual([
      `${'r'.repeat(19)}..${'r'.repeat(11)}`,
      `${'r'.repeat(19)}..${'r'.repeat(9)}-2`,
    ]);
  });

  it('checks such a pair without any "could not be checked"', async () => {
    const a = write('keepalived-nginx-ingress-controller-lb-1.conf', conf('MASTER', 110));
    const b = write('keepalived-nginx-ingress-controller-lb-2.conf', conf('BACKUP', 100));
    const result = await checkCommand([
      a,
      b,
      '--runs',
      '3',
      '--seed',
      '1',
      '--workers',
      '1',
      '--out',
      join(dir, 'out'),
    ]);
    expect(`${result.stdout ?? ''}${result.stderr ?? ''}`).not.toMatch(/could not be checked/);
    expect([0, 1]).toContain(result.code);
  });

  it('gives the simulator the configuration with its includes in it', () => {
    write('part.conf', conf('MASTER', 110));
    const main = write('main.conf', 'include part.conf\n');
    const result = readConfs([main], []);
    if (typeof result === 'string') throw new Error(result);
    expect(result.routers[0]?.configText).toContain('virtual_router_id 51');
    expect(result.routers[0]?.configText).not.toMatch(/^include/m);
  });
});
