/*
 * Adoption benchmark: how fast the catalog answers the pattern adoption
 * queries of the architecture-patterns frontend, and what the
 * architecture-patterns catalog module costs in processing.
 *
 * For each database (SQLite in memory, PostgreSQL) and size (10,000 and
 * 100,000 components) it starts a real catalog backend in this process, seeds
 * it through a test entity provider, times the processing, and measures over
 * HTTP with CatalogClient and AdoptionSummaryClient, as the frontend calls them:
 *   (a) the overview, as the adoption summary serves it, unfiltered
 *   (b) the same, filtered by one owner
 *   (a0), (b0) the catalog facets requests behind them
 *   (c) one page of adopters of a popular pattern (pattern page)
 *   (d) one page of the overview table
 *   (e) the naive way: fetch every adopter and count in the client
 * then seeds N/10 components into a backend with and one without the module
 * and compares the processing time per entity.
 *
 * Usage (from the repository root):
 *   yarn benchmark:adoption [--db sqlite|pg|sqlite,pg] [--sizes 10000,100000]
 *     [--reps 30] [--warmup 3] [--naive-reps N] [--overhead-size N]
 *     [--overhead-rounds R] [--no-overhead] [--pg-url URL] [--log-level none]
 * See README.md in this folder.
 */
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import {
  CATALOG_FILTER_EXISTS,
  CatalogClient,
} from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import {
  ADOPTER_FIELDS,
  ADOPTER_KINDS,
  adoptersPageRequest,
  adoptersRequest,
  ADOPTION_FACETS,
  adoptionFacetsRequest,
  AdoptionSummaryClient,
  ARCHITECTURE_PATTERN_KIND,
  countAdopters,
  PATTERN_PAGE_FIELDS,
  RELATION_IMPLEMENTS_PATTERN,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import {
  BenchBackend,
  DatabaseKind,
  DatabaseTarget,
  PgDatabases,
  startCatalog,
} from './catalogBackend';
import { cpuSnapshot, cpuUse, CpuUse, describeCpu, waitForIdle } from './cpu';
import { createDataset, Dataset, GROUP_COUNT, SYSTEM_COUNT } from './dataset';

// ---------------------------------------------------------------- options

type LogLevel = 'none' | 'error' | 'warn' | 'info' | 'debug';

interface Options {
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

const USAGE = `Usage: yarn benchmark:adoption [options]
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

function parseOptions(argv: string[]): Options {
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

// ---------------------------------------------------------------- helpers

const now = () => performance.now();
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const int = (n: number) => n.toLocaleString('en-US');
const ms = (x: number) =>
  x < 10
    ? `${x.toFixed(2)} ms`
    : x < 1000
    ? `${x.toFixed(1)} ms`
    : `${int(Math.round(x))} ms`;
const secs = (x: number) => `${(x / 1000).toFixed(1)} s`;
const kb = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${(bytes / 1024).toFixed(1)} KB`
    : `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const pct = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(1)}%`;
const dbLabel = (db: DatabaseKind) =>
  db === 'pg' ? 'PostgreSQL' : 'SQLite (memory)';
const pad = (s: string, n: number) => s.padEnd(n);
const padl = (s: string, n: number) => s.padStart(n);

interface Stats {
  n: number;
  warmup: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: number[], p: number) {
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

function summarize(samples: number[], warmup: number): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    warmup,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
  };
}

async function measure(
  run: () => Promise<unknown>,
  warmup: number,
  reps: number,
): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = now();
    await run();
    samples.push(now() - t);
  }
  return summarize(samples, warmup);
}

/** A CatalogClient against the test backend, which can count response bytes. */
function createClient(backend: BenchBackend) {
  let counting = false;
  let bytes = 0;
  const fetchApi = {
    fetch: async (input: any, init?: RequestInit) => {
      const response = await fetch(input, init);
      if (counting) {
        bytes += (await response.clone().arrayBuffer()).byteLength;
      }
      return response;
    },
  };
  const client = new CatalogClient({
    discoveryApi: { getBaseUrl: async () => backend.baseUrl },
    fetchApi,
  });
  // As the frontend's client asks, with the user's token.
  const summary = new AdoptionSummaryClient({
    discoveryApi: { getBaseUrl: async () => backend.summaryBaseUrl },
    fetchApi: {
      fetch: (input: any, init?: RequestInit) =>
        fetchApi.fetch(input, {
          ...init,
          headers: { Authorization: `Bearer ${backend.token}` },
        }),
    },
  });
  return {
    client,
    summary,
    options: { token: backend.token },
    /** The body size of the responses of one (untimed) call. */
    async responseBytes(run: () => Promise<unknown>) {
      counting = true;
      bytes = 0;
      try {
        await run();
        return bytes;
      } finally {
        counting = false;
      }
    },
  };
}
type Client = ReturnType<typeof createClient>;

async function countEntities(c: Client, filter: Record<string, any>) {
  const response = await c.client.queryEntities(
    { filter, fields: ['metadata.name'], limit: 1 },
    c.options,
  );
  return response.totalItems;
}

/**
 * Polls until probe() reaches target, printing progress; fails when there is
 * no progress for stallSeconds.
 */
