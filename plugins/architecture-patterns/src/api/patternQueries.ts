import type {
  GetEntityFacetsRequest,
  QueryEntitiesInitialRequest,
} from '@backstage/catalog-client';
import {
  ARCHITECTURE_PATTERN_KIND,
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
