import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSignificantMessage } from '../../src/compare/compareWithRecording.ts';
import { prepareScenarioFile } from '../../src/loadScenario.ts';
import { renderMessages } from '../../src/renderLog.ts';
import { simulate } from '../../src/simulate.ts';
import type { Trace } from '../../src/trace.ts';
import { EXAMPLES } from './oracleRecordings.ts';

/** The article's syslog lines for one router: seconds since its first line, and the message. */
function articleLog(example: number, router: string): { t: number; text: string }[] {
  const text = readFileSync(join(EXAMPLES, `seed-example-${example}`, `article-${router}.log`), 'utf8');
  const lines = text.split('\n').flatMap((line) => {
    const m = /^\w{3} \d+ (\d\d):(\d\d):(\d\d) \S+ Keepalived\S*: (.*)$/.exec(line);
    return m === null ? [] : [{ t: Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]), text: m[4] as string }];
  });
  const start = lines[0]?.t ?? 0;
  return lines.map((line) => ({ t: line.t - start, text: line.text }));
}

function run(example: number): Trace {
  const prepared = prepareScenarioFile(join(EXAMPLES, `seed-example-${example}`, 'scenario.json'), undefined);
  if (!prepared.ok) throw new Error(prepared.message);
  const { cluster, scenario } = prepared.value;
  return simulate(cluster, scenario.events, scenario.until);
}

const startOf = (trace: Trace, router: string) =>
  trace.entries.find((e) => e.kind === 'event' && e.do === 'start' && e.router === router)?.t ?? 0;

/**
 * The model's lines for a router, from its start. The article shows the first router's log only
 * until the second one was started, so those are cut there.
 */
function modelLog(trace: Trace, router: string): { t: number; text: string }[] {
  const start = startOf(trace, router);
  const other = startOf(trace, router === 'A' ? 'B' : 'A');
  const until = other > start ? other : Number.POSITIVE_INFINITY;
  return renderMessages(trace)
    .filter((line) => line.router === router && line.t < until && isSignificantMessage('keepalived-1.2', line.text))
    .map((line) => ({ t: line.t - start, text: line.text.replace('VI_1', 'vi_1') }));
}

function wire(trace: Trace, router: string): number[] {
  return trace.entries.flatMap((e) => (e.kind === 'advert' && e.router === router && e.wire ? [e.priority] : []));
}

describe.each([1, 2])('seed article, example %i, in keepalived-1.2', (example) => {
  const trace = run(example);

  it.each(['A', 'B'])(
    "router %s logs the article's state and election messages, in order, each within a second",
    (router) => {
      const article = articleLog(example, router).filter((line) => isSignificantMessage('keepalived-1.2', line.text));
      const model = modelLog(trace, router);
      expect(model.map((line) => line.text)).toEqual(article.map((line) => line.text));
      // the article's clock has whole seconds: a line stamped :39 happened in [39, 40)
      model.forEach((line, i) => {
        const stamped = (article[i] as { t: number }).t;
        expect(line.t).toBeGreaterThanOrEqual(stamped - 1);
        expect(line.t).toBeLessThan(stamped + 1);
      });
    },
  );
});

describe('the priorities on the wire are the ones the article derives', () => {
  it('example 1: A advertises 99 + 3 = 102; B first sends its base 100, then wins at 100 + 3 = 103', () => {
    const trace = run(1);
    expect(new Set(wire(trace, 'A'))).toEqual(new Set([102]));
    const b = wire(trace, 'B');
    expect(b.slice(0, 3)).toEqual([100, 100, 103]);
    expect(new Set(b.slice(2))).toEqual(new Set([103]));
  });

  it("example 2: B's transition advert carries its base 99, then 102; A wins at 100 + 3 = 103", () => {
    const trace = run(2);
    const b = wire(trace, 'B');
    expect(b[0]).toBe(99);
    expect(new Set(b.slice(1))).toEqual(new Set([102]));
    expect(new Set(wire(trace, 'A'))).toEqual(new Set([103]));
  });
});
