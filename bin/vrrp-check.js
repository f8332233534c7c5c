#!/usr/bin/env node
// Entry point: the compiled CLI in dist/ (built by `npm run build`, run on `npm ci`).
import { main } from '../dist/src/cli/main.js';

try {
  const result = await main(process.argv.slice(2));
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  process.exitCode = result.code;
} catch (error) {
  if (process.env.VRRP_CHECK_DEBUG) throw error;
  process.stderr.write(
    `vrrp-check: internal error: ${error instanceof Error ? error.message : String(error)} (set VRRP_CHECK_DEBUG=1 for details, and please report it)\n`,
  );
  process.exitCode = 3;
}
