/**
 * keepalived.conf reader: a tokenizer with positions, then one reader per block.
 *
 * Follows keepalived's own parser where it matters for VRRP (braces split words, comments start
 * at a token, a keyword's arguments run to the end of its line). Scripts named in the file are
 * recorded as text and never run.
 */
import type {
  ConfError,
  ConfWarning,
  KeepalivedConf,
  ParsedInstance,
  ParsedScript,
  ParsedTrack,
  ParseResult,
  SourcePos,
} from './types.ts';

interface Token {
  readonly kind: 'word' | 'open' | 'close';
  /** Quotes removed. */
  readonly text: string;
  readonly line: number;
  readonly col: number;
}

/** A keyword, its arguments up to the end of its line, and whether a `{` block follows it. */
interface Statement {
  readonly keyword: Token;
  readonly args: readonly Token[];
  readonly hasBlock: boolean;
}

type Place = Pick<Token, 'line' | 'col'>;

type Draft<T> = { -readonly [K in keyof T]: T[K] };

class ConfFailure extends Error {
  readonly confError: ConfError;
  constructor(confError: ConfError) {
    super(confError.message);
    this.confError = confError;
  }
}

export function parseKeepalivedConf(text: string, file: string): ParseResult {
  try {
    return { ok: true, conf: readFile(new Reader(tokenize(text, file), file)) };
  } catch (caught) {
    if (caught instanceof ConfFailure) return { ok: false, error: caught.confError };
    throw caught;
  }
}

// ---------------------------------------------------------------------------------------------
// Tokenizer

const WHITESPACE = new Set([' ', '\t', '\r', '\f', '\v']);

function tokenize(text: string, file: string): Token[] {
  const tokens: Token[] = [];
  text.split('\n').forEach((lineText, index) => {
    const line = index + 1;
    let i = 0;
    while (i < lineText.length) {
      const ch = lineText.charAt(i);
      if (WHITESPACE.has(ch)) {
        i++;
      } else if (ch === '#' || ch === '!') {
        break; // a comment starts where a token would, and runs to the end of the line
      } else if (ch === '{' || ch === '}') {
        tokens.push({ kind: ch === '{' ? 'open' : 'close', text: ch, line, col: i + 1 });
        i++;
      } else {
        // A word ends at whitespace or a brace; quoted parts may contain both.
        const start = i;
        let word = '';
        while (i < lineText.length && !isWordEnd(lineText.charAt(i))) {
          const c = lineText.charAt(i);
          if (c === '"') {
            const close = lineText.indexOf('"', i + 1);
            if (close < 0) {
              const pos = { file, line, col: i + 1 };
              const hint = 'close it with a double quote on the same line';
              throw new ConfFailure({ pos, message: 'unterminated quoted string', hint });
            }
            word += lineText.slice(i + 1, close);
            i = close + 1;
          } else {
            word += c;
            i++;
          }
        }
        tokens.push({ kind: 'word', text: word, line, col: start + 1 });
      }
    }
  });
  return tokens;
}

function isWordEnd(ch: string): boolean {
  return WHITESPACE.has(ch) || ch === '{' || ch === '}';
}

// ---------------------------------------------------------------------------------------------
// Statements and blocks

/** Real configurations nest three levels at most; the limit only keeps recursion bounded. */
const MAX_DEPTH = 32;

/** keepalived's root keywords that open a block: one of them inside another block means a missing "}". */
const ROOT_BLOCKS = new Set([
  'global_defs',
  'vrrp_script',
  'vrrp_instance',
  'vrrp_sync_group',
  'virtual_server',
  'virtual_server_group',
  'static_ipaddress',
  'static_routes',
  'static_rules',
]);

class Reader {
  readonly warnings: ConfWarning[] = [];
  readonly file: string;
  private readonly tokens: readonly Token[];
  private index = 0;
  private depth = 0;

