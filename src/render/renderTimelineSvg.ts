import { timelines } from '../analysis/timelines.ts';
import type { Trace, TraceRouter, TraceState } from '../trace.ts';

export interface TimelineSvgOptions {
  /** Seconds: the first violating moment, drawn as a red line across all lanes. */
  readonly markAt?: number | undefined;
  readonly title?: string | undefined;
  /** Seconds; the visible range defaults to the whole run. */
  readonly from?: number | undefined;
  readonly to?: number | undefined;
}

interface Span<T> {
  readonly from: number;
  readonly to: number;
  readonly value: T;
}

interface Advert {
  readonly t: number;
  readonly priority: number;
  readonly wire: boolean;
  /** True when this advert's priority differs from the router's previous advert (or it is the first). */
  readonly changed: boolean;
}

interface RouterTimeline {
  readonly router: TraceRouter;
  readonly states: readonly Span<TraceState>[];
  readonly priorities: readonly Span<number>[];
  readonly vips: readonly Span<true>[];
  readonly adverts: readonly Advert[];
  readonly events: readonly { readonly t: number; readonly label: string }[];
}

// ---------------------------------------------------------------- the trace as spans per router

/** A value that changes over time, recorded as spans; `null` values leave gaps. */
class Track<T> {
  private readonly spans: Span<T>[] = [];
  private current: { from: number; value: T | null };

  constructor(
    initial: T | null,
    private readonly keepInstants: boolean,
  ) {
    this.current = { from: 0, value: initial };
  }

  set(t: number, value: T | null): void {
    if (value === this.current.value) return;
    this.push(t);
    this.current = { from: t, value };
  }

  close(t: number): Span<T>[] {
    this.push(t);
    return this.spans;
  }

  private push(to: number): void {
    const { from, value } = this.current;
    if (value === null || (to <= from && !this.keepInstants)) return;
    const last = this.spans.at(-1);
    // dropping an instant can leave two spans of one value side by side
    if (last !== undefined && last.value === value && last.to === from)
      this.spans[this.spans.length - 1] = { ...last, to };
    else this.spans.push({ from, to, value });
  }
}

const runningStates: ReadonlySet<TraceState> = new Set(['GOTO_MASTER', 'BACKUP', 'TRANSITION', 'MASTER', 'FAULT']);

function eventLabel(entry: { do: string; script?: string; interface?: string }): string {
  return [entry.do, entry.script, entry.interface].filter((part) => part !== undefined).join(' ');
}

/** Each router's first instance through the run (timelines.ts), as spans; a start resets the priority. */
function routerTimelines(trace: Trace): RouterTimeline[] {
  const folded = timelines(trace).instances;
  return trace.routers.flatMap((router) => {
    const line = folded.find((i) => i.name === router.name && i.instance === router.instances[0]?.name);
    if (line === undefined) return [];
    const states = new Track<TraceState>(null, true);
    const priorities = new Track<number>(null, false);
    const vips = new Track<true>(null, false);
    const adverts: Advert[] = [];
    const events: { t: number; label: string }[] = [];
    let state: TraceState = 'INIT';
    let priority = line.initialPriority;
    const showPriority = (t: number) => priorities.set(t, runningStates.has(state) ? priority : null);
    for (const change of line.changes) {
      switch (change.kind) {
        case 'event': {
          const last = events.at(-1);
          if (last !== undefined && last.t === change.t) last.label += `, ${eventLabel(change)}`;
          else events.push({ t: change.t, label: eventLabel(change) });
          break;
        }
        case 'state':
          state = change.state;
          states.set(change.t, state === 'INIT' ? null : state);
          showPriority(change.t);
          break;
        case 'priority':
          priority = change.priority;
          // a restart's priority shows from the process's first state
          if (change.restart !== true) showPriority(change.t);
          break;
        case 'vip':
          vips.set(change.t, change.held ? true : null);
          break;
        case 'advert': {
          const previous = adverts.at(-1);
          adverts.push({
            t: change.t,
            priority: change.priority,
            wire: change.wire,
            changed: previous === undefined || previous.priority !== change.priority,
          });
          break;
        }
      }
    }
    return [
      {
        router,
        states: states.close(trace.until),
        priorities: priorities.close(trace.until),
        vips: vips.close(trace.until),
        adverts,
        events,
      },
    ];
  });
}

