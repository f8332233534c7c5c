/** `track_file NAME { file PATH weight N [reverse] init_file [N] [overwrite] }` (keepalived/trackers/track_file.c). */
import type { Words } from './confReader.ts';
import type { ConfState, Draft } from './confState.ts';
import { ignoreExtra, read, requireArg } from './confValues.ts';
import type { ParsedTrackFile } from './types.ts';

export function readTrackFile(state: ConfState, words: Words): void {
  const { r } = state;
  const name = requireArg(r, words, 1, 'a name', `${words[0].text} flag {`);
  ignoreExtra(r, words, 2);
  const where = `${words[0].text} ${name.text}`;
  if (words[0].text === 'vrrp_track_file')
    r.warn(words[0].pos, '"vrrp_track_file" is deprecated, keepalived reads it as "track_file"');
  const file: Draft<ParsedTrackFile> = { name: name.text, pos: name.pos };
  r.readBlock({ label: where, pos: words[0].pos }, (inner) => {
    switch (inner[0].text) {
      case 'file': {
        const path = inner[1];
        if (path === undefined) r.warn(inner[0].pos, `file name missing in ${where}, ignored`);
        else if (file.file !== undefined)
          r.warn(path.pos, `file already set for ${where}: keepalived ignores "${path.text}"`);
        else file.file = path.text;
        return 'done';
      }
      case 'weight': {
        const value = inner[1];
        if (value === undefined) {
          r.warn(inner[0].pos, `no weight given in ${where}, ignored`);
          return 'done';
        }
        if (file.weight !== undefined) {
          r.warn(value.pos, `weight already set for ${where}: keepalived ignores "${value.text}"`);
          return 'done';
        }
        const weight = read.int(value.text, -254, 254, true);
        if (weight.ok) file.weight = weight.value;
        else
          r.warn(value.pos, `invalid weight "${value.text}" in ${where}: must be from -254 to 254; keepalived uses 1`);
        if (inner[2]?.text === 'reverse') file.weightReverse = true;
        else if (inner[2] !== undefined)
          r.warn(inner[2].pos, `unknown weight option "${inner[2].text}" in ${where}, ignored`);
        return 'done';
      }
      case 'init_file': {
        let value = 0;
        let overwrite = false;
        for (const word of inner.slice(1)) {
          if (/^\s*[-\d]/.test(word.text)) {
            const n = read.int(word.text, -2147483648, 2147483647, false);
            if (!n.ok) r.warn(word.pos, `invalid init_file value "${word.text}" in ${where}: keepalived uses 0`);
            value = n.ok ? n.value : 0;
          } else if (word.text === 'overwrite') overwrite = true;
          else r.warn(word.pos, `unknown init_file option "${word.text}" in ${where}, ignored`);
        }
        file.initFile = { value, overwrite };
        return 'done';
      }
      default:
        return 'unknown';
    }
  });
  if (file.file === undefined) {
    r.warn(name.pos, `${where} has no "file" line: keepalived ignores it`);
    return;
  }
  state.trackFiles.push(file);
}
