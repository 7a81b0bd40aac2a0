/* eslint-disable no-restricted-imports -- the fixtures read the pattern library from disk */
import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import {
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import type { CatalogApi } from '@backstage/catalog-client';
import {
  adoptionFacetsRequest,
  AdoptionFilters,
  ANNOTATION_IMPLEMENTS_PATTERNS,
  ANNOTATION_TEMPLATE_VERSION,
  ArchitecturePatternEntity,
  DecisionGuideEntity,
  RELATION_IMPLEMENTS_PATTERN,
  RELATION_PATTERN_IMPLEMENTED_BY,
  exportAdoptionCsv,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import {
  AdoptionSummaryApi,
  adoptionSummaryApiRef,
} from '../api/AdoptionSummaryApi';

const libraryDir = path.resolve(
  __dirname,
  '../../../architecture-patterns-common/library/patterns',
);
const guidesDir = path.resolve(
  __dirname,
  '../../../architecture-patterns-common/library/guides',
);

/** The annotation the scaffolder puts on the entities it generates. */
export const ANNOTATION_SOURCE_TEMPLATE = 'backstage.io/source-template';

/**
 * Mounts the catalog entity page, which entity links (EntityRefLink) need;
 * pass as `mountedRoutes` to a test app.
 */
export const catalogEntityRoutes = {
  '/catalog/:namespace/:kind/:name': entityRouteRef,
};

/** Every pattern of the library, as the catalog would serve it. */
export const library: ArchitecturePatternEntity[] = fs
  .readdirSync(libraryDir)
  .filter(file => file.endsWith('.yaml'))
  .sort()
  .map(file => {
    const pattern = parse(
      fs.readFileSync(path.join(libraryDir, file), 'utf8'),
    ) as ArchitecturePatternEntity;
    pattern.metadata.namespace = pattern.metadata.namespace ?? 'default';
    return pattern;
  });

/** The pattern of the library with the given name. */
export function libraryPattern(name: string): ArchitecturePatternEntity {
  const pattern = library.find(p => p.metadata.name === name);
  if (!pattern) {
    throw new Error(`No pattern named ${name} in the library`);
  }
  return pattern;
}

/** Every decision guide of the library, as the catalog would serve it. */
export const guides: DecisionGuideEntity[] = fs
  .readdirSync(guidesDir)
  .filter(file => file.endsWith('.yaml'))
  .sort()
  .map(file => {
    const guide = parse(
      fs.readFileSync(path.join(guidesDir, file), 'utf8'),
    ) as DecisionGuideEntity;
    guide.metadata.namespace = guide.metadata.namespace ?? 'default';
    return guide;
  });

/** The decision guide of the library with the given name. */
export function libraryGuide(name: string): DecisionGuideEntity {
  const guide = guides.find(g => g.metadata.name === name);
  if (!guide) {
    throw new Error(`No decision guide named ${name} in the library`);
  }
  return guide;
}

/**
 * A component (or system, resource) that implements the given patterns, as
 * the catalog serves it: with the implementsPattern relations the processor
 * emits, and the ownedBy and partOf relations the catalog derives from
 * spec.owner and spec.system.
 */
export function adopter(
  name: string,
  patterns: string[],
  extra: {
    kind?: 'Component' | 'System' | 'Resource';
    owner?: string;
    system?: string;
    lifecycle?: string;
    templateVersion?: string;
    /** The template the scaffolder generated it from, e.g. template:default/x. */
    sourceTemplate?: string;
  } = {},
): Entity {
  const owner = extra.owner ?? 'orders-team';
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: extra.kind ?? 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        [ANNOTATION_IMPLEMENTS_PATTERNS]: patterns.join(', '),
        ...(extra.templateVersion
          ? { [ANNOTATION_TEMPLATE_VERSION]: extra.templateVersion }
          : {}),
        ...(extra.sourceTemplate
          ? { [ANNOTATION_SOURCE_TEMPLATE]: extra.sourceTemplate }
          : {}),
      },
    },
    spec: {
      type: 'service',
      lifecycle: extra.lifecycle ?? 'production',
      owner,
      ...(extra.system ? { system: extra.system } : {}),
    },
    relations: [
      ...patterns.map(p => ({
        type: RELATION_IMPLEMENTS_PATTERN,
        targetRef: `architecturepattern:default/${p}`,
      })),
      { type: RELATION_OWNED_BY, targetRef: normalisedRef(owner, 'group') },
      ...(extra.system
        ? [
            {
              type: RELATION_PART_OF,
              targetRef: normalisedRef(extra.system, 'system'),
            },
          ]
        : []),
    ],
  };
}