// ---------------------------------------------------------------- formatting

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Pixels with one decimal, never "-0.0". */
const px = (v: number) => {
  const s = v.toFixed(1);
  return s === '-0.0' ? '0.0' : s;
};
const sec = (t: number) => t.toFixed(3);

type Attrs = Readonly<Record<string, string | number>>;

function attrs(a: Attrs): string {
  return Object.entries(a)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? px(v) : escapeXml(v)}"`)
    .join('');
}

const el = (name: string, a: Attrs, children = '') =>
  children === '' ? `<${name}${attrs(a)}/>` : `<${name}${attrs(a)}>${children}</${name}>`;
const title = (text: string) => `<title>${escapeXml(text)}</title>`;
const text = (a: Attrs, content: string) => `<text${attrs(a)}>${escapeXml(content)}</text>`;

/** Rough width of a sans-serif label, in em per character class; enough to keep labels apart. */
const textWidth = (s: string, size: number) =>
  [...s].reduce(
    (sum, c) => sum + (/[A-Z_✖]/.test(c) ? 0.7 : /[0-9]/.test(c) ? 0.56 : /[a-z]/.test(c) ? 0.52 : 0.34),
    0,
  ) * size;

/** Keeps labels on one row from overlapping, left to right. */
class LabelRow {
  private right = Number.NEGATIVE_INFINITY;
  fits(x: number): boolean {
    return x >= this.right + 3;
  }
  take(x: number, width: number): void {
    this.right = x + width;
  }
  /** The leftmost x at or after `x` that does not overlap. */
  next(x: number): number {
    return Math.max(x, this.right + 6);
  }
}

// ---------------------------------------------------------------- layout

const WIDTH = 1000;
const MARGIN = 16;
const LANE_HEIGHT = 76;
const LANE_GAP = 10;
/** Vertical positions inside a lane. */
const ROW = {
  advertLabel: 9,
  tickTop: 11,
  tickHeight: 7,
  bandTop: 20,
  bandHeight: 34,
  vipTop: 56,
  vipHeight: 7,
  eventLabel: 74,
} as const;
const BAND_BOTTOM = ROW.bandTop + ROW.bandHeight;
/** Narrowest drawn band, so a state entered and left in the same instant still shows. */
const MIN_BAND = 3;

const stateFill: Readonly<Record<TraceState, string>> = {
  INIT: 'none',
  GOTO_MASTER: '#cab2d6',
  BACKUP: '#a6cee3',
  TRANSITION: '#fdb462',
  MASTER: '#6cc26a',
  FAULT: 'url(#vrrp-fault)',
  STOPPED: 'url(#vrrp-stopped)',
};
const legendStates: readonly TraceState[] = ['BACKUP', 'GOTO_MASTER', 'TRANSITION', 'MASTER', 'FAULT', 'STOPPED'];

const STYLE = `
text { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; fill: #1d2430; }
.halo { paint-order: stroke; stroke: #ffffff; stroke-width: 3px; stroke-linejoin: round; }
.heading { font-size: 16px; font-weight: 700; }
.router-name { font-size: 14px; font-weight: 700; }
.router-sub { font-size: 11px; fill: #5b6472; }
.priority { fill: none; stroke: #111111; stroke-width: 1.6; }
.priority-label { font-size: 10px; font-weight: 700; }
.advert-label { font-size: 9px; fill: #2b3340; }
.vip { fill: #7b2d8e; }
.event line { stroke: #3a4250; stroke-width: 1; stroke-dasharray: 3 2; }
.event path { fill: #3a4250; }
.event-label { font-size: 10px; font-style: italic; fill: #3a4250; }
.axis line { stroke: #5b6472; }
.axis .grid { stroke: #e3e6eb; }
.axis text { font-size: 11px; fill: #3a4250; }
.violation line { stroke: #d7191c; stroke-width: 2; }
.violation text { font-size: 12px; font-weight: 700; fill: #d7191c; }
.legend text { font-size: 11px; }
`;

