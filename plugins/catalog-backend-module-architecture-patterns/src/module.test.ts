import { resolveTextPlaceholders } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  BackendFeature,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { AlphaEntity } from '@backstage/catalog-model/alpha';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogProcessingExtensionPoint,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { ANNOTATION_IMPLEMENTS_PATTERNS } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { catalogModuleArchitecturePatterns } from './module';

/*
 * Starts a real catalog backend with this module and feeds it entities from a
 * test entity provider, then watches the catalog over HTTP.
 *
 * Runs against SQLite always, and against PostgreSQL when a connection string
 * is set in BACKSTAGE_TEST_DATABASE_POSTGRES<version>_CONNECTION_STRING (for
 * example BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=
 * postgresql://postgres@127.0.0.1:5432). Docker is disabled, so no database
 * container is ever started, not even with CI=true.
 */
const databases = TestDatabases.create({ disableDocker: true });

const LIBRARY_DIR = path.join(
  path.dirname(
    require.resolve(
      '@platform-architecture/backstage-plugin-architecture-patterns-common/package.json',
    ),
  ),
  'library/patterns',
);

const LOCATION =
  'url:https://example.com/architecture-patterns/catalog-info.yaml';

function managed(entity: Entity): Entity {
  return {
    ...entity,
    metadata: {
      ...entity.metadata,
      annotations: {
        ...entity.metadata.annotations,
        'backstage.io/managed-by-location': LOCATION,
        'backstage.io/managed-by-origin-location': LOCATION,
      },
    },
  };
}

function libraryPattern(name: string): Entity {
  // As the catalog reads it: $text placeholders replaced by the files' text.
  return resolveTextPlaceholders(
    parse(fs.readFileSync(path.join(LIBRARY_DIR, `${name}.yaml`), 'utf8')),
    relative => fs.readFileSync(path.join(LIBRARY_DIR, relative), 'utf8'),
  ) as Entity;
}

function component(name: string, implementsPatterns?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      ...(implementsPatterns
        ? {
            annotations: {
              [ANNOTATION_IMPLEMENTS_PATTERNS]: implementsPatterns,
            },
          }
        : {}),
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/platform-team',
    },
  };
}

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'platform-team' },
  spec: { type: 'team', children: [] },
};

/** A library pattern under another name, with one field broken. */
function brokenPattern(name: string, breakIt: (spec: any) => void): Entity {
  const entity = libraryPattern('cqrs');
  entity.metadata.name = name;
  breakIt(entity.spec);
  return entity;
}

function entities(legacyBillingPatterns?: string): Entity[] {
  return [
    group,
    libraryPattern('cqrs'),
    libraryPattern('saga'),
    libraryPattern('strangler-fig'),
    brokenPattern('broken-pattern', spec => delete spec.level),
    brokenPattern('dangling-edge-pattern', spec => {
      spec.diagram.edges[0].to = 'nowhere';
    }),
    // Implements two existing patterns, by bare name and by full ref.
    component('orders-service', 'cqrs, architecturepattern:default/saga'),
    // Implements another pattern: must not match a cqrs relation filter.
    component('reporting-service', 'strangler-fig'),
    // New, and names a pattern that does not exist.
    component('new-billing', 'no-such-pattern'),
    // Added cleanly first; the unknown pattern is introduced later.
    component('legacy-billing', legacyBillingPatterns),
  ].map(managed);
}

type ProcessingError = { entityRef: string; messages: string[] };

/** A catalog module that provides the test entities and records errors. */
function createTestModule() {
  let connection: EntityProviderConnection | undefined;
  const processingErrors: ProcessingError[] = [];
  const module = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'architecture-patterns-test-provider',
    register({ registerInit }) {
      registerInit({
        deps: { processing: catalogProcessingExtensionPoint },
        async init({ processing }) {
          processing.setOnProcessingErrorHandler(event => {
            processingErrors.push({
              entityRef: stringifyEntityRef(event.unprocessedEntity),
              messages: event.errors.map(e => `${e.name}: ${e.message}`),
            });
          });
          processing.addEntityProvider({
            getProviderName: () => 'architecture-patterns-test',
            async connect(c) {
              connection = c;
            },
          });
        },
      });
    },
  });
  return {
    module,
    processingErrors,
    async applyFull(list: Entity[]) {
      if (!connection) {
        throw new Error('The test entity provider is not connected');
      }
      await connection.applyMutation({
        type: 'full',
        entities: list.map(entity => ({
          entity,
          locationKey: 'architecture-patterns-test',
        })),
      });
    },
  };
}

type TestModule = ReturnType<typeof createTestModule>;