  constructor(tokens: readonly Token[], file: string) {
    this.tokens = tokens;
    this.file = file;
  }

  pos(at: Place): SourcePos {
    return { file: this.file, line: at.line, col: at.col };
  }

  fail(at: Place, message: string, hint: string): never {
    throw new ConfFailure({ pos: this.pos(at), message, hint });
  }

  warn(at: Place, message: string): void {
    this.warnings.push({ pos: this.pos(at), message });
  }

  peek(): Token | undefined {
    return this.tokens[this.index];
  }

  /** Reads the statement starting at `keyword`, the current token. A `{` may also open the next line. */
  readStatement(keyword: Token): Statement {
    this.index++;
    const args: Token[] = [];
    for (let next = this.peek(); next?.kind === 'word' && next.line === keyword.line; next = this.peek()) {
      args.push(next);
      this.index++;
    }
    const hasBlock = this.peek()?.kind === 'open';
    if (hasBlock) this.index++;
    return { keyword, args, hasBlock };
  }

  /** Reads the statements of `owner`'s block up to and including its closing `}`. */
  readBody(owner: Statement, handle: (statement: Statement) => void): void {
    this.depth++;
    if (this.depth > MAX_DEPTH) this.fail(owner.keyword, 'blocks nested too deeply', 'check the braces');
    for (;;) {
      const token = this.peek();
      if (token === undefined) this.fail(owner.keyword, `block "${label(owner)}" is never closed`, 'add a closing "}"');
      if (token.kind === 'close') break;
      if (token.kind === 'open') this.fail(token, 'unexpected "{"', 'remove it, or write the keyword it belongs to');
      const statement = this.readStatement(token);
      if (statement.hasBlock && ROOT_BLOCKS.has(token.text)) {
        this.fail(
          owner.keyword,
          `block "${label(owner)}" is not closed before "${label(statement)}" on line ${token.line}`,
          'add a closing "}"',
        );
      }
      handle(statement);
    }
    this.index++;
    this.depth--;
  }

  skipBlock(owner: Statement): void {
    this.readBody(owner, (inner) => {
      if (inner.hasBlock) this.skipBlock(inner);
    });
  }

  /** For keywords that take no block: a block after one is skipped with a warning. */
  noBlock(statement: Statement): void {
    if (!statement.hasBlock) return;
    this.warn(statement.keyword, `"${statement.keyword.text}" takes no block, block ignored`);
    this.skipBlock(statement);
  }

  ignoreExtra(extra: readonly Token[], after: string): void {
    const first = extra[0];
    if (first !== undefined) this.warn(first, `extra argument "${first.text}" after ${after} ignored`);
  }
}

function label(statement: Statement): string {
  return [statement.keyword, ...statement.args].map((token) => token.text).join(' ');
}

/** Flag keywords: no argument. */
function readFlag(r: Reader, statement: Statement): true {
  r.noBlock(statement);
  r.ignoreExtra(statement.args, statement.keyword.text);
  return true;
}

/** The arguments of a keyword that needs at least one; `expected` and `example` explain what to write. */
function readArguments(r: Reader, statement: Statement, expected: string, example: string): [Token, ...Token[]] {
  r.noBlock(statement);
  const [value, ...rest] = statement.args;
  if (value === undefined) {
    r.fail(statement.keyword, `${statement.keyword.text} needs a value: ${expected}`, `write e.g. "${example}"`);
  }
  return [value, ...rest];
}

/** The single argument of a keyword. */
function readArgument(r: Reader, statement: Statement, expected: string, example: string): Token {
  const [value, ...extra] = readArguments(r, statement, expected, example);
  r.ignoreExtra(extra, statement.keyword.text);
  return value;
}