const DEFS = `<defs>
<pattern id="vrrp-fault" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f4777a"/><rect width="2" height="6" fill="#c3282e"/></pattern>
<pattern id="vrrp-stopped" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)"><rect width="6" height="6" fill="#eceef1"/><rect width="1.5" height="6" fill="#a3a9b3"/></pattern>
</defs>`;

/** A tick step of 1, 2 or 5 times a power of ten giving about `target` ticks. */
function tickStep(span: number, target: number): number {
  const raw = span / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
  return step ?? 10 * power;
}

interface Scale {
  readonly from: number;
  readonly to: number;
  readonly left: number;
  readonly right: number;
  x(t: number): number;
}

function timeScale(from: number, to: number, left: number, right: number): Scale {
  return { from, to, left, right, x: (t) => left + ((t - from) / (to - from)) * (right - left) };
}

// ---------------------------------------------------------------- drawing

function drawAxis(scale: Scale, top: number, bottom: number): string {
  const step = tickStep(scale.to - scale.from, 10);
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const first = Math.ceil(scale.from / step - 1e-9);
  const parts: string[] = [];
  for (let i = first; i * step <= scale.to + 1e-9; i++) {
    const x = scale.x(i * step);
    parts.push(el('line', { class: 'grid', x1: x, y1: top, x2: x, y2: bottom }));
    parts.push(el('line', { x1: x, y1: bottom, x2: x, y2: bottom + 5 }));
    parts.push(text({ x, y: bottom + 18, 'text-anchor': 'middle' }, (i * step).toFixed(decimals)));
  }
  parts.push(el('line', { x1: scale.left, y1: bottom, x2: scale.right, y2: bottom }));
  parts.push(text({ x: scale.right, y: bottom + 34, 'text-anchor': 'end' }, 'time (s)'));
  return el('g', { class: 'axis' }, parts.join(''));
}

function legend(left: number, top: number, right: number, withViolation: boolean): { svg: string; height: number } {
  const items: { swatch: string; label: string }[] = legendStates.map((state) => ({
    swatch: el('rect', { x: 0, y: -9, width: 18, height: 11, fill: stateFill[state], stroke: '#8a919c' }),
    label: state === 'TRANSITION' ? 'TRANSITION (to MASTER, no VIP yet)' : state,
  }));
  items.push(
    { swatch: el('rect', { class: 'vip', x: 0, y: -6, width: 18, height: ROW.vipHeight }), label: 'holds the VIP' },
    { swatch: el('path', { class: 'priority', d: 'M0 -1 H7 V-7 H18' }), label: 'effective priority' },
    {
      swatch: `<g class="legend-advert">${el('rect', { x: 4, y: -9, width: 3, height: ROW.tickHeight, fill: '#2b3340' })}${el('rect', { x: 11, y: -9, width: 3, height: ROW.tickHeight, fill: '#ffffff', stroke: '#7d8590' })}</g>`,
      label: 'advert: sent / not on the wire',
    },
    {
      swatch: `<g class="legend-event">${el('line', { x1: 9, y1: -11, x2: 9, y2: 3, stroke: '#3a4250', 'stroke-dasharray': '3 2' })}</g>`,
      label: 'scenario event',
    },
  );
  if (withViolation) {
    items.push({
      swatch: el('line', { x1: 9, y1: -11, x2: 9, y2: 3, stroke: '#d7191c', 'stroke-width': 2 }),
      label: 'first violation',
    });
  }
  const parts: string[] = [];
  let x = left;
  let y = top + 12;
  for (const item of items) {
    const width = 24 + textWidth(item.label, 11) + 16;
    if (x + width > right && x > left) {
      x = left;
      y += 18;
    }
    parts.push(`<g transform="translate(${px(x)} ${px(y)})">${item.swatch}${text({ x: 24, y: 0 }, item.label)}</g>`);
    x += width;
  }
  return { svg: el('g', { class: 'legend' }, parts.join('')), height: y - top + 8 };
}