async function waitForCount(options: {
  what: string;
  probe: () => Promise<number>;
  target: number;
  since: number;
  pollMs: number;
  stallSeconds: number;
  progressMs?: number;
  timeoutMs?: number;
  extra?: () => Promise<string>;
  diagnose?: () => string;
}): Promise<number> {
  const progressMs = options.progressMs ?? 10_000;
  let lastValue = -1;
  let lastChange = now();
  let lastPrint = now();
  for (;;) {
    const value = await options.probe();
    const t = now();
    if (value >= options.target) {
      return t;
    }
    if (value !== lastValue) {
      lastValue = value;
      lastChange = t;
    }
    if (t - lastPrint >= progressMs) {
      lastPrint = t;
      const elapsed = t - options.since;
      const rate = value / (elapsed / 1000);
      const extra = options.extra ? `, ${await options.extra()}` : '';
      console.log(
        `    [${padl(secs(elapsed), 8)}] ${int(value)} / ${int(
          options.target,
        )} ${options.what} (${int(Math.round(rate))}/s${extra})`,
      );
    }
    if (
      options.timeoutMs !== undefined &&
      t - options.since > options.timeoutMs
    ) {
      throw new SeedTimeout(
        `Gave up after ${secs(
          t - options.since,
        )} (--seed-timeout) waiting for ${options.what}: ${int(value)} / ${int(
          options.target,
        )}, ` + `${int(Math.round(value / ((t - options.since) / 1000)))}/s`,
      );
    }
    if (t - lastChange > options.stallSeconds * 1000) {
      throw new Error(
        `No progress for ${options.stallSeconds} s waiting for ${
          options.what
        }: ${value} / ${options.target}. ${options.diagnose?.() ?? ''}`,
      );
    }
    await sleep(options.pollMs);
  }
}

/** --seed-timeout ran out: reported as given up, not as a failure. */
class SeedTimeout extends Error {}

async function waitForQuiet(backend: BenchBackend, stallSeconds: number) {
  const start = now();
  for (;;) {
    const pending = await backend.pendingStitches();
    if (pending === 0) return now();
    if (now() - start > stallSeconds * 1000) {
      throw new Error(
        `The stitch queue did not drain in ${stallSeconds} s (${pending} left)`,
      );
    }
    await sleep(200);
  }
}

/**
 * Waits until the n components of the last mutation are processed and
 * stitched, watching the engine and the stitch queue rather than querying
 * the catalog, which would compete with processing for the database (SQLite
 * has one connection); then confirms with one count over the catalog API.
 * Returns when that was.
 */
async function waitForProcessing(options: {
  backend: BenchBackend;
  client: Client;
  n: number;
  /** The filter the n components match once they are done. */
  doneFilter: Record<string, any>;
  since: number;
  stallSeconds: number;
  timeoutMs?: number;
  progressMs: number;
}): Promise<number> {
  const { backend, n } = options;
  let pending = 0;
  const diagnose = () => describeErrors(backend);
  await waitForCount({
    what: 'done (components processed minus stitch queue)',
    probe: async () => {
      // Grows while processing and again while the stitch queue drains.
      pending = await backend.pendingStitches();
      return Math.max(0, backend.timing.processed - pending);
    },
    target: n,
    since: options.since,
    pollMs: n > 20_000 ? 500 : 100,
    progressMs: options.progressMs,
    timeoutMs: options.timeoutMs,
    stallSeconds: options.stallSeconds,
    extra: async () =>
      `processed ${int(backend.timing.processed)}, stitch queue ${int(
        pending,
      )}`,
    diagnose,
  });
  // Done unless some failed processing: then wait for what the API sees.
  return waitForCount({
    what: 'components in the catalog',
    probe: () => countEntities(options.client, options.doneFilter),
    target: n,
    since: options.since,
    pollMs: 500,
    progressMs: options.progressMs,
    stallSeconds: Math.min(options.stallSeconds, 60),
    diagnose,
  });
}

function describeErrors(backend: BenchBackend) {
  if (backend.errors.length === 0) return 'No processing errors.';
  const sample = backend.errors
    .slice(0, 3)
    .map(e => `${e.entityRef}: ${e.messages.join('; ')}`)
    .join(' | ');
  return `${backend.errors.length} processing errors, e.g. ${sample}`;
}

/** Seeds patterns (with the module), groups and systems, and waits until they are stitched. */
async function seedBase(
  backend: BenchBackend,
  c: Client,
  dataset: Dataset,
  withModule: boolean,
  stallSeconds: number,
): Promise<Entity[]> {
  const base = [
    ...(withModule ? dataset.patterns : []),
    ...dataset.groups,
    ...dataset.systems,
  ];
  const start = now();
  await backend.applyFull(base);
  const expect: Array<[string, number]> = [
    ['Group', GROUP_COUNT],
    ['System', SYSTEM_COUNT],
    ...(withModule
      ? [
          [ARCHITECTURE_PATTERN_KIND, dataset.patterns.length] as [
            string,
            number,
          ],
        ]
      : []),
  ];
  for (const [kind, count] of expect) {
    await waitForCount({
      what: `${kind} entities`,
      probe: () => countEntities(c, { kind }),
      target: count,
      since: start,
      pollMs: 200,
      stallSeconds,
      diagnose: () => describeErrors(backend),
    });
  }
  await waitForQuiet(backend, stallSeconds);
  return base;
}

// ---------------------------------------------------------------- naive

const RELATION_KEY = `relations.${RELATION_IMPLEMENTS_PATTERN}`;

type Counts = Record<string, Array<{ value: string; count: number }>>;

/**
 * How the client reads one facet of an entity, the way the catalog indexes
 * it: relations.<type> are the target refs, metadata.annotations.<key> and
 * metadata.labels.<key> one value, anything else a dotted path.
 */
