import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  ADOPTION_FACETS,
  adoptionFacetsRequest,
  adoptionFilter,
  ANNOTATION_SOURCE_TEMPLATE,
  countAdopters,
  countPatternAdopters,
  normalizeAdoptionFilters,
  countByConformance,
  OWNER_FACET,
  PATTERN_FACET,
  SOURCE_TEMPLATE_FACET,
  SYSTEM_FACET,
  TEMPLATE_VERSION_FACET,
} from './adoptionSummary';

const KINDS = ['Component', 'System', 'Resource'];
const CQRS = 'architecturepattern:default/cqrs';

describe('adoption summary', () => {
  it('name the facet keys of the overview', () => {
    expect(ANNOTATION_SOURCE_TEMPLATE).toBe('backstage.io/source-template');
    expect(PATTERN_FACET).toBe('relations.implementsPattern');
    expect(OWNER_FACET).toBe('relations.ownedBy');
    expect(SYSTEM_FACET).toBe('relations.partOf');
    expect(SOURCE_TEMPLATE_FACET).toBe(
      'metadata.annotations.backstage.io/source-template',
    );
    expect(TEMPLATE_VERSION_FACET).toBe(
      'metadata.annotations.architecture.platform.dev/template-version',
    );
  });

  describe('adoptionFacetsRequest', () => {
    it('counts every adopting entity, in one request, without filters', () => {
      expect(adoptionFacetsRequest({})).toEqual({
        filter: {
          'relations.implementsPattern': CATALOG_FILTER_EXISTS,
          kind: KINDS,
        },
        facets: [
          'relations.implementsPattern',
          'kind',
          'relations.ownedBy',
          'relations.partOf',
          'spec.lifecycle',
          'metadata.annotations.backstage.io/source-template',
          'metadata.labels.architecture.platform.dev/conformance',
        ],
      });
    });

    it('narrows by pattern, owner, system and lifecycle through the relations', () => {
      const request = adoptionFacetsRequest({
        pattern: CQRS,
        owner: 'group:default/analytics-team',
        system: 'system:default/checkout',
        lifecycle: 'production',
      });

      expect(request).toEqual({
        filter: {
          'relations.implementsPattern': CQRS,
          'relations.ownedBy': 'group:default/analytics-team',
          'relations.partOf': 'system:default/checkout',
          'spec.lifecycle': 'production',
          kind: KINDS,
        },
        facets: [
          ...ADOPTION_FACETS,
          'metadata.labels.conformance.architecture.platform.dev/cqrs',
        ],
      });
    });

    it('filters and counts conformance overall, or per pattern when a pattern is chosen', () => {
      expect(
        adoptionFacetsRequest({ conformance: 'non-conforming' }).filter,
      ).toEqual({
        'relations.implementsPattern': CATALOG_FILTER_EXISTS,
        'metadata.labels.architecture.platform.dev/conformance':
          'non-conforming',
        kind: KINDS,
      });
      expect(
        adoptionFacetsRequest({ pattern: CQRS, conformance: 'conforming' })
          .filter,
      ).toEqual({
        'relations.implementsPattern': CQRS,
        'metadata.labels.conformance.architecture.platform.dev/cqrs':
          'conforming',
        kind: KINDS,
      });
    });

    it('keeps the list of kinds last, after every single-valued key', () => {
      for (const filters of [
        {},
        { owner: 'group:default/a' },
        { pattern: CQRS, lifecycle: 'experimental' },
        { system: 'system:default/s', owner: 'group:default/a' },
      ]) {
        const keys = Object.keys(adoptionFilter(filters));
        expect(keys.at(-1)).toBe('kind');
        expect(
          keys
            .slice(0, -1)
            .filter(k => Array.isArray(adoptionFilter(filters)[k])),
        ).toEqual([]);
      }
    });

    it('leaves out the filters that are not set', () => {
      expect(Object.keys(adoptionFilter({ lifecycle: 'production' }))).toEqual([
        'relations.implementsPattern',
        'spec.lifecycle',
        'kind',
      ]);
    });
  });

  describe('countByConformance', () => {
    const facets = {
      kind: [{ value: 'Component', count: 10 }],
      'relations.implementsPattern': [{ value: CQRS, count: 6 }],
      'metadata.labels.architecture.platform.dev/conformance': [
        { value: 'conforming', count: 5 },
        { value: 'non-conforming', count: 2 },
        { value: 'not-checked', count: 1 },
      ],
      'metadata.labels.conformance.architecture.platform.dev/cqrs': [
        { value: 'non-conforming', count: 4 },
      ],
    };

    it('counts unlabelled adopters as not checked', () => {
      expect(countByConformance(facets, {})).toEqual({
        conforming: 5,
        'non-conforming': 2,
        'not-checked': 3,
      });
    });

    it('counts the chosen pattern from its own label', () => {
      expect(countByConformance(facets, { pattern: CQRS })).toEqual({
        conforming: 0,
        'non-conforming': 4,
        'not-checked': 2,
      });
    });
  });

  describe('normalizeAdoptionFilters', () => {
    it('keeps the known filters that are set, trimmed', () => {
      expect(
        normalizeAdoptionFilters({
          owner: ' group:default/a ',
          pattern: '',
          lifecycle: 'production',
          system: ['system:default/x'],
          unknown: 'x',
        }),
      ).toEqual({ owner: 'group:default/a', lifecycle: 'production' });
    });
  });

  describe('counting', () => {
    const facets = {
      kind: [
        { value: 'Component', count: 40 },
        { value: 'System', count: 2 },
      ],
      [PATTERN_FACET]: [
        { value: 'architecturepattern:default/cqrs', count: 12 },
        { value: 'architecturepattern:default/saga', count: 30 },
      ],
    };

    it('counts each adopter once, by its kind', () => {
      expect(countAdopters(facets)).toBe(42);
      expect(countAdopters({})).toBe(0);
    });

    it("counts one pattern's adopters whatever the case of its ref", () => {
      expect(
        countPatternAdopters(facets, 'ArchitecturePattern:default/cqrs'),
      ).toBe(12);
      expect(
        countPatternAdopters(facets, 'architecturepattern:default/none'),
      ).toBe(0);
    });
  });
});
