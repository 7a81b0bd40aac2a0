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
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import type { CatalogApi } from '@backstage/catalog-client';
import {
  adoptionFacetsRequest,
  AdoptionFilters,
  ANNOTATION_IMPLEMENTS_PATTERNS,
  ANNOTATION_TEMPLATE_VERSION,
  ArchitecturePatternEntity,
  ConformanceResult,
  ConformanceRule,
  ConformanceStatus,
  DecisionGuideEntity,
  LABEL_CONFORMANCE,
  patternConformanceLabel,
  worstConformance,
  RELATION_IMPLEMENTS_PATTERN,
  RELATION_PATTERN_IMPLEMENTED_BY,
  exportAdoptionCsv,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import {
  AdoptionSummaryApi,
  adoptionSummaryApiRef,
} from '../api/AdoptionSummaryApi';
import { ConformanceApi, conformanceApiRef } from '../api/ConformanceApi';

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

/**
 * Replaces `{ $text: ./file }` placeholders with the file's text, as the
 * catalog's placeholder processor does when it reads the library.
 */
function resolveText(value: unknown, dir: string): unknown {
  if (Array.isArray(value)) return value.map(v => resolveText(v, dir));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0][0] === '$text') {
      return fs.readFileSync(path.resolve(dir, String(entries[0][1])), 'utf8');
    }
    return Object.fromEntries(
      entries.map(([key, v]) => [key, resolveText(v, dir)]),
    );
  }
  return value;
}

/** Every pattern of the library, as the catalog would serve it. */
export const library: ArchitecturePatternEntity[] = fs
  .readdirSync(libraryDir)
  .filter(file => file.endsWith('.yaml'))
  .sort()
  .map(file => {
    const pattern = resolveText(
      parse(fs.readFileSync(path.join(libraryDir, file), 'utf8')),
      libraryDir,
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
    /**
     * Its verdict per pattern name, as the catalog module labels it (with the
     * overall label, the worst of them); no labels when left out.
     */
    conformance?: Record<string, ConformanceStatus>;
  } = {},
): Entity {
  const owner = extra.owner ?? 'orders-team';
  const verdicts = Object.entries(extra.conformance ?? {});
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: extra.kind ?? 'Component',
    metadata: {
      name,
      namespace: 'default',
      ...(verdicts.length
        ? {
            labels: {
              [LABEL_CONFORMANCE]: worstConformance(verdicts.map(v => v[1])),
              ...Object.fromEntries(
                verdicts.map(([pattern, status]) => [
                  patternConformanceLabel(pattern),
                  status,
                ]),
              ),
            },
          }
        : {}),
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
    /** Patterns that replace the library's patterns of the same name. */
    patterns?: ArchitecturePatternEntity[];
  } = {},
) {
  const adopters = options.adopters ?? [];
  const templates = options.templates ?? [];
  const patterns = library.map(
    pattern =>
      options.patterns?.find(p => p.metadata.name === pattern.metadata.name) ??
      pattern,
  );
  const catalogApi = catalogApiMock({
    entities: [
      ...withImplementedBy(patterns, [...adopters, ...templates]),
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

/** Conformance rules for test patterns, as a pattern's spec.conformance lists them. */
export const TEST_RULES: ConformanceRule[] = [
  {
    id: 'queue_has_dead_letter_queue',
    description:
      'Every queue sends messages it cannot process to a dead-letter queue',
    severity: 'high',
  },
  {
    id: 'queue_encrypted',
    description: 'Every queue encrypts its messages at rest',
    severity: 'medium',
  },
  {
    id: 'alarm_on_dead_letters',
    description: 'An alarm fires when the dead-letter queue is not empty',
    severity: 'low',
  },
];

/** A library pattern that carries the given conformance rules. */
export function patternWithRules(
  name: string,
  rules: ConformanceRule[] = TEST_RULES,
): ArchitecturePatternEntity {
  const pattern = libraryPattern(name);
  return {
    ...pattern,
    spec: {
      ...pattern.spec,
      conformance: {
        rules,
        guard: rules.map(rule => `rule ${rule.id} {\n  true\n}\n`).join('\n'),
      },
    },
  };
}

/** A library pattern without conformance rules. */
export function patternWithoutRules(name: string): ArchitecturePatternEntity {
  const pattern = libraryPattern(name);
  const { conformance: _ignored, ...spec } = pattern.spec;
  return { ...pattern, spec };
}

/** A conformance API that answers with the given results of any entity. */
export function conformanceApiWith(results: ConformanceResult[] = []) {
  return {
    getResults: jest.fn(async (entityRef: string) =>
      results.filter(result => result.entityRef === entityRef),
    ),
  };
}

/**
 * The same APIs as testApis, each as a pair of its ref and implementation: for
 * a catalog that is not a catalogApiMock (a recording wrapper, say) and for the
 * legacy TestApiProvider.
 */
export function testApiPairs(catalogApi: CatalogApi) {
  return [
    [catalogApiRef, catalogApi],
    [adoptionSummaryApiRef, adoptionSummaryApiFor(catalogApi)],
    [conformanceApiRef, conformanceApiWith()],
  ] as const;
}

/**
 * The APIs the plugin's pages need: the catalog, the adoption summary over
 * it and the conformance results.
 */
export function testApis(
  catalogApi: ReturnType<typeof createCatalogApi>,
  conformanceApi: ConformanceApi = conformanceApiWith(),
): [
  typeof catalogApi,
  readonly [typeof adoptionSummaryApiRef, AdoptionSummaryApi],
  readonly [typeof conformanceApiRef, ConformanceApi],
] {
  return [
    catalogApi,
    [adoptionSummaryApiRef, adoptionSummaryApiFor(catalogApi)],
    [conformanceApiRef, conformanceApi],
  ];
}