function facetReader(facet: string): {
  field: string;
  read: (e: Entity) => unknown[];
} {
  const asList = (v: unknown) =>
    v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
  if (facet.startsWith('relations.')) {
    const type = facet.slice('relations.'.length).toLocaleLowerCase('en-US');
    return {
      field: 'relations',
      read: e => [
        ...new Set(
          (e.relations ?? [])
            .filter(r => r.type.toLocaleLowerCase('en-US') === type)
            .map(r => r.targetRef),
        ),
      ],
    };
  }
  for (const prefix of ['metadata.annotations.', 'metadata.labels.']) {
    if (facet.startsWith(prefix)) {
      const container = prefix.slice(0, -1);
      const key = facet.slice(prefix.length);
      return {
        field: container,
        read: e =>
          asList(
            (container === 'metadata.annotations'
              ? e.metadata.annotations
              : e.metadata.labels)?.[key],
          ),
      };
    }
  }
  return {
    field: facet,
    read: e => asList(facet.split('.').reduce<any>((v, k) => v?.[k], e)),
  };
}

/** The naive client: every adopter, with the fields the overview's breakdowns need. */
function naiveRequest() {
  const readers = ADOPTION_FACETS.map(f => ({ facet: f, ...facetReader(f) }));
  const fields = [
    ...new Set([
      'kind',
      'metadata.name',
      'relations',
      ...readers.map(r => r.field),
    ]),
  ];
  const patternsOf = facetReader(RELATION_KEY).read;
  /** The overview's counts, computed in the client. */
  const count = (entities: Entity[]): Counts => {
    const maps = new Map(
      readers.map(r => [r.facet, new Map<string, number>()]),
    );
    for (const e of entities) {
      if (patternsOf(e).length === 0) continue;
      for (const r of readers) {
        const m = maps.get(r.facet)!;
        for (const v of r.read(e)) {
          m.set(String(v), (m.get(String(v)) ?? 0) + 1);
        }
      }
    }
    return Object.fromEntries(
      [...maps.entries()].map(([facet, m]) => [
        facet,
        [...m.entries()].map(([value, n]) => ({ value, count: n })),
      ]),
    );
  };
  return { fields, count };
}

function normalizeCounts(counts: Counts) {
  const out: Record<string, string[]> = {};
  for (const facet of ADOPTION_FACETS) {
    out[facet] = (counts[facet] ?? [])
      .map(({ value, count }) => `${value.toLocaleLowerCase('en-US')}=${count}`)
      .sort();
  }
  return out;
}

