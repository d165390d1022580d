// CPU time of processes from /proc, the stable figure on a shared 2-core
// machine (TOOLCHAIN.md): utime + stime (fields 14 and 15 of
// /proc/PID/stat, which sum every thread of the process), in clock ticks.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export const TICK_US = 1_000_000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** utime + stime of one process in clock ticks, or undefined when it is gone. */
export function cpuTicks(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces and parentheses: count fields after its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** CPU ticks of one process's main thread (its event loop, for Node) and of all its other threads. */
export function threadTicks(pid: number): { main: number; others: number } {
  let main = 0;
  let others = 0;
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return { main, others };
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      if (Number(tid) === pid) main += ticks;
      else others += ticks;
    } catch {
      // the thread ended meanwhile (its time is lost, as /proc keeps no record of it)
    }
  }
  return { main, others };
}

/** A set of processes whose CPU is read together; `pids()` is asked again at every reading (PostgreSQL backends come and go). */
export interface CpuSubject {
  pids(): Promise<number[]>;
}

/** Ticks per pid at one moment. */
export async function snapshot(subject: CpuSubject): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const pid of await subject.pids()) {
    const ticks = cpuTicks(pid);
    if (ticks !== undefined) out.set(pid, ticks);
  }
  return out;
}

/**
 * CPU microseconds between two snapshots: processes present in both count their difference, processes that
 * appeared count all their time (they started in between); `lost` counts processes that ended in between.
 */
export function spentUs(before: Map<number, number>, after: Map<number, number>): { us: number; lost: number } {
  let ticks = 0;
  for (const [pid, end] of after) ticks += end - (before.get(pid) ?? 0);
  let lost = 0;
  for (const pid of before.keys()) if (!after.has(pid)) lost++;
  return { us: ticks * TICK_US, lost };
}
