/** The measuring phases of a main run: the frontend's queries, the naive client, the extras, the checks. */
import {
  ADOPTER_FIELDS,
  ADOPTER_KINDS,
  adoptersPageRequest,
  adoptersRequest,
  ADOPTION_FACETS,
  adoptionFacetsRequest,
  PATTERN_PAGE_FIELDS,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { Client, RELATION_KEY } from './client';
import { now } from './clock';
import { int, secs } from './format';
import { compareCounts, Counts, naiveRequest } from './naiveCounts';
import { Options } from './options';
import { measure } from './stats';
import { printQuery } from './summary';
import { RunResult } from './types';

/** What the measuring phases share. */
export interface Measuring {
  options: Options;
  c: Client;
  result: RunResult;
  /** The owner with the most components, as a full ref. */
  topOwner: string;
  /** The most adopted pattern's ref. */
  topPattern: string;
  /** Adopters per pattern ref, as the dataset built them. */
  expected: Map<string, number>;
}

interface Query {
  id: string;
  label: string;
  run: () => Promise<unknown>;
}

const patternName = (ref: string) =>
  ref.replace('architecturepattern:default/', '');

/** The unfiltered overview, as the adoption summary asks the catalog for it. */
const overviewFacets = (c: Client) =>
  c.client.getEntityFacets(adoptionFacetsRequest({}), c.options);

/** Measures each query in turn, its response size, and prints its line. */
async function measureQueries(m: Measuring, queries: Query[]) {
  const { options, c, result } = m;
  for (const q of queries) {
    const stats = await measure(q.run, options.warmup, options.reps);
    const bytes = await c.responseBytes(q.run);
    result.queries.push({ id: q.id, label: q.label, stats, bytes });
    printQuery(result.queries[result.queries.length - 1]);
  }
}

/** (a)–(d): the queries of the adoption and pattern pages. */
export async function measureFrontendQueries(m: Measuring) {
  const { c, topOwner, topPattern } = m;
  await measureQueries(m, [
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
      run: () => overviewFacets(c),
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
      label: `page of adopters of ${patternName(topPattern)} (10)`,
      run: () =>
        c.client.queryEntities(adoptersRequest(topPattern, 10), c.options),
    },
    {
      id: 'd',
      label: 'overview table, first page (20)',
      run: () => c.client.queryEntities(adoptersPageRequest({}, 20), c.options),
    },
  ]);
}

/**
 * (e) the naive way: fetch every adopter, count in the client. Returns the
 * counts of its first call, for the checks.
 */
export async function measureNaive(m: Measuring): Promise<Counts> {
  const { options, c, result } = m;
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
  const t = now();
  // The first call is a warm-up too, and tells whether the call is slow.
  const naiveCounts = await naive();
  const firstNaive = now() - t;
  if (options.naiveReps === undefined && firstNaive > 2000) {
    naiveWarmup = 0;
    naiveReps = Math.min(naiveReps, 5);
    result.naiveNote = `one call took ${secs(
      firstNaive,
    )}: 1 warm-up + ${naiveReps} repetitions instead of ${options.warmup} + ${
      options.reps
    }`;
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
    )}x against the catalog facets, ${(naiveStats.p50 / a.stats.p50).toFixed(
      0,
    )}x against the summary` +
      (result.naiveNote ? `  [naive: ${result.naiveNote}]` : ''),
  );
  return naiveCounts;
}

/** Extra, informational: what else the pages load. */
export async function measureExtras(m: Measuring) {
  const { c, topPattern } = m;
  const nextCursor = (
    await c.client.queryEntities(adoptersPageRequest({}, 20), c.options)
  ).pageInfo.nextCursor!;
  console.log('  extra (informational):');
  await measureQueries(m, [
    {
      id: 'f',
      label: `pattern page: the pattern without relations (${patternName(
        topPattern,
      )})`,
      run: () =>
        c.client.getEntitiesByRefs(
          { entityRefs: [topPattern], fields: PATTERN_PAGE_FIELDS },
          c.options,
        ),
    },
    {
      id: 'g1',
      label: 'overview table, page 2 as AdoptersTable asks (cursor, no fields)',
      run: () =>
        c.client.queryEntities({ cursor: nextCursor, limit: 20 }, c.options),
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
  ]);
}

/** Checks: the facets count what the dataset holds, and the naive way and the summary agree. */
export async function checkCounts(m: Measuring, naiveCounts: Counts) {
  const { c, result, expected } = m;
  const size = result.size;
  const facets = (await overviewFacets(c)).facets as Counts;
  const kindTotal = (facets.kind ?? []).reduce((s, x) => s + x.count, 0);
  if (kindTotal !== size) {
    result.checks.push(`facets count ${kindTotal} adopters, expected ${size}`);
  }
  for (const [ref, count] of expected) {
    const got = facets[RELATION_KEY]?.find(
      x => x.value.toLocaleLowerCase('en-US') === ref,
    )?.count;
    if (got !== count) {
      result.checks.push(`facet ${ref}: ${got} adopters, expected ${count}`);
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
}
