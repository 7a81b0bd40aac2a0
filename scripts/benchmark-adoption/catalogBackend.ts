/*
 * Starts a real catalog backend in this process (startTestBackend with
 * @backstage/plugin-catalog-backend and, optionally, the architecture
 * patterns module) on SQLite in memory or on a fresh PostgreSQL database, and
 * gives the benchmark a way to feed it entities and to watch it work.
 */
import { performance } from 'node:perf_hooks';
import knexFactory, { Knex } from 'knex';
import {
  BackendFeature,
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  CatalogProcessor,
  catalogProcessingExtensionPoint,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import architecturePatternsModule from '@platform-architecture/backstage-plugin-catalog-backend-module-architecture-patterns';
import architecturePatternsBackend from '@platform-architecture/backstage-plugin-architecture-patterns-backend';
import { LOCATION_KEY } from './dataset';

export type DatabaseKind = 'sqlite' | 'pg';

export interface DatabaseTarget {
  kind: DatabaseKind;
  /** PostgreSQL only: the database this backend uses. */
  pgDatabase?: string;
  /** PostgreSQL only: server URL without a database. */
  pgUrl?: string;
}

/**
 * Records when the processing engine starts the first component and ends the
 * last one: the processing window without the provider write before it and
 * the stitching after it.
 */
class TimingProcessor implements CatalogProcessor {
  first?: number;
  last?: number;
  processed = 0;

  getProcessorName() {
    return 'BenchmarkTimingProcessor';
  }

  async preProcessEntity(entity: Entity): Promise<Entity> {
    if (entity.kind === 'Component') {
      this.first ??= performance.now();
    }
    return entity;
  }

  async postProcessEntity(entity: Entity): Promise<Entity> {
    if (entity.kind === 'Component') {
      this.last = performance.now();
      this.processed += 1;
    }
    return entity;
  }

  reset() {
    this.first = undefined;
    this.last = undefined;
    this.processed = 0;
  }
}

export interface ProcessingError {
  entityRef: string;
  messages: string[];
}

export interface BenchBackend {
  port: number;
  token: string;
  baseUrl: string;
  /** Base URL of the architecture-patterns backend plugin (main runs). */
  summaryBaseUrl: string;
  /** The catalog plugin's own database client (read-only use). */
  knex: Knex;
  timing: TimingProcessor;
  errors: ProcessingError[];
  applyFull(entities: Entity[]): Promise<void>;
  /** Rows waiting in the deferred stitching queue. */
  pendingStitches(): Promise<number>;
  /** PostgreSQL: the server's autovacuum setting ('on' / 'off'); undefined on SQLite. */
  autovacuum(): Promise<string | undefined>;
  /** PostgreSQL: ANALYZE (or VACUUM ANALYZE) the catalog's tables; no-op on SQLite. */
  analyze(vacuum: boolean): Promise<void>;
  stop(): Promise<void>;
}

/** A catalog module with a test entity provider, a timing processor and an error recorder. */
function createBenchModule() {
  let connection: EntityProviderConnection | undefined;
  let knex: Knex | undefined;
  const timing = new TimingProcessor();
  const errors: ProcessingError[] = [];
  const module = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'benchmark-adoption',
    register({ registerInit }) {
      registerInit({
        deps: {
          processing: catalogProcessingExtensionPoint,
          database: coreServices.database,
        },
        async init({ processing, database }) {
          // The same client the catalog uses: the database service caches one
          // per plugin, which matters for SQLite in memory.
          knex = await database.getClient();
          processing.addProcessor(timing);
          processing.setOnProcessingErrorHandler(event => {
            errors.push({
              entityRef: stringifyEntityRef(event.unprocessedEntity),
              messages: event.errors.map(e => `${e.name}: ${e.message}`),
            });
          });
          processing.addEntityProvider({
            getProviderName: () => 'benchmark-adoption',
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
    timing,
    errors,
    getKnex: () => {
      if (!knex) throw new Error('The benchmark module did not start');
      return knex;
    },
    async applyFull(entities: Entity[]) {
      if (!connection) {
        throw new Error('The benchmark entity provider is not connected');
      }
      await connection.applyMutation({
        type: 'full',
        entities: entities.map(entity => ({
          entity,
          locationKey: LOCATION_KEY,
        })),
      });
    },
  };
}

function databaseConfig(target: DatabaseTarget) {
  if (target.kind === 'sqlite') {
    return { client: 'better-sqlite3', connection: ':memory:' };
  }
  return {
    client: 'pg',
    connection: target.pgUrl!,
    // Every benchmark backend gets its own fresh database.
    plugin: { catalog: { connection: { database: target.pgDatabase! } } },
  };
}

export async function startCatalog(options: {
  database: DatabaseTarget;
  withModule: boolean;
  logLevel: 'none' | 'error' | 'warn' | 'info' | 'debug';
  /** Replaces the architecture patterns module (for experiments). */
  patternsModule?: BackendFeature;
  /** Adds the architecture-patterns backend plugin, which serves the adoption summary. */
  adoptionSummaries?: boolean;
}): Promise<BenchBackend> {
  const bench = createBenchModule();
  const kinds = ['Component', 'System', 'Group', 'Resource', 'Location'];
  if (options.withModule) kinds.push('ArchitecturePattern');
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      ...(options.withModule
        ? [options.patternsModule ?? architecturePatternsModule]
        : []),
      ...(options.adoptionSummaries ? [architecturePatternsBackend] : []),
      bench.module,
      mockServices.rootLogger.factory({ level: options.logLevel }),
      mockServices.rootConfig.factory({
        data: {
          backend: { database: databaseConfig(options.database) },
          catalog: {
            // Every entity is processed once, when it arrives, and not again
            // while the queries are measured.
            processingInterval: { hours: 24 },
            rules: [{ allow: kinds }],
          },
        },
      }),
    ],
  });
  const port = backend.server.port();
  const baseUrl = `http://localhost:${port}/api/catalog`;
  const knex = bench.getKnex();
  return {
    port,
    token: mockCredentials.user.token(),
    baseUrl,
    summaryBaseUrl: `http://localhost:${port}/api/architecture-patterns`,
    knex,
    timing: bench.timing,
    errors: bench.errors,
    applyFull: bench.applyFull,
    async pendingStitches() {
      const [{ count }] = await knex('stitch_queue').count({ count: '*' });
      return Number(count);
    },
    async autovacuum() {
      if (options.database.kind !== 'pg') return undefined;
      const { rows } = await knex.raw('SHOW autovacuum');
      return String(rows[0].autovacuum);
    },
    async analyze(vacuum: boolean) {
      if (options.database.kind !== 'pg') return;
      await knex.raw(vacuum ? 'VACUUM ANALYZE' : 'ANALYZE');
    },
    async stop() {
      await backend.stop();
      // The database service leaves the catalog's pool open on shutdown;
      // close it, so a dropped PostgreSQL database has no clients left and
      // an in-memory SQLite database is freed.
      await knex.destroy().catch(() => {});
    },
  };
}

/** Creates and drops the fresh PostgreSQL databases of a run. */
export class PgDatabases {
  private readonly admin: Knex;
  private readonly created = new Set<string>();

  constructor(readonly url: string) {
    const admin = new URL(url);
    admin.pathname = '/postgres';
    this.admin = knexFactory({
      client: 'pg',
      connection: admin.toString(),
      pool: { min: 0, max: 1 },
    });
  }

  async create(name: string): Promise<DatabaseTarget> {
    await this.admin.raw('CREATE DATABASE ??', [name]);
    this.created.add(name);
    return { kind: 'pg', pgUrl: this.url, pgDatabase: name };
  }

  async drop(name: string) {
    await this.admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
    this.created.delete(name);
  }

  /** Keeps a database: dropAll leaves it alone. */
  forget(name: string) {
    this.created.delete(name);
  }

  async dropAll() {
    for (const name of [...this.created]) {
      await this.drop(name).catch(e =>
        console.error(`Could not drop database ${name}: ${e}`),
      );
    }
  }

  async close() {
    await this.admin.destroy();
  }
}
