import type { Trace, TraceState } from '../trace.ts';

const short: Readonly<Record<TraceState, string>> = {
  INIT: '·',
  GOTO_MASTER: 'GOTO_MASTER',
  BACKUP: 'BACKUP',
  TRANSITION: 'TRANSITION',
  MASTER: 'MASTER',
  FAULT: 'FAULT',
  STOPPED: 'STOPPED',
};

interface Cell {
  state: TraceState;
  priority: number;
  vip: boolean;
}

/**
 * Each router's state and effective priority over time, one row per moment something changed;
 * `*` marks who holds the VIP. The row at `markAt` (the first violating moment) gets a ✖.
 * Only the first instance of each router is shown.
 */
export function renderTimeline(trace: Trace, markAt?: number): string {
  const routers = trace.routers.map((r) => r.name);
  const cells = new Map<string, Cell>(
    trace.routers.map((r) => [r.name, { state: 'INIT', priority: r.instances[0]?.priority ?? 0, vip: false }]),
  );
  const firstInstance = new Map(trace.routers.map((r) => [r.name, r.instances[0]?.name]));
  const rows: { t: number; cells: string[]; events: string[] }[] = [];
  const snapshot = () =>
    routers.map((name) => {
      const c = cells.get(name) as Cell;
      return c.state === 'INIT' || c.state === 'STOPPED'
        ? short[c.state]
        : `${short[c.state]}${c.vip ? '*' : ''} ${c.priority}`;
    });
  let pending: { t: number; events: string[] } | null = null;
  const flush = () => {
    if (pending === null) return;
    const row = snapshot();
    const last = rows.at(-1);
    if (last === undefined || last.cells.join('|') !== row.join('|') || pending.events.length > 0) {
      rows.push({ t: pending.t, cells: row, events: pending.events });
    }
    pending = null;
  };
  for (const entry of trace.entries) {
    if (pending !== null && entry.t !== pending.t) flush();
    pending ??= { t: entry.t, events: [] };
    const cell = cells.get(entry.router);
    if (cell === undefined) continue;
    if (entry.kind === 'event') {
      // a new process starts at its configured priority
      if (entry.do === 'start')
        cell.priority = trace.routers.find((r) => r.name === entry.router)?.instances[0]?.priority ?? cell.priority;
      pending.events.push(
        `${entry.do} ${entry.router}${entry.script === undefined ? '' : ` ${entry.script}`}${entry.interface === undefined ? '' : ` ${entry.interface}`}`,
      );
      continue;
    }
    if ('instance' in entry && entry.instance !== undefined && entry.instance !== firstInstance.get(entry.router))
      continue;
    if (entry.kind === 'state') cell.state = entry.state;
    else if (entry.kind === 'priority') cell.priority = entry.to;
    else if (entry.kind === 'vip') cell.vip = entry.held;
  }
  flush();
  const width = Math.max(12, ...rows.flatMap((r) => r.cells.map((c) => c.length))) + 2;
  const marked = markAt === undefined ? -1 : rows.findLastIndex((r) => r.t <= markAt + 1e-9);
  const lines = [`${'  time'.padStart(11)}  ${routers.map((r) => r.padEnd(width)).join('')}events`];
  rows.forEach((row, i) => {
    const mark = i === marked ? '✖' : ' ';
    lines.push(
      `${mark} ${row.t.toFixed(3).padStart(8)}  ${row.cells.map((c) => c.padEnd(width)).join('')}${row.events.join(', ')}`.trimEnd(),
    );
  });
  return `${lines.join('\n')}\n`;
}
