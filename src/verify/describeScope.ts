import type { Scope } from './explore.ts';

const sec = (us: number) => (us / 1_000_000).toFixed(3);

/** The scope in words, as the report and the docs state it. */
export function describeScope(scope: Scope): string {
  return [
    `every start order (each router starts within ${sec(scope.startByUs)} s)`,
    `≤ ${scope.faults} fault${scope.faults === 1 ? '' : 's'} (stop, kill, linkdown/linkup, isolate/rejoin)`,
    `≤ ${scope.flips} script flip${scope.flips === 1 ? '' : 's'}`,
    `≤ ${scope.restarts} restart${scope.restarts === 1 ? '' : 's'}`,
    scope.raceWindowUs === 0
      ? 'simultaneous stimuli in every order'
      : `races of routers within ${scope.raceWindowUs} µs in every order`,
    `each path judged ${sec(scope.judgeAfterUs)} s after its last event`,
  ].join(', ');
}
