/** Anything a terminal acts on instead of showing: C0 but newline, DEL, C1, bidi controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const RAW = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

/**
 * Why a command's error output is not one line `vrrp-check: FILE:LINE:COL: …` with nothing a
 * terminal would act on and no stack trace; null when it is.
 */
export function notOneLineError(stderr: string | undefined, withPlace = true): string | null {
  const text = stderr ?? '';
  const lines = text.split('\n');
  if (lines.length !== 2 || lines[1] !== '') return `not one line: ${JSON.stringify(text)}`;
  const line = lines[0] ?? '';
  if (!line.startsWith('vrrp-check: ')) return `no "vrrp-check: " prefix: ${JSON.stringify(line)}`;
  if (withPlace && !/^vrrp-check: (?:conform: )?[^\s:][^:]*:\d+:\d+: /.test(line)) {
    return `no file:line:col: ${JSON.stringify(line)}`;
  }
  if (/internal error|\bat .*\.[jt]s:\d+|Maximum call stack/.test(line)) return `a crash: ${JSON.stringify(line)}`;
  if (RAW.test(line)) return `a raw control character: ${JSON.stringify(line)}`;
  return null;
}

/** Whether output text holds anything a terminal would act on. */
export function hasRawControl(text: string | undefined): boolean {
  return RAW.test(text ?? '');
}