/** An entity ref as the catalog writes relation targets: kind:namespace/name. */
function normalisedRef(ref: string, defaultKind: string): string {
  return stringifyEntityRef(
    parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
  );
}

/**
 * A scaffolder template that generates services implementing a pattern, at
 * the given template version.
 */
export function patternTemplate(
  name: string,
  pattern: string,
  version: string,
  title?: string,
): Entity {
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: {
      name,
      namespace: 'default',
      ...(title ? { title } : {}),
      annotations: {
        [ANNOTATION_IMPLEMENTS_PATTERNS]: pattern,
        [ANNOTATION_TEMPLATE_VERSION]: version,
      },
    },
    spec: { type: 'service', owner: 'group:default/platform-team' },
    relations: [
      {
        type: RELATION_IMPLEMENTS_PATTERN,
        targetRef: `architecturepattern:default/${pattern}`,
      },
    ],
  };
}

/** Adds the implementedBy relations the catalog stitches onto patterns. */
function withImplementedBy(
  patterns: ArchitecturePatternEntity[],
  adopters: Entity[],
): ArchitecturePatternEntity[] {
  return patterns.map(pattern => {
    const ref = `architecturepattern:default/${pattern.metadata.name}`;
    const relations = adopters
      .filter(a => a.relations?.some(r => r.targetRef === ref))
      .map(a => ({
        type: RELATION_PATTERN_IMPLEMENTED_BY,
        targetRef: stringifyEntityRef(a),
      }));
    return relations.length ? { ...pattern, relations } : pattern;
  });
}

/**
 * An in-memory catalog with the whole pattern library and the given
 * adopters, decision guides and templates, whose calls are recorded by jest
 * spies.
 */
export function createCatalogApi(
  options: {
    adopters?: Entity[];
    guides?: DecisionGuideEntity[];
    templates?: Entity[];
  } = {},
) {
  const adopters = options.adopters ?? [];
  const templates = options.templates ?? [];
  const catalogApi = catalogApiMock({
    entities: [
      ...withImplementedBy(library, [...adopters, ...templates]),
      ...(options.guides ?? []),
      ...templates,
      ...adopters,
    ],
  });
  jest.spyOn(catalogApi, 'getEntities');
  jest.spyOn(catalogApi, 'queryEntities');
  jest.spyOn(catalogApi, 'getEntityFacets');
  jest.spyOn(catalogApi, 'getEntityByRef');
  jest.spyOn(catalogApi, 'getEntitiesByRefs');
  return catalogApi as typeof catalogApi & {
    getEntities: jest.MockedFunction<typeof catalogApi.getEntities>;
    queryEntities: jest.MockedFunction<typeof catalogApi.queryEntities>;
    getEntityFacets: jest.MockedFunction<typeof catalogApi.getEntityFacets>;
    getEntityByRef: jest.MockedFunction<typeof catalogApi.getEntityByRef>;
    getEntitiesByRefs: jest.MockedFunction<typeof catalogApi.getEntitiesByRefs>;
  };
}

/** When the test adoption summaries were counted. */
export const SUMMARY_COMPUTED_AT = '2026-03-02T09:30:00.000Z';

/**
 * An adoption summary API that counts as the backend does, with the
 * catalog's facets, straight from the given catalog.
 */
export function adoptionSummaryApiFor(catalogApi: CatalogApi) {
  return {
    getSummary: jest.fn(async (filters: AdoptionFilters) => ({
      facets: (await catalogApi.getEntityFacets(adoptionFacetsRequest(filters)))
        .facets,
      computedAt: SUMMARY_COMPUTED_AT,
    })),
    // The backend runs the common package's export over the catalog.
    exportCsv: jest.fn((filters: AdoptionFilters) =>
      exportAdoptionCsv(catalogApi, filters),
    ),
  };
}

/** The APIs the plugin's pages need: the catalog and the adoption summary over it. */
export function testApis(
  catalogApi: ReturnType<typeof createCatalogApi>,
): [
  typeof catalogApi,
  readonly [typeof adoptionSummaryApiRef, AdoptionSummaryApi],
] {
  return [
    catalogApi,
    [adoptionSummaryApiRef, adoptionSummaryApiFor(catalogApi)],
  ];
}
