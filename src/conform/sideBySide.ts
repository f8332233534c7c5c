import type { Comparison, TimedItem } from '../compare/compareWithRecording.ts';

const CONTEXT_BEFORE = 3;
const CONTEXT_AFTER = 6;

function cell(item: TimedItem | undefined, width: number): string {
  if (item === undefined) return ''.padEnd(width);
  const text = `${item.t.toFixed(3).padStart(8)} ${item.what}`;
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

/**
 * The parts that differ, router by router, as two columns: the model's items on the left,
 * keepalived's on the right, around the first difference (marked `>`).
 */
export function renderSideBySide(comparison: Comparison, width = 64): string {
  const out: string[] = [];
  for (const part of comparison.parts) {
    if (part.firstDifference < 0) continue;
    out.push(`${part.router} ${part.part}: ${part.reason}`);
    out.push(`      ${'model'.padEnd(width)} | real keepalived`);
    const from = Math.max(0, part.firstDifference - CONTEXT_BEFORE);
    const to = Math.min(Math.max(part.model.length, part.recorded.length), part.firstDifference + CONTEXT_AFTER + 1);
    if (from > 0) out.push(`      ${'…'.padEnd(width)} | …`);
    for (let i = from; i < to; i++) {
      const marker = i === part.firstDifference ? '>' : ' ';
      out.push(
        `${marker}${String(i + 1).padStart(4)} ${cell(part.model[i], width)} | ${cell(part.recorded[i], width).trimEnd()}`,
      );
    }
    if (to < Math.max(part.model.length, part.recorded.length)) out.push(`      ${'…'.padEnd(width)} | …`);
    out.push('');
  }
  return out.join('\n');
}
