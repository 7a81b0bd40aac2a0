/*
 * CPU accounting on Linux: how much CPU this process (backend and client),
 * the PostgreSQL server and everything else on the machine used over an
 * interval. Processing cost in CPU time stays comparable when the wall clock
 * does not, e.g. when other work shares the machine's cores.
 *
 * PostgreSQL serves each connection, and each parallel query worker, from a
 * process of its own, and they come and go; the postmaster reaps them, so
 * the CPU of every postgres process plus what the postmaster reaped is the
 * whole server's. It counts the server's work for other databases too, which
 * is right on a machine where only the benchmark uses the server.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Linux USER_HZ; 100 on every mainstream kernel build. */
const TICK_MS = 10;

export interface CpuSnapshot {
  wallMs: number;
  /** All cores, busy time. */
  machineMs: number;
  /** This process, all threads. */
  selfMs: number;
  /** The PostgreSQL server, cumulative. */
  pgMs: number;
}

export interface CpuUse {
  wallMs: number;
  selfMs: number;
  pgMs: number;
  otherMs: number;
}

function machineBusyMs(): number {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
  const [, user, nice, system, , , irq, softirq, steal] = line
    .trim()
    .split(/\s+/)
    .map(Number);
  return (user + nice + system + irq + softirq + steal) * TICK_MS;
}

/** CPU of all postgres processes and of the children they reaped. */
function postgresMs(): number {
  let ticks = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone
    }
    const close = stat.lastIndexOf(')');
    if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
    const rest = stat.slice(close + 2).split(' ');
    // utime, stime, cutime and cstime are fields 14 to 17 of the line.
    ticks +=
      Number(rest[11]) + Number(rest[12]) + Number(rest[13]) + Number(rest[14]);
  }
  return ticks * TICK_MS;
}

export function cpuSnapshot(): CpuSnapshot | undefined {
  try {
    const { user, system } = process.cpuUsage();
    return {
      wallMs: performance.now(),
      machineMs: machineBusyMs(),
      selfMs: (user + system) / 1000,
      pgMs: postgresMs(),
    };
  } catch {
    return undefined; // not Linux
  }
}

export function cpuUse(
  from: CpuSnapshot | undefined,
  to: CpuSnapshot | undefined,
): CpuUse | undefined {
  if (!from || !to) return undefined;
  const selfMs = to.selfMs - from.selfMs;
  const pgMs = Math.max(0, to.pgMs - from.pgMs);
  const machineMs = to.machineMs - from.machineMs;
  return {
    wallMs: to.wallMs - from.wallMs,
    selfMs,
    pgMs,
    otherMs: Math.max(0, machineMs - selfMs - pgMs),
  };
}

/** "this process 1.2 + postgres 0.5 cores, other processes 0.8 cores" over the interval. */
export function describeCpu(use: CpuUse | undefined): string {
  if (!use || use.wallMs <= 0) return 'CPU use unknown';
  const cores = (ms: number) => (ms / use.wallMs).toFixed(2);
  return `CPU: this process ${cores(use.selfMs)} + postgres ${cores(
    use.pgMs,
  )} cores, other processes ${cores(use.otherMs)} cores`;
}

/**
 * Waits up to maxMs until other processes use less than `threshold` cores
 * over a window of windowMs; returns how long it waited and whether the
 * machine got quiet.
 */
export async function waitForIdle(options: {
  maxMs: number;
  threshold?: number;
  windowMs?: number;
}): Promise<{ waitedMs: number; idle: boolean; otherCores?: number }> {
  const threshold = options.threshold ?? 0.2;
  const windowMs = options.windowMs ?? 5000;
  const start = performance.now();
  for (;;) {
    const a = cpuSnapshot();
    await new Promise(r => setTimeout(r, windowMs));
    const use = cpuUse(a, cpuSnapshot());
    if (!use) return { waitedMs: 0, idle: true };
    const otherCores = use.otherMs / use.wallMs;
    const waitedMs = performance.now() - start;
    if (otherCores < threshold) return { waitedMs, idle: true, otherCores };
    if (waitedMs >= options.maxMs) return { waitedMs, idle: false, otherCores };
  }
}
