import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError, locateJsonPath } from '../../src/jsonLocate.ts';
import { prepareScenarioText } from '../../src/loadScenario.ts';

const scenario = `{
  "routers": [
    { "name": "A", "config": "A.conf" },
    { "name": "B", "config": "B.conf" }
  ],
  "events": []
}`;

describe('locateJsonPath', () => {
  it('finds a value by its path', () => {
    expect(locateJsonPath(scenario, ['routers', 1, 'config'])).toEqual({ line: 4, col: 30 });
    expect(locateJsonPath(scenario, ['events'])).toEqual({ line: 6, col: 13 });
  });

  it('points at the closest ancestor of a field that is missing', () => {
    expect(locateJsonPath(scenario, ['until'])).toEqual({ line: 1, col: 1 });
    expect(locateJsonPath(scenario, ['routers', 1, 'address'])).toEqual({ line: 4, col: 5 });
  });

  it('takes the last of duplicate keys, as JSON.parse does', () => {
    expect(locateJsonPath('{"a": 1, "a": 2}', ['a'])).toEqual({ line: 1, col: 15 });
  });

  it('walks 8,000 nested arrays without recursion', () => {
    const deep = `${'['.repeat(8000)}${']'.repeat(8000)}`;
    expect(locateJsonPath(deep, Array(7999).fill(0))).toEqual({ line: 1, col: 8000 });
  });
});

describe('findJsonSyntaxError', () => {
  it('says where a text stops being JSON', () => {
    expect(findJsonSyntaxError('{"a": 1,}')).toEqual({ offset: 8, found: '"}"' });
    expect(findJsonSyntaxError('[1, 2')).toEqual({ offset: 5, found: 'the end of the file' });
    expect(findJsonSyntaxError('{"a" 1}')).toEqual({ offset: 5, found: '"1"' });
    expect(findJsonSyntaxError('[1] x')).toEqual({ offset: 4, found: '"x"' });
    expect(findJsonSyntaxError('{"a": [true, null, -1.5e3, "x"]}')).toBeNull();
  });

  it('reads 8,000 (and 200,000) unclosed "[" without recursion', () => {
    expect(findJsonSyntaxError('['.repeat(8000))).toEqual({ offset: 8000, found: 'the end of the file' });
    expect(findJsonSyntaxError('['.repeat(200_000))).toEqual({ offset: 200_000, found: 'the end of the file' });
  });
});

describe('a deeply nested scenario file', () => {
  // issue 13: 8,000 "[" crashed with "Maximum call stack size exceeded" (exit 3)
  it('is one line naming file, line and column, at any depth', () => {
    const deep = (n: number) => [
      '['.repeat(n),
      `{"routers": ${'['.repeat(n)}`,
      `{"until": 1, "routers": [${'['.repeat(n)}${']'.repeat(n + 1)}}`,
    ];
    for (const text of [...deep(8000), ...deep(200_000)]) {
      const result = prepareScenarioText(text, 'deep.json', undefined, () => '');
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/^deep\.json:1:\d+: [^\n]+$/);
    }
  });
});
