/** A keepalived.conf made safe to run: every user command replaced or removed. */
export interface RewrittenConf {
  readonly text: string;
  /** The vrrp_script names, in file order; each now checks its flag file. */
  readonly scripts: readonly string[];
  /** One line per change other than a script rewrite. */
  readonly warnings: readonly string[];
}

/** The file whose presence makes a router's script succeed. */
export function flagPath(runDir: string, router: string, script: string): string {
  return `${runDir}/${router}.${script}.flag`;
}

/** The command a vrrp_script runs instead of the user's: a test of its flag file. */
export function flagCheck(runDir: string, router: string, script: string): string {
  return `/usr/bin/test -f ${flagPath(runDir, router, script)}`;
}

/** Keywords that make keepalived run a program, send mail or read more files: removed. */
const REMOVED = new Set([
  'notify',
  'notify_master',
  'notify_backup',
  'notify_fault',
  'notify_stop',
  'notify_deleted',
  'notify_master_rx_lower_pri',
  'notify_up',
  'notify_down',
  'notify_fifo_script',
  'vrrp_notify_fifo_script',
  'lvs_notify_fifo_script',
  'smtp_alert',
  'smtp_server',
  'include',
]);

type Token = { readonly kind: 'word'; readonly text: string } | { readonly kind: 'open' | 'close' };

/** keepalived's tokens of one line: braces split words, quotes group, `#` and `!` start a comment. */
function tokens(line: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const ch = line.charAt(i);
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '#' || ch === '!') {
      break;
    } else if (ch === '{' || ch === '}') {
      out.push({ kind: ch === '{' ? 'open' : 'close' });
      i++;
    } else {
      let word = '';
      while (i < line.length && !/[\s{}]/.test(line.charAt(i))) {
        const c = line.charAt(i);
        if (c === '"') {
          const close = line.indexOf('"', i + 1);
          const end = close < 0 ? line.length : close;
          word += line.slice(i + 1, end);
          i = end + 1;
        } else {
          word += c;
          i++;
        }
      }
      out.push({ kind: 'word', text: word });
    }
  }
  return out;
}

interface Block {
  readonly keyword: string;
  readonly name: string;
  hasScript: boolean;
}

/**
 * Rewrites a keepalived.conf for a live run: each `vrrp_script`'s command becomes a check of the
 * router's flag file for that script (`/usr/bin/test -f RUN/ROUTER.SCRIPT.flag`; a missing `script`
 * line is added), its `user` line goes, and every notify script, mail alert and `include` is
 * removed with a warning. The user's commands are never kept, so never run.
 */
export function rewriteConf(text: string, runDir: string, router: string): RewrittenConf {
  const out: string[] = [];
  const scripts: string[] = [];
  const warnings: string[] = [];
  const stack: Block[] = [];
  /** The words of the last statement that did not open a block: a `{` on the next line belongs to it. */
  let previous: readonly string[] = [];
  text.split('\n').forEach((line, index) => {
    const toks = tokens(line);
    const words = toks.flatMap((t) => (t.kind === 'word' ? [t.text] : []));
    const first = toks[0];
    const keyword = first?.kind === 'word' ? first.text : undefined;
    const top = stack[stack.length - 1];
    const indent = /^\s*/.exec(line)?.[0] ?? '';
    const braces = (from: number) =>
      toks
        .slice(from)
        .flatMap((t) => (t.kind === 'word' ? [] : [t.kind === 'open' ? '{' : '}']))
        .join(' ');
    /** The line to write instead, or null to drop it; undefined keeps it. */
    let replaced: string | null | undefined;
    const keepBraces = () => (braces(1) === '' ? null : `${indent}${braces(1)}`);
    if (keyword !== undefined && top?.keyword === 'vrrp_script' && keyword === 'script') {
      top.hasScript = true;
      const rest = braces(1);
      replaced = `${indent}script "${flagCheck(runDir, router, top.name)}"${rest === '' ? '' : ` ${rest}`}`;
    } else if (keyword !== undefined && top?.keyword === 'vrrp_script' && keyword === 'user') {
      warnings.push(`line ${index + 1}: vrrp_script ${top.name}: "user" removed (the flag check runs as root)`);
      replaced = keepBraces();
    } else if (keyword !== undefined && REMOVED.has(keyword)) {
      warnings.push(`line ${index + 1}: "${keyword}" removed (conform never runs user commands or reads other files)`);
      replaced = keepBraces();
    }
    // follow the blocks: a close first (`} else`), then opens
    let lineWords: string[] = [];
    const before: string[] = [];
    for (const token of toks) {
      if (token.kind === 'word') {
        lineWords.push(token.text);
      } else if (token.kind === 'open') {
        const header = lineWords.length > 0 ? lineWords : previous;
        const block: Block = { keyword: header[0] ?? '', name: header[1] ?? '', hasScript: false };
        if (block.keyword === 'vrrp_script' && block.name !== '') scripts.push(block.name);
        stack.push(block);
        lineWords = [];
        previous = [];
      } else {
        const closed = stack.pop();
        if (closed?.keyword === 'vrrp_script' && !closed.hasScript && closed.name !== '') {
          before.push(`    script "${flagCheck(runDir, router, closed.name)}"`);
          closed.hasScript = true;
        }
        lineWords = [];
      }
    }
    if (words.length > 0 && toks[toks.length - 1]?.kind === 'word') previous = lineWords;
    out.push(...before);
    if (replaced !== null) out.push(replaced ?? line);
  });
  return { text: out.join('\n'), scripts, warnings };
}
