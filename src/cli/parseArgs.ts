import { escapeText, quoteText } from '../escapeText.ts';

/** One command-line option: a flag, or an option taking a value (repeatable or not). */
export interface OptionSpec {
  readonly name: string;
  readonly value?: string;
  readonly repeatable?: boolean;
  readonly choices?: readonly string[];
  readonly help: string;
}

export interface ParsedArgs {
  readonly positional: readonly string[];
  readonly flags: ReadonlySet<string>;
  readonly values: ReadonlyMap<string, readonly string[]>;
}

export type ArgsResult =
  | { readonly ok: true; readonly args: ParsedArgs }
  | { readonly ok: false; readonly error: string };

/** Parses `--name`, `--name VALUE` and `--name=VALUE`; the error is one line naming the fix. */
export function parseArgs(command: string, argv: readonly string[], specs: readonly OptionSpec[]): ArgsResult {
  const positional: string[] = [];
  const flags = new Set<string>();
  const values = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      if (arg.startsWith('-') && arg !== '-') {
        return {
          ok: false,
          error: `unknown option ${escapeText(arg)} for ${command} (see vrrp-check ${command} --help)`,
        };
      }
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const spec = specs.find((s) => s.name === name);
    if (spec === undefined) {
      const known = specs.map((s) => `--${s.name}`).join(', ');
      return { ok: false, error: `unknown option --${escapeText(name)} for ${command} (known: ${known})` };
    }
    if (spec.value === undefined) {
      if (eq >= 0) return { ok: false, error: `--${name} takes no value (write just --${name})` };
      flags.add(name);
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined || value === '') {
      return { ok: false, error: `--${name} needs a value (write --${name} ${spec.value})` };
    }
    if (spec.choices !== undefined && !spec.choices.includes(value)) {
      return { ok: false, error: `--${name} must be one of ${spec.choices.join(', ')} (got ${quoteText(value)})` };
    }
    const list = values.get(name) ?? [];
    if (list.length > 0 && spec.repeatable !== true) {
      return { ok: false, error: `--${name} is given twice (give it once)` };
    }
    list.push(value);
    values.set(name, list);
  }
  return { ok: true, args: { positional, flags, values } };
}

export function optionHelp(specs: readonly OptionSpec[]): string {
  const rows = specs.map((s) => [`--${s.name}${s.value === undefined ? '' : ` ${s.value}`}`, s.help] as const);
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, help]) => `  ${left.padEnd(width)}  ${help}`).join('\n');
}
