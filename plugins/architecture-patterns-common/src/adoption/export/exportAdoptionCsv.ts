import type {
  QueryEntitiesInitialRequest,
  QueryEntitiesRequest,
  QueryEntitiesResponse,
} from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_TEMPLATE_VERSION,
  RELATION_IMPLEMENTS_PATTERN,
} from '../../entity/constants';
import {
  ANNOTATION_SOURCE_TEMPLATE,
  adoptionFilter,
  AdoptionFilters,
} from '../adoptionSummary';
import { toCsv } from './csv';
import {
  LABEL_CONFORMANCE,
  patternConformanceLabel,
} from '../../conformance/labels';

/** The fields the adoption tables and the CSV export read of an adopter. */
export const ADOPTER_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'metadata.labels',
  'spec.type',
  'spec.owner',
  'spec.system',
  'spec.lifecycle',
];

/** One page of adopters for the overview's table and the CSV export. */
export function adoptersPageRequest(
  filters: AdoptionFilters,
  limit: number,
  order: { field: string; order: 'asc' | 'desc' } = {
    field: 'metadata.name',
    order: 'asc',
  },
): QueryEntitiesInitialRequest {
  return {
    filter: adoptionFilter(filters) as QueryEntitiesInitialRequest['filter'],
    fields: [...ADOPTER_FIELDS, 'relations'],
    orderFields: [order],
    limit,
    // The adoption summary has counted them.
    totalItems: 'exclude',
  };
}

/**
 * What the export needs of the catalog: the frontend's CatalogApi, or the
 * backend's catalog service bound to the caller's credentials.
 */
export type AdoptionExportCatalog = {
  queryEntities(request: QueryEntitiesRequest): Promise<QueryEntitiesResponse>;
};

const PAGE = 500;

/**
 * An adopter's conformance as the catalog labelled it: overall, then per
 * pattern, e.g. "non-conforming (event-driven-basic: non-conforming)".
 */
export function conformanceOf(entity: Entity): string {
  const labels = entity.metadata.labels ?? {};
  const perPattern = implementedPatternRefs(entity).map(
    ref =>
      `${ref.replace(/^architecturepattern:default\//, '')}: ${
        labels[patternConformanceLabel(ref)] ?? 'not-checked'
      }`,
  );
  const overall = labels[LABEL_CONFORMANCE] ?? 'not-checked';
  return perPattern.length > 1
    ? `${overall} (${perPattern.join('; ')})`
    : overall;
}

function implementedPatternRefs(entity: Entity): string[] {
  return (entity.relations ?? [])
    .filter(r => r.type === RELATION_IMPLEMENTS_PATTERN)
    .map(r => r.targetRef);
}

/** One CSV row of an adopting entity. */
export function adoptionRow(entity: Entity): Array<string | undefined> {
  const annotations = entity.metadata.annotations ?? {};
  const patterns = implementedPatternRefs(entity)
    .map(ref => ref.replace(/^architecturepattern:default\//, ''))
    .join(' ');
  const template = annotations[ANNOTATION_SOURCE_TEMPLATE];
  return [
    entity.metadata.name,
    entity.kind,
    entity.spec?.owner as string | undefined,
    entity.spec?.system as string | undefined,
    entity.spec?.lifecycle as string | undefined,
    patterns,
    template,
    annotations[ANNOTATION_TEMPLATE_VERSION],
    template ? 'generated' : 'declared',
    conformanceOf(entity),
  ];
}

export const ADOPTION_CSV_HEADER = [
  'name',
  'kind',
  'owner',
  'system',
  'lifecycle',
  'patterns',
  'template',
  'template version',
  'provenance',
  'conformance',
];

/** Pages through the filtered adopters (500 at a time) and renders them as CSV. */
export async function exportAdoptionCsv(
  catalogApi: AdoptionExportCatalog,
  filters: AdoptionFilters,
): Promise<string> {
  const rows: Array<Array<string | undefined>> = [];
  const first = adoptersPageRequest(filters, PAGE);
  let response = await catalogApi.queryEntities(first);
  for (;;) {
    rows.push(...response.items.map(adoptionRow));
    const cursor = response.pageInfo.nextCursor;
    if (!cursor) break;
    // The catalog does not keep fields in the cursor: pass them again.
    response = await catalogApi.queryEntities({
      cursor,
      limit: PAGE,
      fields: first.fields,
    });
  }
  return toCsv(ADOPTION_CSV_HEADER, rows);
}
