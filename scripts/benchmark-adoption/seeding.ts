/** A backend to seed, and seeding it. */
import v8 from 'node:v8';
import vm from 'node:vm';
import { Entity } from '@backstage/catalog-model';
import { ARCHITECTURE_PATTERN_KIND } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import {
  BenchBackend,
  DatabaseKind,
  DatabaseTarget,
  PgDatabases,
  startCatalog,
} from './catalogBackend';
import { Client, countEntities } from './client';
import { now } from './clock';
import { waitForIdle } from './cpu';
import { Dataset, GROUP_COUNT, SYSTEM_COUNT } from './dataset';
import { secs } from './format';
import { Options } from './options';
import { describeErrors, waitForCount, waitForQuiet } from './waiting';

export interface Context {
  options: Options;
  dataset: Dataset;
  pg?: PgDatabases;
  runId: string;
  /** The backend running now, which Ctrl-C stops. */
  active?: BenchBackend;
}

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
export type AutoAnalyze = ReturnType<typeof startAutoAnalyze>;

/**
 * Runs fn against a fresh backend (on a fresh PostgreSQL database), then
 * stops it and drops the database unless told to keep it.
 */
export async function withBackend<T>(
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

/** Seeds patterns (with the module), groups and systems, and waits until they are stitched. */
export async function seedBase(
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

// The root script runs plain node: expose a full GC at runtime instead of --expose-gc.
v8.setFlagsFromString('--expose-gc');
const collectGarbage: () => void = vm.runInNewContext('gc');

/**
 * Before a timed phase: collects the garbage of earlier phases (so a major GC
 * of a stopped backend's heap does not land in the window) and, with
 * --wait-idle, waits for other processes on the machine to quiet down.
 */
export async function settle(ctx: Context, what: string) {
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
