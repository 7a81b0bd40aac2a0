import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  ADOPTION_FACETS,
  adoptersPageRequest,
  adoptionFacetsRequest,
  adoptionFilter,
  ANNOTATION_SOURCE_TEMPLATE,
  behindRequest,
  OWNER_FACET,
  PATTERN_FACET,
  SOURCE_TEMPLATE_FACET,
  SYSTEM_FACET,
  TEMPLATE_VERSION_FACET,
  templateVersionFacetsRequest,
} from './adoptionQueries';
import { ADOPTER_FIELDS } from '../../api/patternQueries';

const KINDS = ['Component', 'System', 'Resource'];
const CQRS = 'architecturepattern:default/cqrs';
const TEMPLATE = 'template:default/three-tier-service';

describe('adoption queries', () => {
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
        ],
      });
      expect(adoptionFacetsRequest({}).facets).toBe(ADOPTION_FACETS);
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
        facets: ADOPTION_FACETS,
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

  describe('templateVersionFacetsRequest', () => {
    it('counts the versions of the entities generated from one template', () => {
      expect(templateVersionFacetsRequest(TEMPLATE)).toEqual({
        filter: {
          'metadata.annotations.backstage.io/source-template': TEMPLATE,
          kind: KINDS,
        },
        facets: [
          'metadata.annotations.architecture.platform.dev/template-version',
        ],
      });
    });
  });

  describe('behindRequest', () => {
    it('asks for one page of entities on older versions of a template, by owner', () => {
      expect(behindRequest(TEMPLATE, ['1.1.0', '1.0.0'], 20)).toEqual({
        filter: {
          'metadata.annotations.backstage.io/source-template': TEMPLATE,
          'metadata.annotations.architecture.platform.dev/template-version': [
            '1.1.0',
            '1.0.0',
          ],
          kind: KINDS,
        },
        fields: ADOPTER_FIELDS,
        orderFields: [{ field: 'spec.owner', order: 'asc' }],
        limit: 20,
      });
    });
  });

  describe('adoptersPageRequest', () => {
    it('asks for one page of adopters, with their relations, by name', () => {
      expect(adoptersPageRequest({}, 20)).toEqual({
        filter: {
          'relations.implementsPattern': CATALOG_FILTER_EXISTS,
          kind: KINDS,
        },
        fields: [...ADOPTER_FIELDS, 'relations'],
        orderFields: [{ field: 'metadata.name', order: 'asc' }],
        limit: 20,
      });
    });

    it('uses the filters and the order it is given', () => {
      expect(
        adoptersPageRequest(
          { owner: 'group:default/analytics-team', pattern: CQRS },
          500,
          { field: 'spec.owner', order: 'desc' },
        ),
      ).toEqual({
        filter: {
          'relations.implementsPattern': CQRS,
          'relations.ownedBy': 'group:default/analytics-team',
          kind: KINDS,
        },
        fields: [...ADOPTER_FIELDS, 'relations'],
        orderFields: [{ field: 'spec.owner', order: 'desc' }],
        limit: 500,
      });
    });
  });
});