/** `NAME {` of a named block; returns the name. */
function readBlockHeader(r: Reader, statement: Statement, example: string): Token {
  const [name, ...extra] = statement.args;
  if (name === undefined) {
    r.fail(statement.keyword, `${statement.keyword.text} needs a name`, `write e.g. "${example}"`);
  }
  requireBlock(r, statement, example);
  r.ignoreExtra(extra, `${statement.keyword.text} ${name.text}`);
  return name;
}

function requireBlock(r: Reader, statement: Statement, example: string): void {
  if (!statement.hasBlock) {
    r.fail(statement.keyword, `expected "{" after ${label(statement)}`, `open the block, e.g. "${example}"`);
  }
}

/** A keyword this reader does not model: its block (if any) is skipped whole, with one warning. */
function ignoreUnmodelled(r: Reader, statement: Statement, where: string): void {
  const keyword = statement.keyword.text;
  if (statement.hasBlock) {
    r.warn(statement.keyword, `block "${keyword}" in ${where} is not modelled, ignored`);
    r.skipBlock(statement);
  } else {
    r.warn(statement.keyword, `unknown or unmodelled keyword "${keyword}" in ${where}, ignored`);
  }
}

// ---------------------------------------------------------------------------------------------
// Values

interface NumberRule {
  readonly integer: boolean;
  readonly min: number;
  readonly max: number;
  readonly minExclusive: boolean;
  /** Read as "must be …" in messages. */
  readonly allowed: string;
}

const ID_1_255: NumberRule = {
  integer: true,
  min: 1,
  max: 255,
  minExclusive: false,
  allowed: 'an integer from 1 to 255',
};
const WEIGHT: NumberRule = {
  integer: true,
  min: -254,
  max: 254,
  minExclusive: false,
  allowed: 'an integer from -254 to 254',
};
const COUNT: NumberRule = { integer: true, min: 1, max: Infinity, minExclusive: false, allowed: 'an integer >= 1' };
const SECONDS: NumberRule = {
  integer: false,
  min: 0,
  max: Infinity,
  minExclusive: true,
  allowed: 'a number of seconds > 0',
};
const PREEMPT_DELAY: NumberRule = {
  integer: false,
  min: 0,
  max: 1000,
  minExclusive: false,
  allowed: 'a number of seconds from 0 to 1000',
};

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** `where`, when given, follows the keyword in messages: `invalid weight "300" for track_script entry "chk"`. */
function parseNumber(r: Reader, token: Token, keyword: string, rule: NumberRule, example: string, where = ''): number {
  const value = Number(token.text);
  const valid =
    (rule.integer ? INTEGER : DECIMAL).test(token.text) &&
    Number.isFinite(value) &&
    (rule.minExclusive ? value > rule.min : value >= rule.min) &&
    value <= rule.max;
  if (!valid) {
    r.fail(token, `invalid ${keyword} "${token.text}"${where}: must be ${rule.allowed}`, `write e.g. "${example}"`);
  }
  return value === 0 ? 0 : value; // no -0
}

function readNumber(r: Reader, statement: Statement, rule: NumberRule, example: string): number {
  const token = readArgument(r, statement, rule.allowed, example);
  return parseNumber(r, token, statement.keyword.text, rule, example);
}

