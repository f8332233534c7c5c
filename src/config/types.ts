/** keepalived.conf as written: values are present only where the file sets them. */

export interface SourcePos {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly col: number;
}

export interface ParsedScript {
  readonly name: string;
  /** The command as written. vrrp-check never runs it. */
  readonly script?: string;
  readonly intervalSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly weight?: number;
  readonly rise?: number;
  readonly fall?: number;
  readonly initFail: boolean;
  readonly pos: SourcePos;
}

export interface ParsedTrack {
  readonly name: string;
  /** Override of the script's weight, or the interface's weight. */
  readonly weight?: number;
  readonly pos: SourcePos;
}

export interface ParsedInstance {
  readonly name: string;
  readonly state?: 'MASTER' | 'BACKUP';
  readonly interface?: string;
  readonly virtualRouterId?: number;
  readonly priority?: number;
  readonly advertIntSeconds?: number;
  readonly nopreempt: boolean;
  readonly preemptDelaySeconds?: number;
  readonly dontTrackPrimary: boolean;
  readonly trackScripts: readonly ParsedTrack[];
  readonly trackInterfaces: readonly ParsedTrack[];
  /** Addresses as written, prefix included ("10.99.0.100/24"). */
  readonly virtualIpAddresses: readonly string[];
  readonly unicastSrcIp?: string;
  readonly unicastPeers: readonly string[];
  readonly pos: SourcePos;
}

export interface ConfWarning {
  readonly pos: SourcePos;
  readonly message: string;
}

export interface KeepalivedConf {
  readonly file: string;
  readonly routerId?: string;
  readonly scripts: readonly ParsedScript[];
  readonly instances: readonly ParsedInstance[];
  readonly warnings: readonly ConfWarning[];
}

/** A malformed file: rendered as `file:line:col: message (hint)`. */
export interface ConfError {
  readonly pos: SourcePos;
  readonly message: string;
  readonly hint: string;
}

export type ParseResult =
  | { readonly ok: true; readonly conf: KeepalivedConf }
  | { readonly ok: false; readonly error: ConfError };

export function formatConfError(error: ConfError): string {
  return `${error.pos.file}:${error.pos.line}:${error.pos.col}: ${error.message} (${error.hint})`;
}

export function formatConfWarning(warning: ConfWarning): string {
  return `${warning.pos.file}:${warning.pos.line}:${warning.pos.col}: warning: ${warning.message}`;
}