/**
 * Starts a real catalog with this module and the test provider on the given
 * database. What the tests vary: how often the catalog processes everything
 * again, the kinds it allows, and extra features (e.g. the real scheduler in
 * place of the test backend's mock one).
 */
async function startCatalog(
  databaseId: TestDatabaseId,
  testModule: TestModule,
  options: {
    processingInterval: { seconds: number } | { minutes: number };
    allow: string[];
    features?: BackendFeature[];
  },
) {
  const knex = await databases.init(databaseId);
  return startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleArchitecturePatterns,
      testModule.module,
      mockServices.database.factory({ knex }),
      ...(options.features ?? []),
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            processingInterval: options.processingInterval,
            rules: [{ allow: options.allow }],
          },
        },
      }),
    ],
  });
}

/** Reads the catalog of a started backend over HTTP, as a user. */
function catalogOverHttp(backend: TestBackend) {
  const baseUrl = `http://localhost:${backend.server.port()}/api/catalog`;
  const headers = {
    Authorization: `Bearer ${mockCredentials.user.token()}`,
  };
  const get = async (pathAndQuery: string) => {
    const response = await fetch(`${baseUrl}${pathAndQuery}`, {
      headers,
    });
    return {
      status: response.status,
      body: response.ok ? await response.json() : undefined,
    };
  };
  return {
    /** The entity, or undefined while the catalog does not serve it. */
    async entity(ref: string): Promise<AlphaEntity | undefined> {
      const [kind, rest] = ref.split(':');
      const { status, body } = await get(`/entities/by-name/${kind}/${rest}`);
      return status === 200 ? body : undefined;
    },
    /** The entities matching a by-query filter. */
    async query(filter: string): Promise<Entity[]> {
      const params = new URLSearchParams({ filter });
      const { status, body } = await get(`/entities/by-query?${params}`);
      if (status !== 200) {
        throw new Error(`by-query answered ${status}`);
      }
      return body.items;
    },
  };
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 45_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) {
        return value;
      }
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out waiting for ${what}${lastError ? `: ${lastError}` : ''}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

const hasRelation = (entity: Entity, type: string, targetRef: string) =>
  (entity.relations ?? []).some(
    r => r.type === type && r.targetRef === targetRef,
  );