/** The span clipped to the visible range, or null when it lies outside. */
function visible<T>(span: Span<T>, scale: Scale): Span<T> | null {
  if (span.to < scale.from || span.from > scale.to) return null;
  if (span.to === scale.from && span.from < span.to) return null;
  return { ...span, from: Math.max(span.from, scale.from), to: Math.min(span.to, scale.to) };
}

function priorityText(spans: readonly Span<number>[], from: number, to: number): string {
  const values = spans.filter((s) => s.to > from && s.from < to).map((s) => s.value);
  const unique = values.filter((v, i) => values[i - 1] !== v);
  return unique.length === 0 ? '' : `, priority ${unique.join('→')}`;
}

function drawBands(line: RouterTimeline, scale: Scale): string {
  const name = line.router.name;
  const parts: string[] = [];
  let floor = scale.left;
  for (const span of line.states) {
    const shown = visible(span, scale);
    if (shown === null) continue;
    let x1 = scale.x(shown.from);
    let x2 = scale.x(shown.to);
    const narrow = x2 - x1 < MIN_BAND;
    if (narrow) {
      // an instant state sits just before the moment it was left, over the end of the previous band
      x1 = Math.max(scale.left, x2 - MIN_BAND);
      x2 = x1 + MIN_BAND;
    }
    x1 = Math.max(x1, floor);
    if (narrow) floor = x2;
    const hover = `${name} ${span.value} ${sec(span.from)}–${sec(span.to)} s${priorityText(line.priorities, span.from, span.to)}`;
    parts.push(
      el(
        'rect',
        {
          class: 'band',
          'data-state': span.value,
          'data-from': sec(span.from),
          'data-to': sec(span.to),
          x: x1,
          y: ROW.bandTop,
          width: Math.max(x2 - x1, 0),
          height: ROW.bandHeight,
          fill: stateFill[span.value],
        },
        title(hover),
      ),
    );
  }
  return parts.join('');
}

function drawPriority(line: RouterTimeline, scale: Scale, y: (p: number) => number): string {
  const shown = line.priorities.flatMap((span) => visible(span, scale) ?? []);
  if (shown.length === 0) return '';
  let d = '';
  shown.forEach((span, i) => {
    const joined = i > 0 && shown[i - 1]?.to === span.from;
    d += `${joined ? 'V' : `M${px(scale.x(span.from))} `}${px(y(span.value))}H${px(scale.x(span.to))}`;
  });
  const labels: string[] = [];
  const above = new LabelRow();
  const below = new LabelRow();
  for (const span of shown) {
    const label = String(span.value);
    const x = scale.x(span.from) + 2;
    const lineY = y(span.value);
    const width = textWidth(label, 10);
    const slots = [
      { row: above, baseline: lineY - 3, room: lineY - 11 >= ROW.bandTop },
      { row: below, baseline: lineY + 11, room: lineY + 11 <= BAND_BOTTOM - 1 },
    ].filter((slot) => slot.room);
    const slot = slots.find((s) => s.row.fits(x));
    if (slot === undefined || x + width > scale.right) continue;
    slot.row.take(x, width);
    labels.push(text({ class: 'priority-label halo', x, y: slot.baseline }, label));
  }
  const hover = `${line.router.name} effective priority ${shown.map((s) => `${s.value} from ${sec(s.from)} s`).join(', ')}`;
  return `${el('path', { class: 'priority', d }, title(hover))}${labels.join('')}`;
}

