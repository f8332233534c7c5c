import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes `dir`/scenario.json: routers A (10.99.0.1) and B (10.99.0.2) on A.conf and B.conf of `dir`; its path. */
export function twoRouterScenario(dir: string, events: readonly object[], until: number): string {
  const file = join(dir, 'scenario.json');
  writeFileSync(
    file,
    JSON.stringify({
      routers: [
        { name: 'A', address: '10.99.0.1', config: 'A.conf' },
        { name: 'B', address: '10.99.0.2', config: 'B.conf' },
      ],
      events,
      until,
    }),
  );
  return file;
}
