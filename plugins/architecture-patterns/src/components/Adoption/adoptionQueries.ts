import type {
  GetEntityFacetsRequest,
  QueryEntitiesInitialRequest,
} from '@backstage/catalog-client';
import {
  ADOPTER_KINDS,
  adoptionFilter,
  AdoptionFilters,
  SOURCE_TEMPLATE_FACET,
  TEMPLATE_VERSION_FACET,
} from '@internal/backstage-plugin-architecture-patterns-common';
import { ADOPTER_FIELDS } from '../../api/patternQueries';

/** How many adopters sit on each version of one template. */
export function templateVersionFacetsRequest(
  templateRef: string,
): GetEntityFacetsRequest {
  return {
    filter: { [SOURCE_TEMPLATE_FACET]: templateRef, kind: ADOPTER_KINDS },
    facets: [TEMPLATE_VERSION_FACET],
  };
}

/** A page of the components generated from a template at older versions. */
export function behindRequest(
  templateRef: string,
  olderVersions: string[],
  limit: number,
): QueryEntitiesInitialRequest {
  return {
    filter: {
      [SOURCE_TEMPLATE_FACET]: templateRef,
      [TEMPLATE_VERSION_FACET]: olderVersions,
      kind: ADOPTER_KINDS,
    },
    fields: ADOPTER_FIELDS,
    orderFields: [{ field: 'spec.owner', order: 'asc' }],
    limit,
    // The version facets have counted them.
    totalItems: 'exclude',
  };
}

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
