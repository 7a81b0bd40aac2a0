/** Processor overhead: the same components into a backend with and one without the module. */
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { DatabaseKind } from './catalogBackend';
import { createClient, RELATION_KEY } from './client';
import { now } from './clock';
import { cpuSnapshot, cpuUse, describeCpu } from './cpu';
import { int, pad, padl, pct, secs } from './format';
import { Context, seedBase, settle, withBackend } from './seeding';
import { busyWarning, OverheadFigure, overheadFigures } from './summary';
import { OverheadResult } from './types';
import { describeErrors, waitForProcessing } from './waiting';

type Variant = 'with' | 'without';

export async function overheadRun(
  ctx: Context,
  db: DatabaseKind,
  size: number,
): Promise<OverheadResult> {
  const { options } = ctx;
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
    const order: Variant[] =
      round % 2 === 1 ? ['without', 'with'] : ['with', 'without'];
    for (const variant of order) {
      await overheadVariant(ctx, db, size, result, round, variant);
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

/** Seeds the result's n components into a fresh backend and records one round of one variant. */
async function overheadVariant(
  ctx: Context,
  db: DatabaseKind,
  size: number,
  result: OverheadResult,
  round: number,
  variant: Variant,
) {
  const { options, dataset } = ctx;
  const { n } = result;
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
        throw new Error(`Overhead run ${variant}: ${describeErrors(backend)}`);
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
          withModule ? 'with module' : 'without module',
          14,
        )}: ` +
          `engine ${padl((processMs / n).toFixed(3), 7)} ms/component (${secs(
            processMs,
          )}), ` +
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
