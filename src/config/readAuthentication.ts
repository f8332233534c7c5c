/** `authentication { auth_type PASS|AH auth_pass SECRET }` of a vrrp_instance (vrrp_parser.c vrrp_auth_*_handler). */
import type { ConfReader, Words } from './confReader.ts';
import type { Draft } from './confState.ts';
import { ignoreExtra, requireArg } from './confValues.ts';
import type { ParsedAuthentication } from './types.ts';

export function readAuthentication(r: ConfReader, words: Words, where: string): ParsedAuthentication {
  const auth: Draft<ParsedAuthentication> = { pos: words[0].pos };
  ignoreExtra(r, words, 1);
  r.readBlock({ label: `authentication of ${where}`, pos: words[0].pos }, (inner) => {
    const keyword = inner[0].text;
    if (keyword === 'auth_type') {
      const value = requireArg(r, inner, 1, 'PASS or AH', 'auth_type PASS');
      if (value.text === 'PASS' || value.text === 'AH') auth.type = value.text;
      else r.warn(value.pos, `unknown authentication type "${value.text}" in ${where}: keepalived ignores it`);
      return 'done';
    }
    if (keyword === 'auth_pass') {
      // vrrp_auth_pass_handler: 8 characters at most
      auth.pass = requireArg(r, inner, 1, 'a password', 'auth_pass secret').text.slice(0, 8);
      return 'done';
    }
    return 'unknown';
  });
  return auth;
}
