import type {
  GetEntityFacetsRequest,
  QueryEntitiesInitialRequest,
} from '@backstage/catalog-client';
import {
  ADOPTER_FIELDS,
  ADOPTER_KINDS,
  SOURCE_TEMPLATE_FACET,
  TEMPLATE_VERSION_FACET,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';

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

/**
 * A page of the refs of all components generated from a template at one
 * version: the components an "Upgrade all" upgrades.
 */
export function componentsAtVersionRequest(
  templateRef: string,
  version: string,
  limit: number,
): QueryEntitiesInitialRequest {
  return {
    filter: {
      [SOURCE_TEMPLATE_FACET]: templateRef,
      [TEMPLATE_VERSION_FACET]: version,
      kind: ADOPTER_KINDS,
    },
    fields: ['kind', 'metadata.namespace', 'metadata.name'],
    orderFields: [{ field: 'metadata.name', order: 'asc' }],
    limit,
    totalItems: 'exclude',
  };
}
