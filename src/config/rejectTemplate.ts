/** Template placeholders: a file that holds them is refused with one line saying it must be rendered first. */
import { type Char, join } from './confChars.ts';
import { ConfFailure } from './confFailure.ts';
import type { ConfWord } from './readConfLines.ts';
import type { SourcePos } from './types.ts';

/**
 * Placeholders of template tools: Go and Jinja templates (Helm, Ansible), "<--NAME-->",
 * "%NAME%", "__NAME__" and "[name]" (sed scripts, READMEs asking to fill the file in).
 */
export const TEMPLATE_MARKERS: readonly RegExp[] = [
  /\{\{.*?\}\}|\{\{/,
  /\{%.*?%\}|\{%/,
  /<--\s*[A-Za-z_][\w.]*\s*-->/,
  /%[A-Za-z_][A-Za-z0-9_]*%/,
  /\b__[A-Z][A-Z0-9_]*__\b/,
  /\[[A-Za-z_][\w.-]*(?:\s*\|\s*[\w.-]+)*\]/,
];

function templateError(pos: SourcePos, marker: string): ConfFailure {
  return new ConfFailure(
    pos,
    `this file looks like a template ("${marker}" is a placeholder), not a keepalived.conf`,
    'render it first with the tool that fills it in, and check the rendered files',
  );
}

export function rejectTemplate(
  chars: readonly Char[],
  at: (col: number) => SourcePos,
  markers: readonly RegExp[],
): void {
  const text = join(maskQuoted(chars));
  for (const marker of markers) {
    const found = marker.exec(text);
    if (found !== null) throw templateError(at(chars[found.index]?.col ?? 1), found[0]);
  }
}

/** The characters with the inside of double quotes blanked, so that a command's text is not taken for a placeholder. */
function maskQuoted(chars: readonly Char[]): Char[] {
  let inQuote = false;
  return chars.map((c) => {
    if (c.ch === '"') inQuote = !inQuote;
    return inQuote && c.ch !== '"' ? { ch: ' ', col: c.col } : c;
  });
}

/** A word that is a `$NAME` left undefined: keepalived would keep it as written. */
export function rejectUndefinedReference(word: ConfWord): void {
  const found = /^\$[A-Za-z_][A-Za-z0-9_]*$/.exec(word.text);
  if (found !== null) throw templateError({ ...word.pos, col: word.pos.col + found.index }, found[0]);
}
