import fc from 'fast-check';
import { scenarioEventKinds } from '../../src/scenario.ts';

/** JSON values at and beyond the edges of what a scenario accepts. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    0,
    -1,
    0.5,
    1e-7,
    86_400,
    86_401,
    1e308,
    -0,
    4_294_967_295,
    4_294_967_296,
    2.5,
    '',
    'A',
    'B',
    'C',
    'A\nB',
    '\x1b[31m',
    '\u202e',
    '__proto__',
    'constructor',
    'toString',
    ...scenarioEventKinds,
    'reboot',
    'keepalived-1.2',
    'keepalived-2.2',
    'keepalived-3',
    'chk',
    'eth0',
    'eth1',
    'lo',
    'A.conf',
    'B.conf',
    'missing.conf',
    '/dev/zero',
    '/dev/null',
    '/',
    '.',
    '10.99.0.1',
    '10.99.0.256',
    true,
    false,
    null,
    [],
    {},
    [[[[]]]],
    { max: 0.0002, seed: 3 },
  ),
  fc.string({ maxLength: 6 }),
  fc.double({ noNaN: true }),
  fc.integer(),
);

type Edit =
  | { readonly kind: 'set' | 'add'; readonly path: readonly number[]; readonly value: unknown; readonly key: string }
  | { readonly kind: 'remove' | 'duplicate'; readonly path: readonly number[] };

const keys = [
  'description',
  'profile',
  'routers',
  'events',
  'until',
  'jitter',
  'name',
  'address',
  'config',
  'configText',
  'scripts',
  'at',
  'do',
  'router',
  'script',
  'interface',
  'max',
  'seed',
  'chk',
  'untill',
  '__proto__',
];

/**
 * Mutated copies of JSON `seeds`: values replaced by odd ones, keys added, removed and
 * duplicated anywhere in the tree, then printed compact or indented.
 */
export function mutatedJson(seeds: readonly unknown[], maxEdits = 4): fc.Arbitrary<string> {
  const path = fc.array(fc.nat({ max: 1000 }), { minLength: 0, maxLength: 5 });
  const edit: fc.Arbitrary<Edit> = fc.oneof(
    fc.record({
      kind: fc.constantFrom('set' as const, 'add' as const),
      path,
      value: oddValue,
      key: fc.constantFrom(...keys),
    }),
    fc.record({ kind: fc.constantFrom('remove' as const, 'duplicate' as const), path }),
  );
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(edit, { minLength: 1, maxLength: maxEdits }), fc.boolean())
    .map(([seed, edits, pretty]) => {
      const tree = structuredClone(seed);
      for (const e of edits) apply(tree, e);
      return JSON.stringify(tree, null, pretty ? 2 : undefined) ?? 'null';
    });
}

/** The container and key a path leads to (each step picks a child by index modulo the count). */
function locate(
  tree: unknown,
  path: readonly number[],
): { parent: Record<string, unknown> | unknown[]; key: string | number } | null {
  let node = tree;
  let found: { parent: Record<string, unknown> | unknown[]; key: string | number } | null = null;
  for (const step of path) {
    if (typeof node !== 'object' || node === null) break;
    const entries = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
    if (entries.length === 0) break;
    const key = entries[step % entries.length] as string | number;
    found = { parent: node as Record<string, unknown> | unknown[], key };
    node = (node as Record<string | number, unknown>)[key];
  }
  return found;
}

function apply(tree: unknown, edit: Edit): void {
  // a fresh copy each time: fast-check hands out the same constant objects again
  if (edit.kind === 'set' || edit.kind === 'add') edit = { ...edit, value: structuredClone(edit.value) };
  const at = locate(tree, edit.path);
  if (at === null) return;
  const { parent, key } = at;
  const holder = parent as Record<string | number, unknown>;
  if (edit.kind === 'set') holder[key] = edit.value;
  else if (edit.kind === 'add') {
    const target = holder[key];
    if (Array.isArray(target)) target.push(edit.value);
    else if (typeof target === 'object' && target !== null) {
      Object.defineProperty(target, edit.key, {
        value: edit.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else holder[key] = edit.value;
  } else if (edit.kind === 'remove') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete holder[key];
  } else if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(parent[key as number]));
}
