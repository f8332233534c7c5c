/**
 * The wild set: real keepalived.conf files from public repositories (examples/wild/, each
 * folder a cluster with its SOURCE.md). `vrrp-check check` must answer on every one (exit 0 or 1,
 * nothing "could not be checked") or refuse it with one file:line:col line (exit 2), and — where
 * keepalived 2.2.7 is installed — refuse exactly what keepalived refuses.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCommand } from '../../src/cli/checkCommand.ts';
import { interfacesIn, keepalivedConfigTest, keepalivedUnavailable } from '../config/keepalivedConfigTest.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const WILD = join(ROOT, 'examples', 'wild');
const out = mkdtempSync(join(tmpdir(), 'vrrp-check-wild-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/**
 * What each cluster is: 'checked' (exit 0 or 1), or refused with a message (a part of it). A
 * template or an @-prefixed file is refused however keepalived takes it: what it would run is not
 * in the file.
 */
const EXPECTED: Record<string, 'checked' | { readonly refused: string; readonly cannotKnow?: true }> = {
  'aws-failover-template': { refused: 'looks like a template ("{{ LOCAL_IP }}"', cannotKnow: true },
  'contabo-haproxy': 'checked',
  'cyberark-nginx-unicast': 'checked',
  'dnsmasq-sed-placeholders': {
    refused: 'virtual_router_id "KEEPALIVE_ID" of vrrp_instance dnsmasq is not an integer',
  },
  'docker-active-passive': 'checked',
  'docker-lb-template': { refused: 'looks like a template ("{{STATE}}"', cannotKnow: true },
  'docker-use-vmac': 'checked',
  'haproxy-eth2-garp': 'checked',
  'haproxy-halb': 'checked',
  'haproxy-lvs-sync-daemon': 'checked',
  'haproxy-same-router-id': 'checked',
  'haproxy-vips-template': { refused: 'looks like a template ("{{INTERFACE}}"', cannotKnow: true },
  'hcloud-wireguard-ah': 'checked',
  'ingress-anonymized-vip': 'checked',
  'k0s-semicolons': 'checked',
  'k8s-haproxy-nopreempt': 'checked',
  'k8s-state-slave-owners': 'checked',
  'k8s-three-masters-state-slave': 'checked',
  'keydb-track-process': { refused: 'looks like a template ("__VIRTUAL_IP__"', cannotKnow: true },
  'kubeadm-lb-haproxy': 'checked',
  'mysql-lvs-both-backup': 'checked',
  'mysql-pxc-docker-twins': 'checked',
  'nextcloud-haproxy': 'checked',
  'nginx-notification-email': 'checked',
  'nginx-one-file-both-nodes': 'checked',
  'nginx-unicast-docker': 'checked',
  'opensips-lvs-nat': 'checked',
  'pihole-placeholders': { refused: 'looks like a template ("[eth0 | wlan0]"', cannotKnow: true },
  'pihole-unicast-ah': 'checked',
  'rabbitmq-three-nodes-unicast': 'checked',
  'recruitee-template': { refused: 'looks like a template ("{{STATE}}"', cannotKnow: true },
  'seaweedfs-template': { refused: `looks like a template ("$${'{'}router_id}"`, cannotKnow: true },
  'upstream-conditional': { refused: 'line prefix "@high"', cannotKnow: true },
  'upstream-localcheck': 'checked',
  'upstream-scripts-sync': 'checked',
  'upstream-sync-groups': 'checked',
};

const folders = readdirSync(WILD, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

function confsOf(folder: string): string[] {
  return readdirSync(join(WILD, folder))
    .filter((f) => f.endsWith('.conf'))
    .sort()
    .map((f) => relative(process.cwd(), join(WILD, folder, f)));
}

describe('the wild set', () => {
  it('has at least 30 clusters, each with its SOURCE.md, and an expectation for each', () => {
    expect(folders.length).toBeGreaterThanOrEqual(30);
    for (const folder of folders) {
      const source = readFileSync(join(WILD, folder, 'SOURCE.md'), 'utf8');
      expect(source).toMatch(/^- repository: https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/m);
      expect(source).toMatch(/^- commit: [0-9a-f]{40}$/m);
      expect(confsOf(folder).length).toBeGreaterThan(0);
    }
    expect(Object.keys(EXPECTED).sort()).toEqual(folders);
  });

  it.for(folders)('%s: check answers, or refuses with one file:line:col line', async (folder) => {
    const result = await checkCommand([
      ...confsOf(folder),
      '--runs',
      '5',
      '--seed',
      '1',
      '--workers',
      '1',
      '--out',
      join(out, folder),
    ]);
    const said = `${result.stdout ?? ''}${result.stderr ?? ''}`;
    expect(said).not.toMatch(/could not be checked/);
    const expected = EXPECTED[folder] ?? 'checked';
    if (expected === 'checked') {
      expect([0, 1], said.slice(0, 2000)).toContain(result.code);
    } else {
      expect(result.code).toBe(2);
      const lines = (result.stderr ?? '').split('\n').filter((l) => l !== '' && !l.includes(': warning: '));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^vrrp-check: examples\/wild\/[\w.-]+\/[\w.-]+\.conf:\d+:\d+: .+ \(.+\)$/);
      expect(lines[0]).toContain(expected.refused);
    }
  });

  const why = keepalivedUnavailable();
  describe(`keepalived -t refuses exactly what check refuses${why === null ? '' : ` (skipped: ${why})`}`, () => {
    it.for(folders)('%s', (folder, context) => {
      if (why !== null) context.skip(why);
      const expected = EXPECTED[folder];
      if (expected !== 'checked' && expected?.cannotKnow === true) {
        context.skip('a template or @-prefixed file: what keepalived would run is not in the file');
      }
      const files = confsOf(folder);
      const interfaces = interfacesIn(files.map((f) => readFileSync(f, 'utf8')));
      const refusals = files.flatMap((file) => {
        const verdict = keepalivedConfigTest(join(process.cwd(), file), interfaces, join(WILD, folder));
        return verdict.rejects ? [`${file}: ${verdict.reason}`] : [];
      });
      expect(refusals.length > 0 ? 'refuses' : 'accepts', refusals.join('\n')).toBe(
        expected === 'checked' ? 'accepts' : 'refuses',
      );
    });
  });
});
