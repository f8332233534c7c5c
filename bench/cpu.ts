/** Runs `work` until it has used about `seconds` of this process's CPU time; returns runs per CPU-second. */
export function perCpuSecond(work: () => void, seconds: number): number {
  for (let i = 0; i < 10; i++) work();
  const start = process.cpuUsage();
  let runs = 0;
  let used = 0;
  while (used < seconds * 1e6) {
    for (let i = 0; i < 5; i++) work();
    runs += 5;
    const d = process.cpuUsage(start);
    used = d.user + d.system;
  }
  return (runs * 1e6) / used;
}
