/** An IPv4 address as an unsigned 32-bit number: how keepalived compares addresses to break a priority tie. */
export function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}
