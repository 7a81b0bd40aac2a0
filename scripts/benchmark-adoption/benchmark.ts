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
import os from 'node:os';
import { DatabaseKind, PgDatabases } from './catalogBackend';
import { now } from './clock';
import { createDataset } from './dataset';
import { dbLabel, int, secs } from './format';
import { mainRun } from './mainRun';
import { overheadRun } from './overheadRun';
import { parseOptions } from './options';
import { Context } from './seeding';
import { printSummary } from './summary';
import { emptyResult, RunResult } from './types';
import { SeedTimeout } from './waiting';

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
      os.cpus().length
    } CPUs; the backend and the client share this process.`,
  );
  if (options.dbs.includes('pg')) {
    ctx.pg = new PgDatabases(options.pgUrl);
  }
  dropDatabasesOnInterrupt(ctx);

  const results: RunResult[] = [];
  const started = now();
  try {
    for (const db of options.dbs) {
      for (const size of options.sizes) {
        results.push(await run(ctx, db, size));
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

/** The main run and the overhead runs of one database and size; a failure is a result too. */
async function run(
  ctx: Context,
  db: DatabaseKind,
  size: number,
): Promise<RunResult> {
  const runStart = now();
  let result: RunResult;
  try {
    result = await mainRun(ctx, db, size);
    if (ctx.options.overhead) {
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
      ...emptyResult(db, size),
      gaveUp,
      error: String((error as Error).message ?? error).slice(0, 200),
    };
  }
  console.log(
    `  (${dbLabel(db)} ${int(size)} took ${secs(now() - runStart)} in all)`,
  );
  return result;
}

/** Ctrl-C stops the backend and drops the databases; a second one exits at once. */
function dropDatabasesOnInterrupt(ctx: Context) {
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
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
