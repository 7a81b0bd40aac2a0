import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  EventParams,
  EventsService,
  EventsServiceSubscribeOptions,
} from '@backstage/plugin-events-node';
import {
  resolveTextPlaceholders,
  type ArchitecturePatternEntity,
  type DecisionGuideEntity,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';

/** The pattern library shipped with the common package. */
export const PATTERN_LIBRARY_DIR = resolvePackagePath(
  '@platform-architecture/backstage-plugin-architecture-patterns-common',
  'library/patterns',
);

/** The CDK pattern construct library of this repository. */
export const CONSTRUCT_LIBRARY_DIR = path.resolve(
  __dirname,
  '../../../../packages/cdk-pattern-constructs',
);

let libraryPatterns: ArchitecturePatternEntity[] | undefined;

/** Every pattern of the library, as the catalog would return it. */
export function loadLibraryPatterns(): ArchitecturePatternEntity[] {
  libraryPatterns ??= readLibraryPatterns();
  return structuredClone(libraryPatterns);
}

function readLibraryPatterns(): ArchitecturePatternEntity[] {
  return fs
    .readdirSync(PATTERN_LIBRARY_DIR)
    .filter(file => file.endsWith('.yaml'))
    .sort()
    .map(file => {
      // As the catalog reads it: $text placeholders replaced by the files' text.
      const entity = resolveTextPlaceholders(
        parse(fs.readFileSync(path.join(PATTERN_LIBRARY_DIR, file), 'utf8')),
        relative =>
          fs.readFileSync(path.join(PATTERN_LIBRARY_DIR, relative), 'utf8'),
      ) as ArchitecturePatternEntity;
      return {
        ...entity,
        metadata: { ...entity.metadata, namespace: 'default' },
      };
    });
}

/** The decision guides shipped with the common package. */
export function loadLibraryGuides(): DecisionGuideEntity[] {
  const dir = resolvePackagePath(
    '@platform-architecture/backstage-plugin-architecture-patterns-common',
    'library/guides',
  );
  return fs
    .readdirSync(dir)
    .filter(file => file.endsWith('.yaml'))
    .sort()
    .map(file => {
      const entity = parse(fs.readFileSync(path.join(dir, file), 'utf8'));
      return {
        ...entity,
        metadata: { ...entity.metadata, namespace: 'default' },
      };
    });
}

/** A fake catalog holding the library patterns, plus any other entities. */
export function createPatternCatalog(
  others: Array<ArchitecturePatternEntity | DecisionGuideEntity> = [],
) {
  const catalog = catalogServiceMock({
    entities: [...loadLibraryPatterns(), ...others],
  });
  jest.spyOn(catalog, 'getEntityByRef');
  return catalog;
}

/** The first step of an action example, parsed from its YAML. */
export function parseExampleStep(example: string): {
  id: string;
  action: string;
  name: string;
  input: Record<string, unknown>;
} {
  const { steps } = parse(example);
  expect(steps).toHaveLength(1);
  return steps[0];
}

/** An EventsService whose methods are jest mocks. */
export function createEventsServiceMock(): jest.Mocked<EventsService> {
  return {
    publish: jest.fn(async (_params: EventParams) => {}),
    subscribe: jest.fn(async (_options: EventsServiceSubscribeOptions) => {}),
  };
}