function drawAdverts(line: RouterTimeline, scale: Scale): string {
  const name = line.router.name;
  const ticks: string[] = [];
  const labels: string[] = [];
  const row = new LabelRow();
  let first = true;
  for (const advert of line.adverts) {
    if (advert.t < scale.from || advert.t > scale.to) continue;
    const x = scale.x(advert.t);
    const hover = `${name} advert ${sec(advert.t)} s, priority ${advert.priority}${advert.wire ? '' : ' (not on the wire)'}`;
    ticks.push(
      el(
        'rect',
        {
          class: 'advert',
          'data-priority': String(advert.priority),
          'data-wire': String(advert.wire),
          x: x - 1.5,
          y: ROW.tickTop,
          width: 3,
          height: ROW.tickHeight,
          // a transparent fill keeps lost adverts hollow even where dense ticks overlap
          ...(advert.wire ? { fill: '#2b3340' } : { fill: '#ffffff', 'fill-opacity': '0', stroke: '#7d8590' }),
        },
        title(hover),
      ),
    );
    if (advert.changed || first) {
      const label = String(advert.priority);
      const width = textWidth(label, 9);
      // beside the tick rather than centred on it, so a violation line through the tick misses it
      const lx = Math.min(x + 1, scale.right - width);
      if (row.fits(lx)) {
        row.take(lx, width);
        labels.push(text({ class: 'advert-label', x: lx, y: ROW.advertLabel }, label));
      }
    }
    first = false;
  }
  return ticks.join('') + labels.join('');
}

function drawVips(line: RouterTimeline, scale: Scale): string {
  return line.vips
    .flatMap((span) => {
      const shown = visible(span, scale);
      if (shown === null) return [];
      const x1 = scale.x(shown.from);
      const hover = `${line.router.name} holds the VIP ${sec(span.from)}–${sec(span.to)} s`;
      return [
        el(
          'rect',
          {
            class: 'vip',
            'data-from': sec(span.from),
            'data-to': sec(span.to),
            x: x1,
            y: ROW.vipTop,
            width: Math.max(scale.x(shown.to) - x1, 1),
            height: ROW.vipHeight,
          },
          title(hover),
        ),
      ];
    })
    .join('');
}

function drawEvents(line: RouterTimeline, scale: Scale): string {
  const row = new LabelRow();
  return line.events
    .filter((event) => event.t >= scale.from && event.t <= scale.to)
    .map((event) => {
      const x = scale.x(event.t);
      const width = textWidth(event.label, 10);
      const lx = Math.min(row.next(x - 3), scale.right - width);
      row.take(lx, width);
      const marker = `M${px(x - 4)} ${ROW.vipTop + ROW.vipHeight + 5}L${px(x)} ${ROW.vipTop + ROW.vipHeight}L${px(x + 4)} ${ROW.vipTop + ROW.vipHeight + 5}Z`;
      return el(
        'g',
        { class: 'event', 'data-t': sec(event.t) },
        title(`${line.router.name} ${event.label} at ${sec(event.t)} s`) +
          el('line', { x1: x, y1: ROW.tickTop, x2: x, y2: ROW.vipTop + ROW.vipHeight }) +
          `<path d="${marker}"/>` +
          text({ class: 'event-label', x: lx, y: ROW.eventLabel }, event.label),
      );
    })
    .join('');
}

function drawLane(line: RouterTimeline, top: number, scale: Scale, priorityY: (p: number) => number): string {
  const { router } = line;
  const instance = router.instances[0];
  const label =
    text({ class: 'router-name', x: MARGIN, y: ROW.bandTop + 12 }, router.name) +
    text({ class: 'router-sub', x: MARGIN, y: ROW.bandTop + 27 }, router.address) +
    (instance === undefined
      ? ''
      : text({ class: 'router-sub', x: MARGIN, y: ROW.bandTop + 41 }, `${instance.name} · vrid ${instance.vrid}`));
  return el(
    'g',
    { class: 'lane', 'data-router': router.name, transform: `translate(0 ${px(top)})` },
    label +
      drawBands(line, scale) +
      drawVips(line, scale) +
      drawPriority(line, scale, priorityY) +
      drawEvents(line, scale) +
      drawAdverts(line, scale),
  );
}

