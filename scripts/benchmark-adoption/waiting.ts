/** Waiting for the catalog to process and stitch what was seeded. */
import { BenchBackend } from './catalogBackend';
import { Client, countEntities } from './client';
import { now, sleep } from './clock';
import { int, padl, secs } from './format';

/** --seed-timeout ran out: reported as given up, not as a failure. */
export class SeedTimeout extends Error {}

/**
 * Polls until probe() reaches target, printing progress; fails when there is
 * no progress for stallSeconds.
 */
export async function waitForCount(options: {
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

export async function waitForQuiet(
  backend: BenchBackend,
  stallSeconds: number,
) {
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
export async function waitForProcessing(options: {
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

export function describeErrors(backend: BenchBackend) {
  if (backend.errors.length === 0) return 'No processing errors.';
  const sample = backend.errors
    .slice(0, 3)
    .map(e => `${e.entityRef}: ${e.messages.join('; ')}`)
    .join(' | ');
  return `${backend.errors.length} processing errors, e.g. ${sample}`;
}
