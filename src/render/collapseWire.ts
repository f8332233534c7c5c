/** A WIRE line's time and the rest of it (source, priority, …). */
const WIRE = /^(\s*)(\d+\.\d{3}) (WIRE\s+.*)$/;

/**
 * A log with repeated adverts folded: three or more WIRE lines in a row that say the same but
 * for the time become the first, a line saying how many more came and how often, and the last.
 */
export function collapseWire(log: string): string {
  const lines = log.split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    const m = WIRE.exec(line);
    if (m === null) {
      out.push(line);
      i++;
      continue;
    }
    let j = i + 1;
    while (j < lines.length && WIRE.exec(lines[j] as string)?.[3] === m[3]) j++;
    const run = j - i;
    if (run < 3) {
      for (let k = i; k < j; k++) out.push(lines[k] as string);
    } else {
      const first = Number(m[2]);
      const last = Number(WIRE.exec(lines[j - 1] as string)?.[2]);
      const every = (last - first) / (run - 1);
      out.push(line);
      out.push(
        `${m[1]}${' '.repeat(m[2]?.length ?? 0)} ⋮       … ${run - 2} more the same, every ${every.toFixed(3)} s`,
      );
      out.push(lines[j - 1] as string);
    }
    i = j;
  }
  return out.join('\n');
}
