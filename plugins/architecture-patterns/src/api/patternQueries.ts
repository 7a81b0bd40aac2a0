import type {
  GetEntityFacetsRequest,
  QueryEntitiesInitialRequest,
} from '@backstage/catalog-client';
import {
  ADOPTER_FIELDS,
  ADOPTER_KINDS,
  ARCHITECTURE_PATTERN_KIND,
  ConformanceStatus,
  patternConformanceLabel,
  RELATION_IMPLEMENTS_PATTERN,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';

/** The filters a user can set on the pattern catalog page. */
export interface PatternFilterState {
  level?: string;
  category?: string;
  service?: string;
  text?: string;
}

/** Catalog fields the pattern cards need; the body and diagram stay behind. */
export const PATTERN_CARD_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  'metadata.tags',
  'spec.level',
  'spec.category',
  'spec.awsServices',
];

/** What the pattern page shows of a pattern: all of it but its relations. */
export const PATTERN_PAGE_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec'];

/** Facets behind the filter menus of the pattern catalog page. */
export const PATTERN_FACETS = [
  'spec.level',
  'spec.category',
  'spec.awsServices.name',
];

/** The most patterns one catalog page shows. */
export const PATTERN_PAGE_LIMIT = 200;

/** The facet request for the filter menus. */
export function patternFacetsRequest(): GetEntityFacetsRequest {
  return {
    filter: { kind: ARCHITECTURE_PATTERN_KIND },
    facets: PATTERN_FACETS,
  };
}

/** The query for the patterns matching the user's filters. */
export function patternListRequest(
  filters: PatternFilterState,
): QueryEntitiesInitialRequest {
  const filter: Record<string, string> = { kind: ARCHITECTURE_PATTERN_KIND };
  if (filters.level) filter['spec.level'] = filters.level;
  if (filters.category) filter['spec.category'] = filters.category;
  if (filters.service) filter['spec.awsServices.name'] = filters.service;
  const term = filters.text?.trim();
  return {
    filter,
    fields: PATTERN_CARD_FIELDS,
    orderFields: [{ field: 'metadata.title', order: 'asc' }],
    limit: PATTERN_PAGE_LIMIT,
    ...(term
      ? {
          fullTextFilter: {
            term,
            fields: [
              'metadata.name',
              'metadata.title',
              'metadata.description',
              'metadata.tags',
            ],
          },
        }
      : {}),
  };
}

/** Fields the adopters table shows. */
export { ADOPTER_FIELDS };

/**
 * One page of the entities that implement a pattern, filtered on the server;
 * with a verdict, only those the catalog labelled with it for this pattern.
 */
export function adoptersRequest(
  patternRef: string,
  pageSize: number,
  conformance?: ConformanceStatus,
): QueryEntitiesInitialRequest {
  return {
    filter: {
      [`relations.${RELATION_IMPLEMENTS_PATTERN}`]: patternRef,
      ...(conformance
        ? {
            [`metadata.labels.${patternConformanceLabel(patternRef)}`]:
              conformance,
          }
        : {}),
      // Kept last: the in-memory test catalog stops at the first list value.
      kind: ADOPTER_KINDS,
    },
    fields: ADOPTER_FIELDS,
    orderFields: [{ field: 'metadata.name', order: 'asc' }],
    limit: pageSize,
    // The adoption summary has counted them.
    totalItems: 'exclude',
  };
}

/** The templates that generate services implementing a pattern. */
export function templatesRequest(
  patternRef: string,
): QueryEntitiesInitialRequest {
  return {
    filter: {
      kind: 'Template',
      [`relations.${RELATION_IMPLEMENTS_PATTERN}`]: patternRef,
    },
    fields: [
      'kind',
      'metadata.name',
      'metadata.namespace',
      'metadata.title',
      'metadata.description',
    ],
    orderFields: [{ field: 'metadata.title', order: 'asc' }],
    limit: 10,
  };
}
