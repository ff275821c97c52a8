import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { round } from './bench-kit';

/** CPU accounting the benches share: a process's CPU and peak memory from /proc, and the machine a figure was taken on. */

/** CPU seconds (user + system) of a process, from /proc (clock ticks of 10 ms); null where there is none. */
export function cpuSeconds(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/**
 * The `machine` block of a results file: cores, Node, and the 1-minute load average before the bench
 * (taken by the caller at its start) and now. On a shared machine the load says how far to trust a
 * timing; CPU per operation is the steadier figure.
 */
export function machineInfo(loadAverage1mBefore: number) {
  return {
    cpus: cpus().length,
    node: process.version,
    loadAverage1mBefore: round(loadAverage1mBefore, 2),
    loadAverage1mAfter: round(loadavg()[0], 2),
  };
}

/**
 * The peak resident memory of a live process so far, in MB (VmHWM from /proc, Linux): what a
 * replica of that service needs under the bench's load (docs/scaling.md). Null where unreadable.
 */
export function peakRssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return kb ? Math.round(Number(kb[1]) / 1024) : null;
  } catch {
    return null;
  }
}
