/** Naive adoption counts: every adopter fetched and counted in the client. */
import { Entity } from '@backstage/catalog-model';
import { ADOPTION_FACETS } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { RELATION_KEY } from './client';

export type Counts = Record<string, Array<{ value: string; count: number }>>;

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
export function naiveRequest() {
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

export function compareCounts(a: Counts, b: Counts): string | undefined {
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
