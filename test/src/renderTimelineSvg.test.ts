import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProfileName } from '../../model/profiles.ts';
import { prepareScenarioFile } from '../../src/loadScenario.ts';
import { renderTimelineSvg } from '../../src/render/renderTimelineSvg.ts';
import { simulate } from '../../src/simulate.ts';
import type { Trace } from '../../src/trace.ts';
import { run, scenarioOf } from './scenarioBuilder.ts';

const SEED1 = join(import.meta.dirname, '..', '..', 'examples', 'seed-example-1', 'scenario.json');

function seed1(profile: ProfileName): Trace {
  const prepared = prepareScenarioFile(SEED1, profile);
  if (!prepared.ok) throw new Error(prepared.message);
  const { cluster, scenario } = prepared.value;
  return simulate(cluster, scenario.events, scenario.until);
}

interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

const ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

/** A strict little XML parser for what the renderer writes: elements, attributes, text; throws when malformed. */
function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack = [root];
  for (const [token] of xml.matchAll(/<[^>]*>|[^<]+/g)) {
    const top = stack.at(-1) as XmlElement;
    if (!token.startsWith('<')) {
      if (ENTITY.test(token)) throw new Error(`bare & in text: ${token}`);
      if (stack.length === 1 && token.trim() !== '') throw new Error(`text outside the root: ${token}`);
      top.text += token;
      continue;
    }
    const close = /^<\/([\w:-]+)\s*>$/.exec(token);
    if (close !== null) {
      if (top.name !== close[1]) throw new Error(`</${close[1]}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const open = /^<([\w:-]+)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>$/.exec(token);
    if (open === null) throw new Error(`malformed tag: ${token}`);
    const attrs: Record<string, string> = {};
    for (const [, key, value] of (open[2] ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)) {
      if (key === undefined || value === undefined) continue;
      if (key in attrs) throw new Error(`duplicate attribute ${key} in ${token}`);
      if (ENTITY.test(value)) throw new Error(`bare & in attribute: ${token}`);
      attrs[key] = value;
    }
    const element: XmlElement = { name: open[1] as string, attrs, children: [], text: '' };
    if (stack.length === 1 && root.children.length > 0) throw new Error('more than one root element');
    top.children.push(element);
    if (open[3] !== '/') stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack.at(-1)?.name}>`);
  const [svg] = root.children;
  if (svg === undefined) throw new Error('no root element');
  return svg;
}

function all(element: XmlElement, match: (e: XmlElement) => boolean): XmlElement[] {
  return [...(match(element) ? [element] : []), ...element.children.flatMap((child) => all(child, match))];
}

const byClass = (root: XmlElement, cls: string) => all(root, (e) => e.attrs.class === cls);
const lane = (root: XmlElement, router: string) => {
  const found = byClass(root, 'lane').find((e) => e.attrs['data-router'] === router);
  if (found === undefined) throw new Error(`no lane for ${router}`);
  return found;
};
const bandStates = (root: XmlElement, router: string) =>
  byClass(lane(root, router), 'band').map((band) => band.attrs['data-state']);
const titleOf = (e: XmlElement) => e.children.find((c) => c.name === 'title')?.text;

describe('renderTimelineSvg', () => {
  const trace12 = seed1('keepalived-1.2');
  const svg12 = renderTimelineSvg(trace12);

  it('is well-formed XML with an <svg> root', () => {
    const root = parseXml(svg12);
    expect(root.name).toBe('svg');
    expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(() => parseXml('<svg><g></svg>')).toThrow();
    expect(() => parseXml('<svg><text>a & b</text></svg>')).toThrow();
  });

  it('draws one lane per router, in order', () => {
    expect(byClass(parseXml(svg12), 'lane').map((e) => e.attrs['data-router'])).toEqual(['A', 'B']);
  });

  it("draws B's states in the order the trace has them, one band per interval", () => {
    const fromTrace = trace12.entries.flatMap((e) => (e.kind === 'state' && e.router === 'B' ? [e.state] : []));
    expect(fromTrace).toEqual(['GOTO_MASTER', 'TRANSITION', 'BACKUP', 'TRANSITION', 'MASTER']);
    const root = parseXml(svg12);
    expect(bandStates(root, 'B')).toEqual(fromTrace);
    const master = byClass(lane(root, 'B'), 'band').at(-1);
    expect(master?.attrs).toMatchObject({ 'data-from': '11.624', 'data-to': '14.000' });
    expect(titleOf(master as XmlElement)).toBe('B MASTER 11.624–14.000 s, priority 103');
  });

  it('labels the adverts with their priorities, only where they change', () => {
    const root = parseXml(svg12);
    const labels = byClass(root, 'advert-label').map((e) => e.text);
    expect(labels).toEqual(expect.arrayContaining(['100', '102', '103']));
    expect(byClass(lane(root, 'B'), 'advert-label').map((e) => e.text)).toEqual(['100', '103']);
    const adverts = trace12.entries.filter((e) => e.kind === 'advert' && e.instance === 'vi_1');
    expect(byClass(root, 'advert')).toHaveLength(adverts.length);
  });

  it('marks who holds the VIP, and the scenario events', () => {
    const root = parseXml(svg12);
    const vip = (router: string) =>
      byClass(lane(root, router), 'vip').map((e) => [e.attrs['data-from'], e.attrs['data-to']]);
    expect(vip('A')).toEqual([['4.619', '9.622']]);
    expect(vip('B')).toEqual([['11.624', '14.000']]);
    expect(byClass(lane(root, 'B'), 'event').map((e) => e.attrs['data-t'])).toEqual(['8.000']);
  });

  it('writes the effective priority where it changes', () => {
    const labels = byClass(lane(parseXml(svg12), 'B'), 'priority-label halo').map((e) => e.text);
    expect(labels).toEqual(['100', '103']);
  });

  it('is deterministic: the same trace gives the same bytes', () => {
    expect(renderTimelineSvg(seed1('keepalived-1.2'), { markAt: 9.617281 })).toBe(
      renderTimelineSvg(trace12, { markAt: 9.617281 }),
    );
  });

  it('highlights the first violation only when markAt is given', () => {
    const marked = parseXml(renderTimelineSvg(trace12, { markAt: 9.617281 }));
    const violations = byClass(marked, 'violation');
    expect(violations).toHaveLength(1);
    expect(all(violations[0] as XmlElement, (e) => e.name === 'text')[0]?.text).toBe('✖ 9.617 s');
    expect(byClass(parseXml(svg12), 'violation')).toHaveLength(0);
  });

  it('shows only the requested range', () => {
    const root = parseXml(renderTimelineSvg(trace12, { from: 9, to: 11 }));
    expect(bandStates(root, 'B')).toEqual(['BACKUP', 'TRANSITION']);
    const ticks = byClass(root, 'advert').map((e) => Number(titleOf(e)?.match(/ (\d+\.\d+) s/)?.[1]));
    expect(ticks.length).toBeGreaterThan(0);
    expect(ticks.every((t) => t >= 9 && t <= 11)).toBe(true);
    expect(() => renderTimelineSvg(trace12, { from: 5, to: 5 })).toThrow(RangeError);
  });

  it('under keepalived-2.2 there is no TRANSITION band', () => {
    const root = parseXml(renderTimelineSvg(seed1('keepalived-2.2')));
    const states = byClass(root, 'band').map((e) => e.attrs['data-state']);
    expect(states).toContain('MASTER');
    expect(states).not.toContain('TRANSITION');
  });

  it('draws adverts that never reached the LAN hollow, and a killed router as STOPPED', () => {
    const trace = run(
      scenarioOf(
        { A: { priority: 101 }, B: { priority: 100 } },
        [
          { at: 0, do: 'start', router: 'A' },
          { at: 0, do: 'start', router: 'B' },
          { at: 6, do: 'isolate', router: 'A' },
          { at: 10, do: 'kill', router: 'B' },
        ],
        14,
        'keepalived-2.2',
      ),
    );
    const root = parseXml(renderTimelineSvg(trace));
    const lost = trace.entries.filter((e) => e.kind === 'advert' && !e.wire).length;
    expect(lost).toBeGreaterThan(0);
    const hollow = byClass(root, 'advert').filter((e) => e.attrs['fill-opacity'] === '0');
    expect(hollow).toHaveLength(lost);
    expect(bandStates(root, 'B').at(-1)).toBe('STOPPED');
    expect(byClass(lane(root, 'B'), 'event').map((e) => titleOf(e))).toEqual([
      'B start at 0.000 s',
      'B kill at 10.000 s',
    ]);
  });
});
