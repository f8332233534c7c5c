/** One line of a recorded merged.log: seconds since the scenario's start, a source and a message. */
export interface RecordedLine {
  readonly t: number;
  /** A router name, WIRE or HARNESS. */
  readonly source: string;
  readonly text: string;
}

export interface RecordedAdvert {
  readonly t: number;
  /** The sender's address, as tcpdump printed it. */
  readonly from: string;
  readonly vrid: number;
  readonly priority: number;
}

export interface Recording {
  readonly lines: readonly RecordedLine[];
  readonly adverts: readonly RecordedAdvert[];
  /** When the harness ended the scenario (HARNESS EVENT end), if recorded. */
  readonly end?: number;
}

const LINE = /^\s*(\d+\.\d+) (\S+)\s+(.*)$/;
const ADVERT = /^IP (\S+) > \S+: VRRPv2, Advertisement, vrid (\d+), prio (\d+)/;

/** Reads the merged.log format written by the recording harness (and by `vrrp-check run`). */
export function readRecording(text: string): Recording {
  const lines: RecordedLine[] = [];
  const adverts: RecordedAdvert[] = [];
  let end: number | undefined;
  for (const raw of text.split('\n')) {
    const match = LINE.exec(raw);
    if (match === null) continue;
    const t = Number(match[1]);
    const source = match[2] as string;
    const body = (match[3] as string).trimEnd();
    if (source === 'HARNESS' && /^EVENT end\b/.test(body)) end ??= t;
    if (source === 'WIRE') {
      const advert = ADVERT.exec(body);
      if (advert !== null)
        adverts.push({ t, from: advert[1] as string, vrid: Number(advert[2]), priority: Number(advert[3]) });
      continue;
    }
    lines.push({ t, source, text: body });
  }
  return { lines, adverts, ...(end === undefined ? {} : { end }) };
}
