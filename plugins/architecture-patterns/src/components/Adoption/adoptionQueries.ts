import {
  CATALOG_FILTER_EXISTS,
  GetEntityFacetsRequest,
  QueryEntitiesInitialRequest,
} from '@backstage/catalog-client';
import {
  ANNOTATION_TEMPLATE_VERSION,
  RELATION_IMPLEMENTS_PATTERN,
} from '@internal/backstage-plugin-architecture-patterns-common';
import { ADOPTER_FIELDS, ADOPTER_KINDS } from '../../api/patternQueries';

/** The annotation the scaffolder puts on entities it generated. */
export const ANNOTATION_SOURCE_TEMPLATE = 'backstage.io/source-template';

/** Filters of the adoption overview, kept in its URL. */
export type AdoptionFilters = {
  /** An owner entity ref, e.g. group:default/orders-team. */
  owner?: string;
  /** A system entity ref. */
  system?: string;
  lifecycle?: string;
  /** A pattern entity ref. */
  pattern?: string;
};

const RELATION_KEY = `relations.${RELATION_IMPLEMENTS_PATTERN}`;
const SOURCE_TEMPLATE_KEY = `metadata.annotations.${ANNOTATION_SOURCE_TEMPLATE}`;
const TEMPLATE_VERSION_KEY = `metadata.annotations.${ANNOTATION_TEMPLATE_VERSION}`;

/** The breakdowns of the overview, all answered by one facets call. */
/**
 * Owners and systems are counted through the relations the catalog
 * normalises to full entity refs, so "orders-team" and
 * "group:default/orders-team" in spec.owner count as one owner.
 */
export const OWNER_FACET = 'relations.ownedBy';
export const SYSTEM_FACET = 'relations.partOf';

export const ADOPTION_FACETS = [RELATION_KEY, 'kind', OWNER_FACET, SYSTEM_FACET, 'spec.lifecycle', SOURCE_TEMPLATE_KEY];

/**
 * The catalog filter for adopting entities: every entity that implements a
 * pattern (or the chosen one), narrowed by owner, system and lifecycle.
 */
export function adoptionFilter(filters: AdoptionFilters): Record<string, string | string[] | symbol> {
  const filter: Record<string, string | string[] | symbol> = {
    [RELATION_KEY]: filters.pattern ?? CATALOG_FILTER_EXISTS,
  };
  if (filters.owner) filter[OWNER_FACET] = filters.owner;
  if (filters.system) filter[SYSTEM_FACET] = filters.system;
  if (filters.lifecycle) filter['spec.lifecycle'] = filters.lifecycle;
  // Kept last: the in-memory test catalog stops at the first list value.
  filter.kind = ADOPTER_KINDS;
  return filter;
}

/** Counts per pattern, owner, system, lifecycle and template, in one request. */
export function adoptionFacetsRequest(filters: AdoptionFilters): GetEntityFacetsRequest {
  return { filter: adoptionFilter(filters) as GetEntityFacetsRequest['filter'], facets: ADOPTION_FACETS };
}

/** How many adopters sit on each version of one template. */
export function templateVersionFacetsRequest(templateRef: string): GetEntityFacetsRequest {
  return {
    filter: { [SOURCE_TEMPLATE_KEY]: templateRef, kind: ADOPTER_KINDS },
    facets: [TEMPLATE_VERSION_KEY],
  };
}

/** The facet key of template versions. */
export const TEMPLATE_VERSION_FACET = TEMPLATE_VERSION_KEY;
/** The facet key of source templates. */
export const SOURCE_TEMPLATE_FACET = SOURCE_TEMPLATE_KEY;
/** The facet key of implemented patterns. */
export const PATTERN_FACET = RELATION_KEY;

/** A page of the components generated from a template at older versions. */
export function behindRequest(
  templateRef: string,
  olderVersions: string[],
  limit: number,
): QueryEntitiesInitialRequest {
  return {
    filter: {
      [SOURCE_TEMPLATE_KEY]: templateRef,
      [TEMPLATE_VERSION_KEY]: olderVersions,
      kind: ADOPTER_KINDS,
    },
    fields: ADOPTER_FIELDS,
    orderFields: [{ field: 'spec.owner', order: 'asc' }],
    limit,
  };
}

/** One page of adopters for the overview's table and the CSV export. */
export function adoptersPageRequest(
  filters: AdoptionFilters,
  limit: number,
  order: { field: string; order: 'asc' | 'desc' } = { field: 'metadata.name', order: 'asc' },
): QueryEntitiesInitialRequest {
  return {
    filter: adoptionFilter(filters) as QueryEntitiesInitialRequest['filter'],
    fields: [...ADOPTER_FIELDS, 'relations'],
    orderFields: [order],
    limit,
  };
}
