/** `vrrp_track_process NAME { process CMD … }` (vrrp_parser.c vrrp_tprocess_*_handler). */
import type { Words } from './confReader.ts';
import type { ConfState, Draft } from './confState.ts';
import { ignoreExtra, numberKeyword, read, requireArg, secondsOf } from './confValues.ts';
import type { ParsedTrackProcess } from './types.ts';

const DELAYS = {
  delay: 'delaySeconds',
  terminate_delay: 'terminateDelaySeconds',
  fork_delay: 'forkDelaySeconds',
} as const;

export function readTrackProcess(state: ConfState, words: Words): void {
  const { r } = state;
  const name = requireArg(r, words, 1, 'a name', 'vrrp_track_process haproxy {');
  ignoreExtra(r, words, 2);
  const where = `vrrp_track_process ${name.text}`;
  const process: Draft<ParsedTrackProcess> = { name: name.text, pos: name.pos };
  let quorumMax = 4294967295;
  r.readBlock({ label: where, pos: words[0].pos }, (inner) => {
    const keyword = inner[0].text;
    if (keyword in DELAYS) {
      const micro = numberKeyword(r, inner, where, {
        read: (text) => read.decimal(text, 1, 3_600_000_000, true),
        rule: 'must be from 0.000001 to 3600 seconds',
        example: `${keyword} 1`,
        fallback: 'ignores it',
      });
      if (micro !== undefined) {
        if (keyword !== 'fork_delay') process.terminateDelaySeconds = secondsOf(micro);
        if (keyword !== 'terminate_delay') process.forkDelaySeconds = secondsOf(micro);
        if (keyword === 'delay') process.delaySeconds = secondsOf(micro);
      }
      return 'done';
    }
    switch (keyword) {
      case 'process': {
        const path = requireArg(r, inner, 1, 'a process name', 'process haproxy');
        if (process.process !== undefined) {
          r.warn(path.pos, `process already set for ${where}: keepalived ignores "${path.text}"`);
          return 'done';
        }
        process.process = path.text;
        if (inner.length > 2) {
          process.params = inner.slice(2).map((w) => w.text);
          process.paramMatch ??= 'exact';
          process.fullCommand = true;
        }
        return 'done';
      }
      case 'param_match': {
        const mode = inner[1]?.text;
        if (mode === undefined) process.paramMatch = 'exact';
        else if (mode === 'initial' || mode === 'partial') process.paramMatch = mode;
        else {
          r.warn(inner[1]?.pos ?? inner[0].pos, `invalid param_match "${mode}" in ${where}, ignored`);
          return 'done';
        }
        process.fullCommand = true;
        return 'done';
      }
      case 'weight': {
        const value = inner[1];
        if (value === undefined) r.warn(inner[0].pos, `no weight given in ${where}, ignored`);
        else if (process.weight !== undefined && process.weight !== 0)
          r.warn(value.pos, `weight already set for ${where}, ignored`);
        else {
          const weight = read.int(value.text, -254, 254, true);
          if (!weight.ok)
            r.warn(
              value.pos,
              `invalid weight "${value.text}" in ${where}: must be from -254 to 254; keepalived ignores it`,
            );
          else {
            process.weight = weight.value;
            if (inner[2]?.text === 'reverse') process.weightReverse = true;
          }
        }
        return 'done';
      }
      case 'quorum':
      case 'quorum_max': {
        const min = keyword === 'quorum' ? 1 : 0;
        const n = numberKeyword(r, inner, where, {
          read: (text) => read.unsigned(text, min, 65535, true),
          rule: `must be from ${min} to 65535`,
          example: `${keyword} 1`,
          fallback: 'ignores it',
        });
        if (n === undefined) return 'done';
        const quorum = process.quorum ?? 1;
        // vrrp_tprocess_quorum_handler, vrrp_tprocess_quorum_max_handler: quorum <= quorum_max
        if (keyword === 'quorum' ? n > quorumMax : (n > 0 || quorum > 1) && n < quorum) {
          r.warn(
            inner[1]?.pos ?? inner[0].pos,
            `${keyword} ${n} in ${where} contradicts the other quorum bound, ignored`,
          );
        } else if (keyword === 'quorum') {
          process.quorum = n;
        } else {
          quorumMax = n;
          process.quorumMax = n;
          if (n === 0) process.quorum = 0;
        }
        return 'done';
      }
      case 'full_command':
        process.fullCommand = true;
        return 'done';
      default:
        return 'unknown';
    }
  });
  if (process.process === undefined) {
    r.warn(name.pos, `${where} has no "process" line: keepalived removes it`);
    return;
  }
  state.trackProcesses.push(process);
}
