#!/usr/bin/env node
// Entry point: the compiled CLI in dist/ (built by `npm run build`, run on `npm ci`).
import { main } from '../dist/src/cli/main.js';
import { escapeText } from '../dist/src/escapeText.js';

try {
  const result = await main(process.argv.slice(2));
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  process.exitCode = result.code;
} catch (error) {
  if (process.env.VRRP_CHECK_DEBUG) throw error;
  // the message may quote an input: escaped, on one line, as every other message
  const message = escapeText(error instanceof Error ? error.message : String(error));
  process.stderr.write(
    `vrrp-check: internal error: ${message} (set VRRP_CHECK_DEBUG=1 for details, and please report it)\n`,
  );
  process.exitCode = 3;
}
