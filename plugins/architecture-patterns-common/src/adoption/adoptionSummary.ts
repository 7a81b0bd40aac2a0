import {
  CATALOG_FILTER_EXISTS,
  GetEntityFacetsRequest,
} from '@backstage/catalog-client';
import {
  ANNOTATION_TEMPLATE_VERSION,
  RELATION_IMPLEMENTS_PATTERN,
} from '../entity/constants';
import {
  LABEL_CONFORMANCE,
  patternConformanceLabel,
} from '../conformance/labels';
import { CONFORMANCE_STATUSES, ConformanceStatus } from '../conformance/types';

/** The annotation the scaffolder puts on entities it generated. */
export const ANNOTATION_SOURCE_TEMPLATE = 'backstage.io/source-template';

/** The kinds of entity that count as adopting a pattern (templates do not). */
export const ADOPTER_KINDS = ['Component', 'System', 'Resource'];

/** Facet keys of the adoption overview. */
export const PATTERN_FACET = `relations.${RELATION_IMPLEMENTS_PATTERN}`;
/**
 * Owners and systems are counted through the relations the catalog
 * normalises to full entity refs, so "orders-team" and
 * "group:default/orders-team" in spec.owner count as one owner.
 */
export const OWNER_FACET = 'relations.ownedBy';
export const SYSTEM_FACET = 'relations.partOf';
export const LIFECYCLE_FACET = 'spec.lifecycle';
export const SOURCE_TEMPLATE_FACET = `metadata.annotations.${ANNOTATION_SOURCE_TEMPLATE}`;
export const TEMPLATE_VERSION_FACET = `metadata.annotations.${ANNOTATION_TEMPLATE_VERSION}`;
/** Overall conformance of each adopter (the worst over its patterns). */
export const CONFORMANCE_FACET = `metadata.labels.${LABEL_CONFORMANCE}`;

/** The conformance facet of a summary: per pattern when the pattern filter is set. */
export function conformanceFacet(filters: AdoptionFilters): string {
  return filters.pattern
    ? `metadata.labels.${patternConformanceLabel(filters.pattern)}`
    : CONFORMANCE_FACET;
}

/** The breakdowns of the overview, all answered by one facets call. */
export const ADOPTION_FACETS = [
  PATTERN_FACET,
  'kind',
  OWNER_FACET,
  SYSTEM_FACET,
  LIFECYCLE_FACET,
  SOURCE_TEMPLATE_FACET,
];

/** Filters of the adoption overview, kept in its URL and its summary's. */
export type AdoptionFilters = {
  /** An owner entity ref, e.g. group:default/orders-team. */
  owner?: string;
  /** A system entity ref. */
  system?: string;
  lifecycle?: string;
  /** A pattern entity ref. */
  pattern?: string;
  /** Conformance to the chosen pattern, or overall when no pattern is chosen. */
  conformance?: ConformanceStatus;
};

export const ADOPTION_FILTER_KEYS: Array<keyof AdoptionFilters> = [
  'pattern',
  'owner',
  'system',
  'lifecycle',
  'conformance',
];

/** Counts per facet value, as the catalog's facets endpoint returns them. */
export type AdoptionFacets = Record<
  string,
  Array<{ value: string; count: number }>
>;

/** The adoption overview's counts and when the catalog computed them. */
export type AdoptionSummary = {
  facets: AdoptionFacets;
  /** ISO 8601 time of the facets request that produced the counts. */
  computedAt: string;
};

/** Only the filters that are set, as plain strings (for URLs and cache keys). */
export function normalizeAdoptionFilters(
  input: Record<string, unknown>,
): AdoptionFilters {
  const filters: AdoptionFilters = {};
  for (const key of ADOPTION_FILTER_KEYS) {
    const value = input[key];
    if (typeof value === 'string' && value.trim()) {
      if (
        key === 'conformance' &&
        !CONFORMANCE_STATUSES.includes(value.trim() as ConformanceStatus)
      ) {
        continue;
      }
      (filters as Record<string, string>)[key] = value.trim();
    }
  }
  return filters;
}

/**
 * The catalog filter for adopting entities: every entity that implements a
 * pattern (or the chosen one), narrowed by owner, system and lifecycle.
 */
export function adoptionFilter(
  filters: AdoptionFilters,
): Record<string, string | string[] | symbol> {
  const filter: Record<string, string | string[] | symbol> = {
    [PATTERN_FACET]: filters.pattern ?? CATALOG_FILTER_EXISTS,
  };
  if (filters.owner) filter[OWNER_FACET] = filters.owner;
  if (filters.system) filter[SYSTEM_FACET] = filters.system;
  if (filters.lifecycle) filter[LIFECYCLE_FACET] = filters.lifecycle;
  if (filters.conformance) {
    filter[conformanceFacet(filters)] = filters.conformance;
  }
  // Kept last: the in-memory test catalog stops at the first list value.
  filter.kind = ADOPTER_KINDS;
  return filter;
}

/** Counts per pattern, owner, system, lifecycle and template, in one request. */
export function adoptionFacetsRequest(
  filters: AdoptionFilters,
): GetEntityFacetsRequest {
  return {
    filter: adoptionFilter(filters) as GetEntityFacetsRequest['filter'],
    facets: [...ADOPTION_FACETS, conformanceFacet(filters)],
  };
}

/** How many adopters a summary counts: one kind per entity. */
export function countAdopters(facets: AdoptionFacets): number {
  return (facets.kind ?? []).reduce((sum, { count }) => sum + count, 0);
}

/** How many adopters of one pattern a summary of all adopters counts. */
export function countPatternAdopters(
  facets: AdoptionFacets,
  patternRef: string,
): number {
  const ref = patternRef.toLocaleLowerCase('en-US');
  return (facets[PATTERN_FACET] ?? [])
    .filter(({ value }) => value.toLocaleLowerCase('en-US') === ref)
    .reduce((sum, { count }) => sum + count, 0);
}

/**
 * Adopters per conformance verdict in a summary. Adopters the catalog has not
 * labelled yet count as not checked.
 */
export function countByConformance(
  facets: AdoptionFacets,
  filters: AdoptionFilters,
): Record<ConformanceStatus, number> {
  const counts = { conforming: 0, 'non-conforming': 0, 'not-checked': 0 };
  for (const { value, count } of facets[conformanceFacet(filters)] ?? []) {
    if (value === 'conforming' || value === 'non-conforming') {
      counts[value] += count;
    }
  }
  const total = filters.pattern
    ? countPatternAdopters(facets, filters.pattern)
    : countAdopters(facets);
  counts['not-checked'] = Math.max(
    0,
    total - counts.conforming - counts['non-conforming'],
  );
  return counts;
}
