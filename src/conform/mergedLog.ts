/** One line of a capture: seconds since the scenario's T0, a source (router, WIRE or HARNESS), the text. */
export interface CapturedLine {
  readonly t: number;
  readonly source: string;
  readonly text: string;
}

/**
 * The capture in the recordings' merged.log format (`%8.3f SOURCE message`), which
 * src/compare/readRecording.ts reads: lines in time order, lines of the same time in the order
 * they were captured.
 */
export function formatMergedLog(lines: readonly CapturedLine[]): string {
  const sorted = lines.map((line, index) => ({ line, index })).sort((a, b) => a.line.t - b.line.t || a.index - b.index);
  return sorted
    .map(({ line }) => {
      const t = Math.max(0, line.t);
      const text = line.text.replace(/[\r\n]+/g, ' ').trim();
      return `${t.toFixed(3).padStart(8)} ${line.source.padEnd(7)} ${text}\n`;
    })
    .join('');
}
