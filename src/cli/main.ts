import { escapeText, quoteText } from '../escapeText.ts';
import { checkCommand } from './checkCommand.ts';
import type { CommandResult } from './commandResult.ts';
import { docsCommand } from './docsCommand.ts';
import { mergeCommand } from './mergeCommand.ts';
import { runCommand } from './runCommand.ts';
import { verifyCommand } from './verifyCommand.ts';

export const VERSION = '0.1.0';

const usage = `Usage: vrrp-check COMMAND [options]

A model checker for keepalived VRRP clusters: it simulates keepalived 1.2.13 or 2.2.7
routers on a virtual clock and checks what they do.

Commands:
  run SCENARIO.json   simulate one scenario and print keepalived's log (or the trace)
  check CONF...       check a cluster's keepalived.conf files against the properties
  merge SHARD...      join the shards of a check or verify run with --shard K/N into its report
  verify CONF...      explore every behaviour of a cluster within stated bounds (exhaustive)
  conform SCENARIO    run a scenario on real keepalived (root, netns) and compare it with the model
  docs                write the verified-behaviour documentation (Markdown, HTML, SVG)

Run "vrrp-check COMMAND --help" for a command's options.
`;

const commands: Readonly<Record<string, (argv: readonly string[]) => CommandResult | Promise<CommandResult>>> = {
  run: runCommand,
  check: checkCommand,
  merge: mergeCommand,
  verify: verifyCommand,
  docs: docsCommand,
  conform: async (argv) => (await import('./conformCommand.ts')).conformCommand(argv),
};

/**
 * Runs a command. What it prints is made safe for a terminal here, once for every command: a
 * config word, router or file name cannot carry an escape sequence or a control character to
 * it (each is shown escaped, as escapeText does); newlines and tabs are vrrp-check's own.
 */
export async function main(argv: readonly string[]): Promise<CommandResult> {
  const result = await dispatch(argv);
  return {
    code: result.code,
    ...(result.stdout === undefined ? {} : { stdout: escapeText(result.stdout, { keepLines: true }) }),
    ...(result.stderr === undefined ? {} : { stderr: escapeText(result.stderr, { keepLines: true }) }),
  };
}

async function dispatch(argv: readonly string[]): Promise<CommandResult> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    return { code: command === undefined ? 2 : 0, ...(command === undefined ? { stderr: usage } : { stdout: usage }) };
  }
  if (command === '--version') return { code: 0, stdout: `vrrp-check ${VERSION}\n` };
  const run = commands[command];
  if (run === undefined) {
    return {
      code: 2,
      stderr: `vrrp-check: unknown command ${quoteText(command)} (commands: ${Object.keys(commands).join(', ')}; see vrrp-check --help)\n`,
    };
  }
  return run(rest);
}
