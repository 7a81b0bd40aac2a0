import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  ADOPTER_FIELDS,
  adoptersPageRequest,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { behindRequest, templateVersionFacetsRequest } from './adoptionQueries';

const KINDS = ['Component', 'System', 'Resource'];
const CQRS = 'architecturepattern:default/cqrs';
const TEMPLATE = 'template:default/three-tier-service';

describe('adoption queries', () => {
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
        totalItems: 'exclude',
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
        totalItems: 'exclude',
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
        totalItems: 'exclude',
      });
    });
  });
});
