import { createHash } from 'node:crypto';
import type { ParsedAuthentication } from '../config/types.ts';

/**
 * The password conform gives keepalived for the user's: 8 hex digits of the SHA-256 of the 8
 * bytes keepalived keeps. Routers with the same password get the same stand-in, so adverts are
 * accepted or dropped (vrrp.c vrrp_check_packet, "received an invalid passwd!") as with the
 * user's; the user's own never reaches keepalived.
 */
export function standInPassword(pass: string): string {
  return createHash('sha256').update(Buffer.from(pass, 'utf8').subarray(0, 8)).digest('hex').slice(0, 8);
}

/**
 * The password keepalived sends and expects with `auth_type PASS`, or undefined when it uses no
 * authentication: auth_pass (its first 8 characters, vrrp_parser.c vrrp_auth_pass_handler);
 * none without a type or a password (vrrp.c vrrp_complete_instance).
 */
export function authPass(auth: ParsedAuthentication | undefined): string | undefined {
  return auth?.type === 'PASS' && auth.pass !== undefined && auth.pass !== '' ? auth.pass : undefined;
}
