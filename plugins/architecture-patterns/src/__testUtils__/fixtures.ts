/* eslint-disable no-restricted-imports -- the fixtures read the pattern library from disk */
import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import type { Entity } from '@backstage/catalog-model';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  ANNOTATION_IMPLEMENTS_PATTERNS,
  ANNOTATION_TEMPLATE_VERSION,
  ArchitecturePatternEntity,
  RELATION_IMPLEMENTS_PATTERN,
  RELATION_PATTERN_IMPLEMENTED_BY,
} from '@internal/backstage-plugin-architecture-patterns-common';

const libraryDir = path.resolve(
  __dirname,
  '../../../architecture-patterns-common/library/patterns',
);

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

/** A component that implements the given patterns, as the processor emits it. */
export function adopter(
  name: string,
  patterns: string[],
  extra: {
    owner?: string;
    system?: string;
    lifecycle?: string;
    templateVersion?: string;
  } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        [ANNOTATION_IMPLEMENTS_PATTERNS]: patterns.join(', '),
        ...(extra.templateVersion
          ? { [ANNOTATION_TEMPLATE_VERSION]: extra.templateVersion }
          : {}),
      },
    },
    spec: {
      type: 'service',
      lifecycle: extra.lifecycle ?? 'production',
      owner: extra.owner ?? 'orders-team',
      ...(extra.system ? { system: extra.system } : {}),
    },
    relations: patterns.map(p => ({
      type: RELATION_IMPLEMENTS_PATTERN,
      targetRef: `architecturepattern:default/${p}`,
    })),
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
        targetRef: `component:default/${a.metadata.name}`,
      }));
    return relations.length ? { ...pattern, relations } : pattern;
  });
}

/**
 * An in-memory catalog with the whole pattern library and the given
 * adopters, whose calls are recorded by jest spies.
 */
export function createCatalogApi(options: { adopters?: Entity[] } = {}) {
  const adopters = options.adopters ?? [];
  const catalogApi = catalogApiMock({
    entities: [...withImplementedBy(library, adopters), ...adopters],
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