describe('catalogModuleArchitecturePatterns', () => {
  it.each(databases.eachSupportedId())(
    'records pattern adoption in a real catalog, on %p',
    async (databaseId: TestDatabaseId) => {
      const testModule = createTestModule();
      const backend = await startCatalog(databaseId, testModule, {
        processingInterval: { seconds: 1 },
        allow: ['Component', 'Group', 'ArchitecturePattern', 'Location'],
      });

      try {
        const { entity, query } = catalogOverHttp(backend);

        await testModule.applyFull(entities());

        // The good component gets the relation pair, for both patterns.
        const orders = await waitFor('orders-service relations', async () => {
          const e = await entity('component:default/orders-service');
          return e &&
            hasRelation(
              e,
              'implementsPattern',
              'architecturepattern:default/cqrs',
            ) &&
            hasRelation(
              e,
              'implementsPattern',
              'architecturepattern:default/saga',
            )
            ? e
            : undefined;
        });
        expect(orders.status?.items ?? []).toEqual([]);

        const cqrs = await waitFor('cqrs implementedBy', async () => {
          const e = await entity('architecturepattern:default/cqrs');
          return e &&
            hasRelation(e, 'implementedBy', 'component:default/orders-service')
            ? e
            : undefined;
        });
        expect(
          hasRelation(cqrs, 'ownedBy', 'group:default/platform-team'),
        ).toBe(true);
        expect(
          hasRelation(
            cqrs,
            'implementedBy',
            'component:default/reporting-service',
          ),
        ).toBe(false);

        await waitFor('saga implementedBy', async () => {
          const e = await entity('architecturepattern:default/saga');
          return e &&
            hasRelation(e, 'implementedBy', 'component:default/orders-service')
            ? e
            : undefined;
        });
        await waitFor('platform-team ownerOf cqrs', async () => {
          const e = await entity('group:default/platform-team');
          return e &&
            hasRelation(e, 'ownerOf', 'architecturepattern:default/cqrs')
            ? e
            : undefined;
        });
        await waitFor('reporting-service relations', async () => {
          const e = await entity('component:default/reporting-service');
          return e &&
            hasRelation(
              e,
              'implementsPattern',
              'architecturepattern:default/strangler-fig',
            )
            ? e
            : undefined;
        });

        // The relation filter runs in the catalog and returns only the good
        // component.
        const implementers = await query(
          'relations.implementsPattern=architecturepattern:default/cqrs',
        );
        expect(implementers.map(e => stringifyEntityRef(e))).toEqual([
          'component:default/orders-service',
        ]);
        expect(
          (
            await query(
              'kind=component,relations.implementsPattern=architecturepattern:default/strangler-fig',
            )
          ).map(e => e.metadata.name),
        ).toEqual(['reporting-service']);
        expect(
          (await query('kind=architecturepattern'))
            .map(e => e.metadata.name)
            .sort(),
        ).toEqual(['cqrs', 'saga', 'strangler-fig']);

        // A new component naming an unknown pattern fails processing: the
        // error names the pattern, and the catalog does not publish it.
        const newBillingError = await waitFor(
          'the processing error of new-billing',
          async () =>
            testModule.processingErrors.find(
              e => e.entityRef === 'component:default/new-billing',
            ),
        );
        expect(newBillingError.messages).toEqual([
          'InputError: component:default/new-billing declares that it implements the unknown architecture pattern "architecturepattern:default/no-such-pattern"',
        ]);
        expect(await entity('component:default/new-billing')).toBeUndefined();

        // Invalid patterns are rejected with an error naming the field and
        // stay out of the catalog, while everything else works.
        const broken = await waitFor('the error of broken-pattern', async () =>
          testModule.processingErrors.find(
            e => e.entityRef === 'architecturepattern:default/broken-pattern',
          ),
        );
        expect(broken.messages.join('\n')).toMatch(
          /must have required property 'level'/,
        );
        const dangling = await waitFor(
          'the error of dangling-edge-pattern',
          async () =>
            testModule.processingErrors.find(
              e =>
                e.entityRef ===
                'architecturepattern:default/dangling-edge-pattern',
            ),
        );
        expect(dangling.messages.join('\n')).toContain(
          'spec.diagram.edges[0].to "nowhere" is not a node id',
        );
        expect(
          await entity('architecturepattern:default/broken-pattern'),
        ).toBeUndefined();
        expect(
          await entity('architecturepattern:default/dangling-edge-pattern'),
        ).toBeUndefined();

        // An existing component that starts naming an unknown pattern keeps
        // its last good state, with the error in status.items.
        await waitFor('legacy-billing', () =>
          entity('component:default/legacy-billing'),
        );
        await testModule.applyFull(entities('no-such-pattern'));
        const legacy = await waitFor(
          'the status of legacy-billing',
          async () => {
            const e = await entity('component:default/legacy-billing');
            return e?.status?.items?.length ? e : undefined;
          },
        );
        expect(legacy.status!.items).toEqual([
          expect.objectContaining({
            type: 'backstage.io/catalog-processing',
            level: 'error',
            message:
              'InputError: component:default/legacy-billing declares that it implements the unknown architecture pattern "architecturepattern:default/no-such-pattern"',
          }),
        ]);
        expect(
          (legacy.relations ?? []).filter(r => r.type === 'implementsPattern'),
        ).toEqual([]);

        // The filter still returns only the good component.
        expect(
          (
            await query(
              'relations.implementsPattern=architecturepattern:default/cqrs',
            )
          ).map(e => e.metadata.name),
        ).toEqual(['orders-service']);
      } finally {
        await backend.stop();
      }
    },
    60_000,
  );
});

describe('an entity that names a pattern before the catalog has it', () => {
  it.each(databases.eachSupportedId())(
    'gets its relations once the pattern arrives, long before its next scheduled processing, on %p',
    async (databaseId: TestDatabaseId) => {
      const testModule = createTestModule();
      const backend = await startCatalog(databaseId, testModule, {
        // Nothing is processed again on schedule during the test.
        processingInterval: { minutes: 30 },
        allow: ['Component', 'Group', 'ArchitecturePattern'],
        // The real scheduler: the module's refresher runs on its schedule.
        features: [schedulerServiceFactory],
      });
      try {
        const early = component('early-adopter', 'cqrs');
        await testModule.applyFull([group, early].map(managed));
        await waitFor('the error of early-adopter', async () =>
          testModule.processingErrors.find(
            e => e.entityRef === 'component:default/early-adopter',
          ),
        );

        // The same entities and the pattern: early-adopter itself is unchanged.
        await testModule.applyFull(
          [group, early, libraryPattern('cqrs')].map(managed),
        );
        const { entity } = catalogOverHttp(backend);
        const adopter = await waitFor(
          'the relations of early-adopter',
          async () => {
            const e = await entity('component:default/early-adopter');
            return e &&
              hasRelation(
                e,
                'implementsPattern',
                'architecturepattern:default/cqrs',
              )
              ? e
              : undefined;
          },
        );
        expect(adopter.metadata.name).toBe('early-adopter');
      } finally {
        await backend.stop();
      }
    },
    60_000,
  );
});
