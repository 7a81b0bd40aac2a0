/*
 * CPU accounting on Linux: how much CPU this process (backend and client),
 * the PostgreSQL server processes working for the benchmark and everything
 * else on the machine used over an interval. Processing cost in CPU time
 * stays comparable when the wall clock does not, e.g. when other work shares
 * the machine's cores.
 *
 * PostgreSQL serves each connection from its own process, and connections
 * come and go (the pool closes idle ones), so a sampler follows the
 * processes every 2 s and keeps what an exited process had used when it
 * was last seen.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Linux USER_HZ; 100 on every mainstream kernel build. */
const TICK_MS = 10;
const SAMPLE_MS = 2000;

export interface CpuSnapshot {
  wallMs: number;
  /** All cores, busy time. */
  machineMs: number;
  /** This process, all threads. */
  selfMs: number;
  /** The postgres processes working for the benchmark, cumulative. */
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

/** Boot-relative clock in ticks, to tell processes started since the sampler began. */
function uptimeTicks(): number {
  return Math.floor(
    Number(fs.readFileSync('/proc/uptime', 'utf8').split(' ')[0]) *
      (1000 / TICK_MS),
  );
}

/**
 * Follows the postgres processes working for the benchmark: the backends
 * connected to its databases (their names start with dbPrefix) and the
 * server's shared background processes. Backends of other databases count
 * as other processes.
 */
class PostgresSampler {
  /** Per process ("pid/starttime"): ticks when first and when last seen. */
  private readonly seen = new Map<string, { first: number; last: number }>();
  private readonly startedAt = uptimeTicks();
  private timer?: NodeJS.Timeout;

  constructor(private readonly dbPrefix: string) {
    this.sample();
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
    this.timer.unref();
  }

  sample() {
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      let cmdline: string;
      try {
        stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        if (!stat.includes('(postgres)')) continue;
        cmdline = fs
          .readFileSync(`/proc/${entry}/cmdline`, 'utf8')
          .replace(/\0/g, ' ');
      } catch {
        continue; // gone
      }
      const close = stat.lastIndexOf(')');
      // "postgres: 15/main: <user> <database> <host>(<port>) <state>" for a
      // backend; a background process has no database in its title.
      const backend = /^postgres: [^:]+: (\S+) (\S+) /.exec(cmdline);
      const shared =
        !backend ||
        /: (checkpointer|background writer|walwriter|autovacuum|logical replication|archiver|stats)/.test(
          cmdline,
        );
      if (!shared && !backend![2].startsWith(this.dbPrefix)) continue;
      const rest = stat.slice(close + 2).split(' ');
      // utime and stime are fields 14 and 15, starttime 22.
      const ticks = Number(rest[11]) + Number(rest[12]);
      const starttime = Number(rest[19]);
      const key = `${entry}/${starttime}`;
      const known = this.seen.get(key);
      if (known) {
        known.last = ticks;
      } else {
        // A process that started since the sampler began counts from zero.
        const first = starttime >= this.startedAt ? 0 : ticks;
        this.seen.set(key, { first, last: ticks });
      }
    }
  }

  totalMs(): number {
    this.sample();
    let ticks = 0;
    for (const { first, last } of this.seen.values()) ticks += last - first;
    return ticks * TICK_MS;
  }
}

let sampler: PostgresSampler | undefined;
let samplerPrefix: string | undefined;

/** dbPrefix: the names of the benchmark's PostgreSQL databases start with it. */
export function cpuSnapshot(
  dbPrefix = 'bench_adoption_',
): CpuSnapshot | undefined {
  try {
    if (!sampler || samplerPrefix !== dbPrefix) {
      sampler = new PostgresSampler(dbPrefix);
      samplerPrefix = dbPrefix;
    }
    const { user, system } = process.cpuUsage();
    return {
      wallMs: performance.now(),
      machineMs: machineBusyMs(),
      selfMs: (user + system) / 1000,
      pgMs: sampler.totalMs(),
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