function compareCounts(a: Counts, b: Counts): string | undefined {
  const na = normalizeCounts(a);
  const nb = normalizeCounts(b);
  for (const facet of ADOPTION_FACETS) {
    if (JSON.stringify(na[facet]) !== JSON.stringify(nb[facet])) {
      const onlyA = na[facet].filter(x => !nb[facet].includes(x)).slice(0, 3);
      const onlyB = nb[facet].filter(x => !na[facet].includes(x)).slice(0, 3);
      return `${facet}: facets ${onlyA.join(', ')} vs client ${onlyB.join(
        ', ',
      )}`;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------- main run

interface QueryResult {
  id: string;
  label: string;
  stats: Stats;
  bytes?: number;
  note?: string;
}

interface OverheadSide {
  /** Engine processing window: first component picked up to last processed, ms. */
  processMs: number[];
  /** Mutation start until all components are processed and stitched, ms. */
  doneMs: number[];
  /** CPU of this process and postgres, mutation start until done, ms. */
  cpuMs: number[];
  /** Cores other processes used meanwhile. */
  otherCores: number[];
}

interface OverheadResult {
  n: number;
  rounds: number;
  without: OverheadSide;
  with: OverheadSide;
}

interface RunResult {
  db: DatabaseKind;
  size: number;
  baseSeedMs: number;
  applyMs: number;
  processWindowMs: number;
  doneMs: number;
  queries: QueryResult[];
  /** CPU of this process + postgres per component while processing, ms. */
  processCpuMs?: number;
  seedCpu?: CpuUse;
  measureCpu?: CpuUse;
  naiveNote?: string;
  checks: string[];
  overhead?: OverheadResult;
  error?: string;
  /** The error is --seed-timeout running out. */
  gaveUp?: boolean;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Stands in for autovacuum's ANALYZE while the server has autovacuum off:
 * every 60 s (autovacuum's default naptime) while the catalog is seeded, so
 * the planner does not work on the statistics of the empty tables.
 */
function startAutoAnalyze(backend: BenchBackend) {
  let runs = 0;
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = running
      .then(() => backend.analyze(false))
      .then(() => {
        runs += 1;
      })
      .catch(() => {});
  }, 60_000);
  return {
    async stop() {
      clearInterval(timer);
      await running;
      return runs;
    },
  };
}
type AutoAnalyze = ReturnType<typeof startAutoAnalyze>;

async function withBackend<T>(
  ctx: Context,
  db: DatabaseKind,
  dbName: string,
  withModule: boolean,
  fn: (backend: BenchBackend, autoAnalyze?: AutoAnalyze) => Promise<T>,
  keep = false,
  adoptionSummaries = false,
): Promise<T> {
  let target: DatabaseTarget = { kind: 'sqlite' };
  if (db === 'pg') {
    target = await ctx.pg!.create(dbName);
  }
  const backend = await startCatalog({
    database: target,
    withModule,
    logLevel: ctx.options.logLevel,
    adoptionSummaries,
  });
  ctx.active = backend;
  let autoAnalyze: AutoAnalyze | undefined;
  try {
    if (
      db === 'pg' &&
      ctx.options.analyze &&
      (await backend.autovacuum()) === 'off'
    ) {
      autoAnalyze = startAutoAnalyze(backend);
    }
    return await fn(backend, autoAnalyze);
  } finally {
    await autoAnalyze?.stop();
    ctx.active = undefined;
    await backend.stop();
    if (db === 'pg') {
      if (keep) {
        ctx.pg!.forget(dbName);
        console.log(`  kept database ${dbName}`);
      } else {
        await ctx.pg!.drop(dbName);
      }
    }
  }
}

interface Context {
  options: Options;
  dataset: Dataset;
  pg?: PgDatabases;
  runId: string;
  active?: BenchBackend;
}

async function mainRun(
  ctx: Context,
  db: DatabaseKind,
  size: number,
): Promise<RunResult> {
  const { options, dataset } = ctx;
  const dbName = `bench_adoption_${ctx.runId}_${size}`;
  console.log(
    `\n=== ${dbLabel(db)}, ${int(size)} components${
      db === 'pg' ? ` (database ${dbName})` : ''
    } ===`,
  );
  return withBackend(
    ctx,
    db,
    dbName,
    true,
    async (backend, autoAnalyze) => {
      const c = createClient(backend);
      if (db === 'pg') {
        const autovacuum = await backend.autovacuum();
        console.log(
          `  PostgreSQL autovacuum is ${autovacuum}` +
            (!options.analyze
              ? '; --no-analyze: no ANALYZE by the benchmark, the planner keeps the statistics it has'
              : autovacuum === 'off'
              ? '; the benchmark runs ANALYZE every 60 s while seeding, as autovacuum would, and VACUUM ANALYZE before measuring'
              : '; the benchmark runs VACUUM ANALYZE before measuring'),
        );
      }
      const result: RunResult = {
        db,
        size,
        baseSeedMs: 0,
        applyMs: 0,
        processWindowMs: 0,
        doneMs: 0,
        queries: [],
        checks: [],
      };

      // 1. The catalog already knows its patterns, groups and systems.
      let t = now();
      const base = await seedBase(
        backend,
        c,
        dataset,
        true,
        options.stallSeconds,
      );
      result.baseSeedMs = now() - t;
      console.log(
        `  base catalog: ${
          dataset.patterns.length
        } patterns, ${GROUP_COUNT} groups, ${SYSTEM_COUNT} systems, processed and stitched in ${secs(
          result.baseSeedMs,
        )}`,
      );

      // 2. One full mutation with the N components.
      await settle(ctx, 'seeding');
      t = now();
      let components: Entity[] | undefined = Array.from(
        { length: size },
        (_, i) => dataset.component(i),
      );
      console.log(
        `  built ${int(size)} components in ${secs(
          now() - t,
        )}; applying one full mutation...`,
      );
      backend.timing.reset();
      const cpuStart = cpuSnapshot();
      const start = now();
      await backend.applyFull([...base, ...components]);
      components = undefined;
      result.applyMs = now() - start;
      console.log(
        `  provider mutation written in ${secs(result.applyMs)}; processing...`,
      );
      const doneAt = await waitForProcessing({
        backend,
        client: c,
        n: size,
        doneFilter: {
          kind: 'Component',
          [RELATION_KEY]: CATALOG_FILTER_EXISTS,
        },
        since: start,
        stallSeconds: options.stallSeconds,
        timeoutMs: options.seedTimeoutMin
          ? options.seedTimeoutMin * 60_000
          : undefined,
        progressMs: size > 20_000 ? 30_000 : 10_000,
      });
      result.doneMs = doneAt - start;
      result.seedCpu = cpuUse(cpuStart, cpuSnapshot());
      if (result.seedCpu) {
        result.processCpuMs =
          (result.seedCpu.selfMs + result.seedCpu.pgMs) / size;
      }
      result.processWindowMs =
        (backend.timing.last ?? 0) - (backend.timing.first ?? 0);
      const perEntity = result.processWindowMs / size;
      console.log(
        `  processing: all ${int(
          size,
        )} components processed, stitched and carrying their relations ${secs(
          result.doneMs,
        )} ` +
          `after the mutation started (${int(
            Math.round(size / (result.doneMs / 1000)),
          )} components/s)`,
      );
      console.log(
        `    engine window (first component picked up -> last processed): ${secs(
          result.processWindowMs,
        )}, ` + `${perEntity.toFixed(2)} ms/component; the rest is stitching`,
      );
      if (result.seedCpu) {
        console.log(
          `    ${describeCpu(result.seedCpu)}; ${result.processCpuMs!.toFixed(
            2,
          )} CPU ms/component (this process + postgres)`,
        );
      }
      console.log(`    ${describeErrors(backend)}`);
      if (backend.errors.length) {
        result.checks.push(`processing errors: ${backend.errors.length}`);
      }
      if (db === 'pg' && options.analyze) {
        const runs = await autoAnalyze?.stop();
        t = now();
        await backend.analyze(true);
        console.log(
          `  ${
            runs !== undefined
              ? `ANALYZE ran ${runs} time(s) while seeding; `
              : ''
          }VACUUM ANALYZE took ${secs(now() - t)}`,
        );
      }

      // 3. Queries, as the frontend sends them.
      await settle(ctx, 'measuring');
      const topOwner = dataset.topOwner(size);
      const topPattern = dataset.topPattern(size);
      const expected = dataset.expectedPatternCounts(size);
      console.log(
        `  measuring: ${options.warmup} warm-ups + ${options.reps} repetitions each; popular pattern ${topPattern} ` +
          `(${int(expected.get(topPattern)!)} adopters), owner ${topOwner}`,
      );
      // The adoption summary is refreshed on a schedule: wait until it
      // counts the whole catalog, as a visitor after seeding would see it.
      t = now();
      for (;;) {
        const counted = countAdopters((await c.summary.getSummary({})).facets);
        if (counted === size) break;
        if (now() - t > 300_000) {
          result.checks.push(
            `the adoption summary counts ${counted} adopters after 300 s`,
          );
          break;
        }
        await new Promise(resolve => setTimeout(resolve, 2000));
      }
      console.log(
        `  the adoption summary counted all ${int(size)} adopters ${secs(
          now() - t,
        )} after seeding`,
      );

      const cpuMeasure = cpuSnapshot();
      const overview = () =>
        c.client.getEntityFacets(adoptionFacetsRequest({}), c.options);
      const plan: Array<{
        id: string;
        label: string;
        run: () => Promise<unknown>;
      }> = [
        {
          id: 'a',
          label: 'overview: adoption summary, unfiltered',
          run: () => c.summary.getSummary({}),
        },
        {
          id: 'b',
          label: `overview: adoption summary, owner=${topOwner}`,
          run: () => c.summary.getSummary({ owner: topOwner }),
        },
        {
          id: 'a0',
          label: 'catalog facets behind (a), refreshed every 60 s',
          run: overview,
        },
        {
          id: 'b0',
          label: `catalog facets behind (b) = a new filter's first request`,
          run: () =>
            c.client.getEntityFacets(
              adoptionFacetsRequest({ owner: topOwner }),
              c.options,
            ),
        },
        {
          id: 'c',
          label: `page of adopters of ${topPattern.replace(
            'architecturepattern:default/',
            '',
          )} (10)`,
          run: () =>
            c.client.queryEntities(adoptersRequest(topPattern, 10), c.options),
        },
        {
          id: 'd',
          label: 'overview table, first page (20)',
          run: () =>
            c.client.queryEntities(adoptersPageRequest({}, 20), c.options),
        },
      ];
      for (const q of plan) {
        const stats = await measure(q.run, options.warmup, options.reps);
        const bytes = await c.responseBytes(q.run);
        result.queries.push({ id: q.id, label: q.label, stats, bytes });
        printQuery(result.queries[result.queries.length - 1]);
      }

      // (e) the naive way: fetch every adopter, count in the client.
      const naiveClient = naiveRequest();
      const naive = async () => {
        const { items } = await c.client.getEntities(
          { filter: { kind: ADOPTER_KINDS }, fields: naiveClient.fields },
          c.options,
        );
        return naiveClient.count(items);
      };
      let naiveWarmup = options.warmup;
      let naiveReps = options.naiveReps ?? options.reps;
      t = now();
      const naiveCounts = await naive();
      const firstNaive = now() - t;
      if (options.naiveReps === undefined && firstNaive > 2000) {
        naiveWarmup = 0;
        naiveReps = Math.min(naiveReps, 5);
        result.naiveNote = `one call took ${secs(
          firstNaive,
        )}: 1 warm-up + ${naiveReps} repetitions instead of ${
          options.warmup
        } + ${options.reps}`;
      } else {
        naiveWarmup = Math.max(0, naiveWarmup - 1);
      }
      const naiveStats = await measure(naive, naiveWarmup, naiveReps);
      naiveStats.warmup += 1;
      const naiveBytes = await c.responseBytes(naive);
      result.queries.push({
        id: 'e',
        label: 'NAIVE: fetch all adopters, count in client',
        stats: naiveStats,
        bytes: naiveBytes,
        note: result.naiveNote,
      });
      printQuery(result.queries[result.queries.length - 1]);
      const a = result.queries.find(q => q.id === 'a')!;
      const a0 = result.queries.find(q => q.id === 'a0')!;
      console.log(
        `    naive/facets (p50): ${(naiveStats.p50 / a0.stats.p50).toFixed(
          1,
        )}x against the catalog facets, ${(
          naiveStats.p50 / a.stats.p50
        ).toFixed(0)}x against the summary` +
          (result.naiveNote ? `  [naive: ${result.naiveNote}]` : ''),
      );

      // Extra, informational: what else the pages load.
      const nextCursor = (
        await c.client.queryEntities(adoptersPageRequest({}, 20), c.options)
      ).pageInfo.nextCursor!;
      const extras: Array<{
        id: string;
        label: string;
        run: () => Promise<unknown>;
      }> = [
        {
          id: 'f',
          label: `pattern page: the pattern without relations (${topPattern.replace(
            'architecturepattern:default/',
            '',
          )})`,
          run: () =>
            c.client.getEntitiesByRefs(
              { entityRefs: [topPattern], fields: PATTERN_PAGE_FIELDS },
              c.options,
            ),
        },
        {
          id: 'g1',
          label:
            'overview table, page 2 as AdoptersTable asks (cursor, no fields)',
          run: () =>
            c.client.queryEntities(
              { cursor: nextCursor, limit: 20 },
              c.options,
            ),
        },
        {
          id: 'g2',
          label: 'overview table, page 2 with the fields repeated',
          run: () =>
            c.client.queryEntities(
              {
                cursor: nextCursor,
                limit: 20,
                fields: [...ADOPTER_FIELDS, 'relations'],
              },
              c.options,
            ),
        },
      ];
      console.log('  extra (informational):');
      for (const q of extras) {
        const stats = await measure(q.run, options.warmup, options.reps);
        const bytes = await c.responseBytes(q.run);
        result.queries.push({ id: q.id, label: q.label, stats, bytes });
        printQuery(result.queries[result.queries.length - 1]);
      }

      result.measureCpu = cpuUse(cpuMeasure, cpuSnapshot());
      console.log(
        `  while measuring: ${describeCpu(result.measureCpu)}${busyWarning(
          result.measureCpu,
        )}`,
      );

      // Checks: the facets count what the dataset holds, and the naive way agrees.
      const facets = (await overview()).facets as Counts;
      const kindTotal = (facets.kind ?? []).reduce((s, x) => s + x.count, 0);
      if (kindTotal !== size) {
        result.checks.push(
          `facets count ${kindTotal} adopters, expected ${size}`,
        );
      }
      for (const [ref, count] of expected) {
        const got = facets[RELATION_KEY]?.find(
          x => x.value.toLocaleLowerCase('en-US') === ref,
        )?.count;
        if (got !== count) {
          result.checks.push(
            `facet ${ref}: ${got} adopters, expected ${count}`,
          );
          break;
        }
      }
      const mismatch = compareCounts(facets, naiveCounts);
      if (mismatch)
        result.checks.push(`naive counts differ from the facets: ${mismatch}`);
      const served = compareCounts(
        facets,
        (await c.summary.getSummary({})).facets as Counts,
      );
      if (served)
        result.checks.push(
          `the adoption summary differs from the facets: ${served}`,
        );
      console.log(
        result.checks.length
          ? `  CHECKS FAILED: ${result.checks.join('; ')}`
          : `  checks: facets count ${int(
              kindTotal,
            )} adopters and match the dataset per pattern; the adoption summary and the naive client counts agree on all ${
              ADOPTION_FACETS.length
            } facets`,
      );
      return result;
    },
    options.keepDb,
    true,
  );
}

function printQuery(q: QueryResult) {
  const s = q.stats;
  console.log(
    `    (${q.id}) ${pad(q.label, 66)} p50 ${padl(ms(s.p50), 10)}  p95 ${padl(
      ms(s.p95),
      10,
    )}  ` +
      `min ${padl(ms(s.min), 10)}  max ${padl(ms(s.max), 10)}  n=${s.n}${
        q.bytes !== undefined ? `  ${kb(q.bytes)}` : ''
      }`,
  );
}

// ---------------------------------------------------------------- overhead

async function overheadRun(
  ctx: Context,
  db: DatabaseKind,
  size: number,
): Promise<OverheadResult> {
  const { options, dataset } = ctx;
  const n = options.overheadSize ?? Math.max(1, Math.round(size / 10));
  const result: OverheadResult = {
    n,
    rounds: options.overheadRounds,
    without: { processMs: [], doneMs: [], cpuMs: [], otherCores: [] },
    with: { processMs: [], doneMs: [], cpuMs: [], otherCores: [] },
  };
  console.log(
    `  processor overhead: ${int(
      n,
    )} components into a fresh backend with and one without the module, ` +
      `${options.overheadRounds} round(s), alternating order`,
  );
  for (let round = 1; round <= options.overheadRounds; round++) {
    const order: Array<'with' | 'without'> =
      round % 2 === 1 ? ['without', 'with'] : ['with', 'without'];
    for (const variant of order) {
      const withModule = variant === 'with';
      const dbName = `bench_adoption_${ctx.runId}_${size}_ovh_${variant}_${round}`;
      await withBackend(
        ctx,
        db,
        dbName,
        withModule,
        async (backend, autoAnalyze) => {
          const c = createClient(backend);
          const base = await seedBase(
            backend,
            c,
            dataset,
            withModule,
            options.stallSeconds,
          );
          const components = Array.from({ length: n }, (_, i) =>
            dataset.component(i),
          );
          await settle(ctx, 'seeding');
          backend.timing.reset();
          const cpuStart = cpuSnapshot();
          const start = now();
          await backend.applyFull([...base, ...components]);
          const filter: Record<string, any> = { kind: 'Component' };
          if (withModule) filter[RELATION_KEY] = CATALOG_FILTER_EXISTS;
          const doneAt = await waitForProcessing({
            backend,
            client: c,
            n,
            doneFilter: filter,
            since: start,
            stallSeconds: options.stallSeconds,
            progressMs: 30_000,
          });
          const cpu = cpuUse(cpuStart, cpuSnapshot());
          const analyzeRuns = await autoAnalyze?.stop();
          if (backend.errors.length) {
            throw new Error(
              `Overhead run ${variant}: ${describeErrors(backend)}`,
            );
          }
          if (backend.timing.processed !== n) {
            console.log(
              `    note: ${backend.timing.processed} component processing runs for ${n} components`,
            );
          }
          const processMs =
            (backend.timing.last ?? 0) - (backend.timing.first ?? 0);
          result[variant].processMs.push(processMs);
          result[variant].doneMs.push(doneAt - start);
          result[variant].cpuMs.push(cpu ? cpu.selfMs + cpu.pgMs : NaN);
          result[variant].otherCores.push(cpu ? cpu.otherMs / cpu.wallMs : NaN);
          console.log(
            `    round ${round}, ${pad(
              variant === 'with' ? 'with module' : 'without module',
              14,
            )}: ` +
              `engine ${padl(
                (processMs / n).toFixed(3),
                7,
              )} ms/component (${secs(processMs)}), ` +
              `processed and stitched after ${secs(doneAt - start)} (${(
                (doneAt - start) /
                n
              ).toFixed(3)} ms/component)` +
              (analyzeRuns ? ` (ANALYZE ran ${analyzeRuns} time(s))` : ''),
          );
          if (cpu) {
            console.log(
              `      ${((cpu.selfMs + cpu.pgMs) / n).toFixed(
                3,
              )} CPU ms/component (this process + postgres); ${describeCpu(
                cpu,
              )}${busyWarning(cpu)}`,
            );
          }
        },
      );
    }
  }
  const w = overheadFigures(result);
  const line = (label: string, f: OverheadFigure, unit: string) =>
    `${label} ${f.without.toFixed(3)} -> ${f.with.toFixed(
      3,
    )} ${unit} (mean); overhead ${pct(
      f.overhead,
    )} (median of rounds ${f.perRound.map(pct).join(', ')})`;
  console.log(
    `    => ${line('CPU (this process + postgres):', w.cpu, 'ms/component')}`,
  );
  console.log(`       ${line('engine window:', w.engine, 'ms/component')}`);
  console.log(
    `       ${line('until processed and stitched:', w.done, 'ms/component')}`,
  );
  return result;
}

interface OverheadFigure {
  /** Means over the rounds, per component. */
  without: number;
  with: number;
  /** Median over the rounds of with against without in the same round, in %. */
  overhead: number;
  /** With against without in the same round, in %. */
  perRound: number[];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function overheadFigures(o: OverheadResult) {
  const fig = (k: 'processMs' | 'doneMs' | 'cpuMs'): OverheadFigure => {
    const perRound = o.with[k].map((w, i) => (w / o.without[k][i] - 1) * 100);
    return {
      without: mean(o.without[k]) / o.n,
      with: mean(o.with[k]) / o.n,
      overhead: median(perRound),
      perRound,
    };
  };
  return {
    cpu: fig('cpuMs'),
    engine: fig('processMs'),
    done: fig('doneMs'),
  };
}

// The root script runs plain node: expose a full GC at runtime instead of --expose-gc.
v8.setFlagsFromString('--expose-gc');
const collectGarbage: () => void = vm.runInNewContext('gc');

/**
 * Before a timed phase: collects the garbage of earlier phases (so a major GC
 * of a stopped backend's heap does not land in the window) and, with
 * --wait-idle, waits for other processes on the machine to quiet down.
 */
async function settle(ctx: Context, what: string) {
  collectGarbage();
  collectGarbage();
  if (!ctx.options.waitIdleMin) return;
  const r = await waitForIdle({ maxMs: ctx.options.waitIdleMin * 60_000 });
  if (r.waitedMs > 6000 || !r.idle) {
    console.log(
      `  (waited ${secs(
        r.waitedMs,
      )} for other processes to quiet down before ${what}: ` +
        `${
          r.idle
            ? 'quiet'
            : `still ${r.otherCores?.toFixed(2)} cores busy, going ahead`
        })`,
    );
  }
}

/** Warns when other processes used a noticeable share of the machine. */
function busyWarning(use: CpuUse | undefined) {
  if (!use || use.wallMs <= 0) return '';
  const others = use.otherMs / use.wallMs;
  return others > 0.25
    ? `  [WARNING: other processes used ${others.toFixed(
        2,
      )} cores; wall-clock figures are perturbed]`
    : '';
}

// ---------------------------------------------------------------- summary

const TARGETS: Array<{ size: number; overviewP95: number; pageP95: number }> = [
  { size: 100_000, overviewP95: 500, pageP95: 150 },
  { size: 10_000, overviewP95: 150, pageP95: 100 },
];
const OVERHEAD_TARGET = 10;

function printSummary(results: RunResult[]) {
  console.log(
    '\n=================================================================== SUMMARY',
  );
  console.log(
    'Latency per query, p50 / p95 (ms), CatalogClient over HTTP against the in-process backend:',
  );
  const ids = ['a', 'b', 'a0', 'b0', 'c', 'd', 'e'];
  const header =
    `${pad('db', 11)}${padl('size', 9)}${padl('seed s', 9)}` +
    ids.map(id => padl(`(${id})`, 17)).join('') +
    padl('naive/facets', 14) +
    padl('overhead', 10);
  console.log(header);
  for (const r of results) {
    if (r.error) {
      console.log(
        `${pad(r.db, 11)}${padl(int(r.size), 9)}  ${
          r.gaveUp ? 'GAVE UP' : 'FAILED'
        }: ${r.error}`,
      );
      continue;
    }
    const cell = (id: string) => {
      const q = r.queries.find(x => x.id === id);
      return padl(
        q ? `${q.stats.p50.toFixed(1)} / ${q.stats.p95.toFixed(1)}` : '-',
        17,
      );
    };
    const a = r.queries.find(q => q.id === 'a0')!;
    const e = r.queries.find(q => q.id === 'e')!;
    const ovh = r.overhead
      ? pct(overheadFigures(r.overhead).cpu.overhead)
      : '-';
    console.log(
      `${pad(r.db, 11)}${padl(int(r.size), 9)}${padl(
        (r.doneMs / 1000).toFixed(1),
        9,
      )}` +
        ids.map(cell).join('') +
        padl(`${(e.stats.p50 / a.stats.p50).toFixed(1)}x`, 14) +
        padl(ovh, 10),
    );
  }
  console.log(
    '  (a) overview: adoption summary  (b) summary by owner  (a0), (b0) the catalog facets behind them  ' +
      '(c) page of adopters of a popular pattern (10)  (d) overview table page (20)  (e) naive fetch-all + count; naive/facets against (a0);',
  );
  console.log(
    '  seed s = mutation start until all components are processed, stitched and carry their relations; overhead = CPU ms/component (this process + postgres) with vs without the module',
  );
  for (const r of results) {
    if (r.error) continue;
    const busy = (u?: CpuUse) =>
      u && u.wallMs > 0 ? (u.otherMs / u.wallMs).toFixed(2) : '?';
    console.log(
      `  ${r.db} ${int(r.size)}: other processes on the machine used ${busy(
        r.seedCpu,
      )} cores while seeding, ${busy(r.measureCpu)} while measuring` +
        (r.processCpuMs !== undefined
          ? `; processing cost ${r.processCpuMs.toFixed(2)} CPU ms/component`
          : ''),
    );
  }
  const naiveNotes = results.filter(r => r.naiveNote);
  for (const r of naiveNotes)
    console.log(`  note ${r.db} ${int(r.size)}: naive ${r.naiveNote}`);

  console.log(
    '\nTargets (latency budgets apply to PostgreSQL, SQLite rows are marked (info); the processor overhead target applies to both):',
  );
  console.log(
    `${pad('target', 44)}${pad('db', 11)}${padl('size', 9)}${padl(
      'budget',
      11,
    )}${padl('measured', 11)}  result`,
  );
  for (const r of results) {
    if (r.error) continue;
    const t = TARGETS.find(x => x.size === r.size);
    const info = r.db === 'pg' ? '' : ' (info)';
    const row = (
      label: string,
      budget: number | undefined,
      value: number | undefined,
      unit = 'ms',
      lower = '<',
      note = info,
    ) => {
      const result =
        budget === undefined || value === undefined
          ? 'no target'
          : (lower === '<' ? value < budget : value <= budget)
          ? 'PASS'
          : 'MISS';
      console.log(
        `${pad(label, 44)}${pad(r.db, 11)}${padl(int(r.size), 9)}` +
          `${padl(
            budget === undefined ? '-' : `${lower}${budget} ${unit}`,
            11,
          )}` +
          `${padl(
            value === undefined
              ? '-'
              : unit === '%'
              ? pct(value)
              : `${value.toFixed(1)} ms`,
            11,
          )}  ${result}${budget === undefined ? '' : note}`,
      );
    };
    const p95 = (id: string) => r.queries.find(q => q.id === id)?.stats.p95;
    row('(a) overview (adoption summary) p95', t?.overviewP95, p95('a'));
    row('(b) overview by owner p95 (extra)', t?.overviewP95, p95('b'));
    row(
      '(a0) catalog facets behind (a) p95 (extra)',
      t?.overviewP95,
      p95('a0'),
    );
    row(
      '(b0) catalog facets behind (b) p95 (extra)',
      t?.overviewP95,
      p95('b0'),
    );
    row('(c) page of adopters p95', t?.pageP95, p95('c'));
    row('(d) overview table page p95 (extra)', t?.pageP95, p95('d'));
    if (r.overhead) {
      const f = overheadFigures(r.overhead);
      row(
        `processor overhead, CPU (${int(r.overhead.n)})`,
        OVERHEAD_TARGET,
        f.cpu.overhead,
        '%',
        '≤',
        '',
      );
      row(
        `processor overhead, engine wall (${int(r.overhead.n)})`,
        OVERHEAD_TARGET,
        f.engine.overhead,
        '%',
        '≤',
        '',
      );
      row(
        `processor overhead, until stitched (${int(r.overhead.n)})`,
        OVERHEAD_TARGET,
        f.done.overhead,
        '%',
        '≤',
        '',
      );
    }
  }
}

// ---------------------------------------------------------------- entry

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const runId = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const ctx: Context = { options, dataset: createDataset(), runId };
  console.log(
    `Adoption benchmark ${runId}: databases ${options.dbs.join(
      ', ',
    )}; sizes ${options.sizes.map(int).join(', ')}; ` +
      `${options.warmup} warm-ups + ${options.reps} repetitions; overhead ${
        options.overhead ? `${options.overheadRounds} round(s)` : 'skipped'
      }`,
  );
  console.log(
    `Node ${process.version}, ${
      (await import('node:os')).cpus().length
    } CPUs; the backend and the client share this process.`,
  );
  if (options.dbs.includes('pg')) {
    ctx.pg = new PgDatabases(options.pgUrl);
  }
  let interrupted = false;
  process.on('SIGINT', () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    console.error(
      '\nInterrupted: stopping the backend and dropping the benchmark databases...',
    );
    Promise.resolve(ctx.active?.stop())
      .catch(() => {})
      .then(() => ctx.pg?.dropAll())
      .finally(() => process.exit(130));
  });

  const results: RunResult[] = [];
  const started = now();
  try {
    for (const db of options.dbs) {
      for (const size of options.sizes) {
        const runStart = now();
        let result: RunResult;
        try {
          result = await mainRun(ctx, db, size);
          if (options.overhead) {
            result.overhead = await overheadRun(ctx, db, size);
          }
        } catch (error) {
          const gaveUp = error instanceof SeedTimeout;
          if (gaveUp) {
            console.log(`  GAVE UP: ${(error as Error).message}`);
          } else {
            console.error(`  FAILED: ${(error as Error).stack ?? error}`);
          }
          result = {
            gaveUp,
            db,
            size,
            baseSeedMs: 0,
            applyMs: 0,
            processWindowMs: 0,
            doneMs: 0,
            queries: [],
            checks: [],
            error: String((error as Error).message ?? error).slice(0, 200),
          };
        }
        results.push(result);
        console.log(
          `  (${dbLabel(db)} ${int(size)} took ${secs(
            now() - runStart,
          )} in all)`,
        );
      }
    }
    printSummary(results);
    console.log(`\nTotal time ${secs(now() - started)}.`);
  } finally {
    await ctx.pg?.dropAll();
    await ctx.pg?.close();
  }
  // A miss is reported, not fatal, and so is a --seed-timeout; only a
  // failed run fails the process.
  process.exit(results.some(r => r.error && !r.gaveUp) ? 1 : 0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
