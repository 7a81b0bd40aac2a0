/** The command line: options, their defaults and the usage text. */
import { DatabaseKind } from './catalogBackend';

export type LogLevel = 'none' | 'error' | 'warn' | 'info' | 'debug';

export interface Options {
  dbs: DatabaseKind[];
  sizes: number[];
  reps: number;
  warmup: number;
  naiveReps?: number;
  overheadSize?: number;
  overheadRounds: number;
  overhead: boolean;
  pgUrl: string;
  logLevel: LogLevel;
  stallSeconds: number;
  keepDb: boolean;
  analyze: boolean;
  /** Give up a main run whose seeding takes longer, minutes. */
  seedTimeoutMin?: number;
  /** Before seeding and measuring, wait up to this long for other processes to quiet down, minutes. */
  waitIdleMin: number;
}

export const USAGE = `Usage: yarn benchmark:adoption [options]
  --db sqlite|pg|sqlite,pg   databases to run (default: sqlite,pg)
  --sizes 10000,100000       component counts (default: 10000,100000)
  --reps 30                  measured repetitions per query (default 30)
  --warmup 3                 warm-up calls per query (default 3)
  --naive-reps N             repetitions of the naive fetch-all (default: --reps,
                             or 5 after 1 warm-up when one call takes > 2 s)
  --overhead-size N          components of the processor overhead runs (default size/10)
  --overhead-rounds R        with/without pairs, alternating order (default 3); the overhead
                             is the median of the rounds' with/without ratios
  --no-overhead              skip the processor overhead runs
  --pg-url URL               PostgreSQL server (default postgresql://postgres@127.0.0.1:5432,
                             or BENCH_PG_URL)
  --log-level LEVEL          backend log level: none|error|warn|info|debug (default none)
  --stall-seconds S          give up when processing makes no progress for S s (default 300)
  --no-analyze               PostgreSQL: measure on the statistics as they are (see README);
                             by default the benchmark ANALYZEs every 60 s while seeding when
                             the server's autovacuum is off, and runs VACUUM ANALYZE after seeding
  --wait-idle MIN            before each seeding and measuring phase wait up to MIN minutes
                             until other processes use < 0.2 cores (shared machines; default 0)
  --seed-timeout MIN         give up a size when seeding its components takes longer than MIN minutes
  --keep-db                  PostgreSQL: keep the seeded database of each main run (for EXPLAIN)`;

export function parseOptions(argv: string[]): Options {
  const options: Options = {
    dbs: ['sqlite', 'pg'],
    sizes: [10_000, 100_000],
    reps: 30,
    warmup: 3,
    overheadRounds: 3,
    overhead: true,
    pgUrl: process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432',
    logLevel: 'none',
    stallSeconds: 300,
    keepDb: false,
    analyze: true,
    waitIdleMin: 0,
  };
  const positiveInt = (flag: string, v: string | undefined) => {
    const n = Number(String(v).replace(/_/g, ''));
    if (!Number.isInteger(n) || n <= 0) {
      throw new Error(`${flag} needs a positive integer, got "${v}"`);
    }
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2) as [
      string,
      string | undefined,
    ];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--db': {
        const dbs = value()
          .split(/[,|]/)
          .map(s => s.trim().toLowerCase())
          .map(s => (s === 'postgres' || s === 'postgresql' ? 'pg' : s));
        for (const db of dbs) {
          if (db !== 'sqlite' && db !== 'pg') {
            throw new Error(`--db takes sqlite and/or pg, got "${db}"`);
          }
        }
        options.dbs = [...new Set(dbs)] as DatabaseKind[];
        break;
      }
      case '--sizes':
      case '--size':
        options.sizes = value()
          .split(',')
          .map(s => positiveInt('--sizes', s.trim()));
        break;
      case '--reps':
        options.reps = positiveInt(flag, value());
        break;
      case '--warmup':
        options.warmup = Number(value());
        break;
      case '--naive-reps':
        options.naiveReps = positiveInt(flag, value());
        break;
      case '--overhead-size':
        options.overheadSize = positiveInt(flag, value());
        break;
      case '--overhead-rounds':
        options.overheadRounds = positiveInt(flag, value());
        break;
      case '--no-overhead':
        options.overhead = false;
        break;
      case '--pg-url':
        options.pgUrl = value();
        break;
      case '--log-level':
        options.logLevel = value() as LogLevel;
        break;
      case '--stall-seconds':
        options.stallSeconds = positiveInt(flag, value());
        break;
      case '--wait-idle':
        options.waitIdleMin = Number(value());
        break;
      case '--seed-timeout':
        options.seedTimeoutMin = positiveInt(flag, value());
        break;
      case '--no-analyze':
        options.analyze = false;
        break;
      case '--keep-db':
        options.keepDb = true;
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown option "${argv[i]}"\n${USAGE}`);
    }
  }
  return options;
}