/** keepalived 2.2 accepts `weight N reverse`; the reversal itself is not modelled. */
function skipReverse(r: Reader, tokens: readonly Token[], where: string): readonly Token[] {
  const [first, ...rest] = tokens;
  if (first?.text !== 'reverse') return tokens;
  r.warn(first, `"reverse" weight in ${where} is not modelled, ignored`);
  return rest;
}

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
const IPV4_WITH_PREFIX = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}(?:/(?:3[0-2]|[12]?\\d))?$`);

/** An IPv4 address as written, or undefined for an IPv6 one (warned about and skipped). */
function readIpv4(r: Reader, token: Token, what: string, where: string, withPrefix: boolean): string | undefined {
  if (token.text.includes(':')) {
    r.warn(token, `IPv6 address "${token.text}" in ${what} of ${where} is not modelled, skipped`);
    return undefined;
  }
  if (!(withPrefix ? IPV4_WITH_PREFIX : IPV4).test(token.text)) {
    const expected = withPrefix ? 'an IPv4 address with an optional /0..32 prefix' : 'an IPv4 address';
    const example = withPrefix ? '10.0.0.1/24' : '10.0.0.1';
    r.fail(token, `invalid ${what} "${token.text}" in ${where}: expected ${expected}`, `write e.g. "${example}"`);
  }
  return token.text;
}

// ---------------------------------------------------------------------------------------------
// Blocks

interface FileState {
  routerId?: string;
  readonly scripts: ParsedScript[];
  readonly instances: ParsedInstance[];
  /** Where each name was first defined, for duplicate errors. */
  readonly scriptNames: Map<string, Token>;
  readonly instanceNames: Map<string, Token>;
  /** Resolved once the whole file is read: a vrrp_script may follow the instance tracking it. */
  readonly trackedScripts: { readonly track: ParsedTrack; readonly where: string }[];
}

function readFile(r: Reader): KeepalivedConf {
  const state: FileState = {
    scripts: [],
    instances: [],
    scriptNames: new Map(),
    instanceNames: new Map(),
    trackedScripts: [],
  };
  for (let token = r.peek(); token !== undefined; token = r.peek()) {
    if (token.kind === 'close') {
      r.fail(token, 'unexpected "}" with no open block', 'remove it, or add the "{" it closes');
    }
    if (token.kind === 'open') r.fail(token, 'unexpected "{"', 'remove it, or write the keyword it belongs to');
    const statement = r.readStatement(token);
    switch (token.text) {
      case 'global_defs':
        readGlobalDefs(r, state, statement);
        break;
      case 'vrrp_script':
        readScript(r, state, statement);
        break;
      case 'vrrp_instance':
        readInstance(r, state, statement);
        break;
      case 'include':
        r.warn(token, `"${label(statement)}" is not followed, the included files are not checked`);
        r.noBlock(statement);
        break;
      default:
        if (statement.hasBlock) {
          r.warn(token, `block "${token.text}" is not modelled, ignored`);
          r.skipBlock(statement);
        } else {
          r.warn(token, `unknown top-level keyword "${token.text}", ignored`);
        }
    }
  }

  for (const { track, where } of state.trackedScripts) {
    if (!state.scriptNames.has(track.name)) {
      r.fail(
        track.pos,
        `track_script "${track.name}" in ${where} names no vrrp_script`,
        `define "vrrp_script ${track.name} { ... }" or fix the name`,
      );
    }
  }

  return {
    file: r.file,
    ...(state.routerId === undefined ? {} : { routerId: state.routerId }),
    scripts: state.scripts,
    instances: state.instances,
    warnings: r.warnings,
  };
}

function readGlobalDefs(r: Reader, state: FileState, statement: Statement): void {
  requireBlock(r, statement, 'global_defs {');
  r.ignoreExtra(statement.args, 'global_defs');
  // Only router_id names the node; the rest of global_defs does not touch VRRP state.
  r.readBody(statement, (inner) => {
    if (inner.keyword.text === 'router_id') {
      state.routerId = readArgument(r, inner, 'a name', 'router_id lb1').text;
    } else if (inner.hasBlock) {
      r.skipBlock(inner);
    }
  });
}

function checkUnique(r: Reader, names: Map<string, Token>, name: Token, keyword: string): void {
  const first = names.get(name.text);
  if (first !== undefined) {
    r.fail(
      name,
      `duplicate ${keyword} "${name.text}" (first defined on line ${first.line})`,
      `give each ${keyword} a unique name`,
    );
  }
  names.set(name.text, name);
}

function readScript(r: Reader, state: FileState, statement: Statement): void {
  const name = readBlockHeader(r, statement, 'vrrp_script chk {');
  checkUnique(r, state.scriptNames, name, 'vrrp_script');
  const where = `vrrp_script ${name.text}`;
  const script: Draft<ParsedScript> = { name: name.text, initFail: false, pos: r.pos(name) };

  r.readBody(statement, (inner) => {
    switch (inner.keyword.text) {
      case 'script':
        // Unquoted, the command is the rest of the line (keepalived splits it into argv itself).
        script.script = readArguments(r, inner, 'a command', 'script /usr/local/bin/check_service')
          .map((arg) => arg.text)
          .join(' ');
        break;
      case 'interval':
        script.intervalSeconds = readNumber(r, inner, SECONDS, 'interval 2');
        break;
      case 'timeout':
        script.timeoutSeconds = readNumber(r, inner, SECONDS, 'timeout 2');
        break;
      case 'weight': {
        const [value, ...rest] = readArguments(r, inner, WEIGHT.allowed, 'weight 10');
        script.weight = parseNumber(r, value, 'weight', WEIGHT, 'weight 10');
        r.ignoreExtra(skipReverse(r, rest, where), 'weight');
        break;
      }
      case 'rise':
        script.rise = readNumber(r, inner, COUNT, 'rise 2');
        break;
      case 'fall':
        script.fall = readNumber(r, inner, COUNT, 'fall 2');
        break;
      case 'init_fail':
        script.initFail = readFlag(r, inner);
        break;
      case 'user':
        r.noBlock(inner); // the user the script runs as: irrelevant, it is never run
        break;
      default:
        ignoreUnmodelled(r, inner, where);
    }
  });
  state.scripts.push(script);
}

/** vrrp_instance keywords that do not change VRRP state: accepted without a warning. */
const SILENT_INSTANCE_KEYWORDS = new Set([
  'garp_master_delay',
  'garp_master_repeat',
  'garp_master_refresh',
  'notify_master',
  'notify_backup',
  'notify_fault',
  'notify_stop',
  'notify',
  'smtp_alert',
  'lvs_sync_daemon_interface',
  'mcast_src_ip',
  'native_ipv6',
]);

function readInstance(r: Reader, state: FileState, statement: Statement): void {
  const name = readBlockHeader(r, statement, 'vrrp_instance VI_1 {');
  checkUnique(r, state.instanceNames, name, 'vrrp_instance');
  const where = `vrrp_instance ${name.text}`;
  const trackScripts: ParsedTrack[] = [];
  const trackInterfaces: ParsedTrack[] = [];
  const virtualIpAddresses: string[] = [];
  const unicastPeers: string[] = [];
  const instance: Draft<ParsedInstance> = {
    name: name.text,
    nopreempt: false,
    dontTrackPrimary: false,
    trackScripts,
    trackInterfaces,
    virtualIpAddresses,
    unicastPeers,
    pos: r.pos(name),
  };

  r.readBody(statement, (inner) => {
    const keyword = inner.keyword.text;
    switch (keyword) {
      case 'state': {
        const value = readArgument(r, inner, 'MASTER or BACKUP', 'state BACKUP');
        if (value.text !== 'MASTER' && value.text !== 'BACKUP') {
          r.fail(
            value,
            `invalid state "${value.text}" in ${where}: must be MASTER or BACKUP`,
            'write "state MASTER" or "state BACKUP", in upper case',
          );
        }
        instance.state = value.text;
        break;
      }
      case 'interface':
        instance.interface = readArgument(r, inner, 'an interface name', 'interface eth0').text;
        break;
      case 'virtual_router_id':
        instance.virtualRouterId = readNumber(r, inner, ID_1_255, 'virtual_router_id 51');
        break;
      case 'priority':
        instance.priority = readNumber(r, inner, ID_1_255, 'priority 100');
        break;
      case 'advert_int':
        instance.advertIntSeconds = readNumber(r, inner, SECONDS, 'advert_int 1');
        break;
      // keepalived: each sets the one flag, so the later of nopreempt/preempt wins.
      case 'nopreempt':
        instance.nopreempt = readFlag(r, inner);
        break;
      case 'preempt':
        instance.nopreempt = !readFlag(r, inner);
        break;
      case 'preempt_delay':
        instance.preemptDelaySeconds = readNumber(r, inner, PREEMPT_DELAY, 'preempt_delay 60');
        break;
      case 'dont_track_primary':
        instance.dontTrackPrimary = readFlag(r, inner);
        break;
      case 'track_script':
        readTracks(r, inner, where, 'track_script { chk }', (track) => {
          trackScripts.push(track);
          state.trackedScripts.push({ track, where });
        });
        break;
      case 'track_interface':
        readTracks(r, inner, where, 'track_interface { eth1 }', (track) => trackInterfaces.push(track));
        break;
      case 'virtual_ipaddress':
        readAddresses(r, inner, where, 'virtual_ipaddress { 10.0.0.100/24 }', true, (address) =>
          virtualIpAddresses.push(address),
        );
        break;
      case 'unicast_src_ip': {
        const value = readArgument(r, inner, 'an IPv4 address', 'unicast_src_ip 10.0.0.1');
        const address = readIpv4(r, value, keyword, where, false);
        if (address !== undefined) instance.unicastSrcIp = address;
        break;
      }
      case 'unicast_peer':
        readAddresses(r, inner, where, 'unicast_peer { 10.0.0.2 }', false, (address) => unicastPeers.push(address));
        break;
      default:
        if (SILENT_INSTANCE_KEYWORDS.has(keyword)) {
          r.noBlock(inner);
        } else {
          ignoreUnmodelled(r, inner, where);
        }
    }
  });

  // keepalived refuses an instance without either.
  if (instance.virtualRouterId === undefined) {
    r.fail(name, `${where} has no virtual_router_id`, 'add "virtual_router_id N" (1 to 255) to the block');
  }
  if (instance.interface === undefined) {
    r.fail(name, `${where} has no interface`, 'add "interface IFNAME" to the block');
  }
  state.instances.push(instance);
}

/** `track_script { NAME [weight N] ... }` and `track_interface { IFNAME [weight N] ... }`: one entry per line. */
function readTracks(
  r: Reader,
  statement: Statement,
  where: string,
  example: string,
  add: (track: ParsedTrack) => void,
): void {
  requireBlock(r, statement, example);
  const block = statement.keyword.text;
  r.ignoreExtra(statement.args, block);
  r.readBody(statement, (entry) => {
    r.noBlock(entry);
    const name = entry.keyword.text;
    const what = `${block} entry "${name}"`;
    let rest = entry.args;
    let weight: number | undefined;
    const [first, value] = rest;
    if (first?.text === 'weight') {
      if (value === undefined) {
        r.fail(first, `weight for ${what} needs a value: ${WEIGHT.allowed}`, `write e.g. "${name} weight 10"`);
      }
      weight = parseNumber(r, value, 'weight', WEIGHT, `${name} weight 10`, ` for ${what}`);
      rest = skipReverse(r, rest.slice(2), `${what} of ${where}`);
    }
    r.ignoreExtra(rest, what);
    add({ name, ...(weight === undefined ? {} : { weight }), pos: r.pos(entry.keyword) });
  });
}

/** One address per line; what follows it on the line (`dev`, `label`, ...) does not matter here. */
function readAddresses(
  r: Reader,
  statement: Statement,
  where: string,
  example: string,
  withPrefix: boolean,
  add: (address: string) => void,
): void {
  requireBlock(r, statement, example);
  r.ignoreExtra(statement.args, statement.keyword.text);
  r.readBody(statement, (entry) => {
    r.noBlock(entry);
    const address = readIpv4(r, entry.keyword, statement.keyword.text, where, withPrefix);
    if (address !== undefined) add(address);
  });
}
