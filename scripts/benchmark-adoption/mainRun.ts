/** One main run: a database and a size, seeded, then measured as the frontend asks. */
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import { countAdopters } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { BenchBackend, DatabaseKind } from './catalogBackend';
import { Client, createClient, RELATION_KEY } from './client';
import { now, sleep } from './clock';
import { cpuSnapshot, cpuUse, describeCpu } from './cpu';
import { GROUP_COUNT, SYSTEM_COUNT } from './dataset';
import { dbLabel, int, secs } from './format';
import {
  checkCounts,
  Measuring,
  measureExtras,
  measureFrontendQueries,
  measureNaive,
} from './measuring';
import { AutoAnalyze, Context, seedBase, settle, withBackend } from './seeding';
import { busyWarning } from './summary';
import { emptyResult, RunResult } from './types';
import { describeErrors, waitForProcessing } from './waiting';

export async function mainRun(
  ctx: Context,
  db: DatabaseKind,
  size: number,
): Promise<RunResult> {
  const { options } = ctx;
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
      if (db === 'pg') await printStatisticsPlan(ctx, backend);
      const result = emptyResult(db, size);
      const base = await seedBaseCatalog(ctx, backend, c, result);
      await seedComponents(ctx, backend, c, base, result);
      if (db === 'pg' && options.analyze) {
        await analyzeAfterSeeding(backend, autoAnalyze);
      }
      await settle(ctx, 'measuring');
      const m = startMeasuring(ctx, c, result);
      await waitForSummary(c, result);
      const cpuMeasure = cpuSnapshot();
      await measureFrontendQueries(m);
      const naiveCounts = await measureNaive(m);
      await measureExtras(m);
      result.measureCpu = cpuUse(cpuMeasure, cpuSnapshot());
      console.log(
        `  while measuring: ${describeCpu(result.measureCpu)}${busyWarning(
          result.measureCpu,
        )}`,
      );
      await checkCounts(m, naiveCounts);
      return result;
    },
    options.keepDb,
    true,
  );
}

/** Says how the PostgreSQL planner gets its statistics in this run. */
async function printStatisticsPlan(ctx: Context, backend: BenchBackend) {
  const autovacuum = await backend.autovacuum();
  console.log(
    `  PostgreSQL autovacuum is ${autovacuum}` +
      (!ctx.options.analyze
        ? '; --no-analyze: no ANALYZE by the benchmark, the planner keeps the statistics it has'
        : autovacuum === 'off'
        ? '; the benchmark runs ANALYZE every 60 s while seeding, as autovacuum would, and VACUUM ANALYZE before measuring'
        : '; the benchmark runs VACUUM ANALYZE before measuring'),
  );
}

/** The catalog already knows its patterns, groups and systems. */
async function seedBaseCatalog(
  ctx: Context,
  backend: BenchBackend,
  c: Client,
  result: RunResult,
): Promise<Entity[]> {
  const { dataset } = ctx;
  const t = now();
  const base = await seedBase(
    backend,
    c,
    dataset,
    true,
    ctx.options.stallSeconds,
  );
  result.baseSeedMs = now() - t;
  console.log(
    `  base catalog: ${
      dataset.patterns.length
    } patterns, ${GROUP_COUNT} groups, ${SYSTEM_COUNT} systems, processed and stitched in ${secs(
      result.baseSeedMs,
    )}`,
  );
  return base;
}

/** One full mutation with the base and the N components, timed until they are all done. */
async function seedComponents(
  ctx: Context,
  backend: BenchBackend,
  c: Client,
  base: Entity[],
  result: RunResult,
) {
  const { options, dataset } = ctx;
  const { size } = result;
  await settle(ctx, 'seeding');
  const t = now();
  let components: Entity[] | undefined = Array.from({ length: size }, (_, i) =>
    dataset.component(i),
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
  // Lets the built entities be collected while the catalog processes them.
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
    result.processCpuMs = (result.seedCpu.selfMs + result.seedCpu.pgMs) / size;
  }
  result.processWindowMs =
    (backend.timing.last ?? 0) - (backend.timing.first ?? 0);
  printProcessing(backend, result);
  if (backend.errors.length) {
    result.checks.push(`processing errors: ${backend.errors.length}`);
  }
}

function printProcessing(backend: BenchBackend, result: RunResult) {
  const { size } = result;
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
}

async function analyzeAfterSeeding(
  backend: BenchBackend,
  autoAnalyze: AutoAnalyze | undefined,
) {
  const runs = await autoAnalyze?.stop();
  const t = now();
  await backend.analyze(true);
  console.log(
    `  ${
      runs !== undefined ? `ANALYZE ran ${runs} time(s) while seeding; ` : ''
    }VACUUM ANALYZE took ${secs(now() - t)}`,
  );
}

function startMeasuring(ctx: Context, c: Client, result: RunResult): Measuring {
  const { options, dataset } = ctx;
  const { size } = result;
  const topOwner = dataset.topOwner(size);
  const topPattern = dataset.topPattern(size);
  const expected = dataset.expectedPatternCounts(size);
  console.log(
    `  measuring: ${options.warmup} warm-ups + ${options.reps} repetitions each; popular pattern ${topPattern} ` +
      `(${int(expected.get(topPattern)!)} adopters), owner ${topOwner}`,
  );
  return { options, c, result, topOwner, topPattern, expected };
}

/**
 * The adoption summary is refreshed on a schedule: waits until it counts the
 * whole catalog, as a visitor after seeding would see it.
 */
async function waitForSummary(c: Client, result: RunResult) {
  const { size } = result;
  const t = now();
  for (;;) {
    const counted = countAdopters((await c.summary.getSummary({})).facets);
    if (counted === size) break;
    if (now() - t > 300_000) {
      result.checks.push(
        `the adoption summary counts ${counted} adopters after 300 s`,
      );
      break;
    }
    await sleep(2000);
  }
  console.log(
    `  the adoption summary counted all ${int(size)} adopters ${secs(
      now() - t,
    )} after seeding`,
  );
}