/** One scale for every lane, so priorities compare across routers. */
function priorityScale(lines: readonly RouterTimeline[]): (p: number) => number {
  const values = lines.flatMap((line) => line.priorities.map((s) => s.value));
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const top = ROW.bandTop + 6;
  const bottom = BAND_BOTTOM - 6;
  return (p) => (hi === lo ? (top + bottom) / 2 : bottom - ((p - lo) / (hi - lo)) * (bottom - top));
}

function drawViolation(markAt: number, scale: Scale, labelY: number, top: number, bottom: number): string {
  const t = Math.min(Math.max(markAt, scale.from), scale.to);
  const x = scale.x(t);
  const inRange = t === markAt;
  const label = `✖ ${sec(markAt)} s${inRange ? '' : ' (outside the shown range)'}`;
  const width = textWidth(label, 12);
  return el(
    'g',
    { class: 'violation', 'data-t': sec(markAt) },
    title(`first violation at ${sec(markAt)} s`) +
      el('line', { x1: x, y1: top, x2: x, y2: bottom, ...(inRange ? {} : { 'stroke-dasharray': '6 3' }) }) +
      text({ x: Math.min(Math.max(x - width / 2, scale.left), scale.right - width), y: labelY }, label),
  );
}

/**
 * The trace as an SVG timeline: one lane per router (its first instance) with its state as
 * coloured bands, its effective priority as a step line, its adverts as ticks, the VIP it holds
 * and the scenario's events; `markAt` draws the first violation across all lanes.
 * Deterministic: the same trace and options give the same bytes.
 */
export function renderTimelineSvg(trace: Trace, options: TimelineSvgOptions = {}): string {
  const from = options.from ?? 0;
  const to = options.to ?? trace.until;
  if (!(to > from)) throw new RangeError(`renderTimelineSvg: empty range ${from}–${to} s`);
  const lines = routerTimelines(trace);

  const labelWidth = Math.max(
    110,
    ...trace.routers.map((r) => Math.max(textWidth(r.name, 14) * 1.1, textWidth(r.address, 11))),
  );
  const scale = timeScale(from, to, MARGIN + labelWidth + 14, WIDTH - MARGIN - 8);

  const heading =
    text({ class: 'heading', x: MARGIN, y: 24 }, options.title ?? 'VRRP timeline') +
    text(
      { class: 'router-sub', x: MARGIN, y: 42 },
      `${trace.profile} · ${trace.routers.length} router${trace.routers.length === 1 ? '' : 's'} · ${sec(from)}–${sec(to)} s`,
    );
  const key = legend(MARGIN, 52, WIDTH - MARGIN, options.markAt !== undefined);
  const violationLabelY = 52 + key.height + (options.markAt === undefined ? 0 : 16);
  const lanesTop = violationLabelY + 8;
  const lanesBottom = lanesTop + lines.length * (LANE_HEIGHT + LANE_GAP) - LANE_GAP;
  const height = lanesBottom + 46;

  const priorityY = priorityScale(lines);
  const lanes = lines.map((line, i) => drawLane(line, lanesTop + i * (LANE_HEIGHT + LANE_GAP), scale, priorityY));
  const separators = lines
    .slice(1)
    .map((_, i) => {
      const y = lanesTop + (i + 1) * (LANE_HEIGHT + LANE_GAP) - LANE_GAP / 2;
      return el('line', { x1: MARGIN, y1: y, x2: WIDTH - MARGIN, y2: y, stroke: '#c9ced6' });
    })
    .join('');
  const violation =
    options.markAt === undefined
      ? ''
      : drawViolation(options.markAt, scale, violationLabelY, lanesTop - 4, lanesBottom + 2);

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${px(height)}" viewBox="0 0 ${WIDTH} ${px(height)}" role="img">`,
    title(`${options.title ?? 'VRRP timeline'} (${trace.profile})`),
    `<style>${STYLE}</style>`,
    DEFS,
    el('rect', { width: WIDTH, height, fill: '#ffffff' }),
    heading,
    key.svg,
    drawAxis(scale, lanesTop - 4, lanesBottom + 4),
    separators,
    ...lanes,
    violation,
    '</svg>',
    '',
  ].join('\n');
}
