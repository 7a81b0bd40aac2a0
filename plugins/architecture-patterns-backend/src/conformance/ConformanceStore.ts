import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type {
  ConformanceResult,
  ConformanceStatus,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import type { Knex } from 'knex';

const TABLE = 'conformance_results';

type Row = {
  entity_ref: string;
  pattern_ref: string;
  status: string;
  failing_rules: string;
  reason: string | null;
  commit: string | null;
  source: string;
  checked_at: string;
  updated_at_ms: string | number;
};

/** A verdict as the catalog module reads it to label entities. */
export type ConformanceStatusChange = {
  entityRef: string;
  patternRef: string;
  status: ConformanceStatus;
  updatedAtMs: number;
};

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

function toResult(row: Row): ConformanceResult {
  return {
    entityRef: row.entity_ref,
    patternRef: row.pattern_ref,
    status: row.status as ConformanceStatus,
    failingRules: JSON.parse(row.failing_rules),
    ...(row.reason ? { reason: row.reason } : {}),
    ...(row.commit ? { commit: row.commit } : {}),
    checkedAt: row.checked_at,
    source: row.source as ConformanceResult['source'],
  };
}

/** The latest conformance verdict per entity and pattern, in the plugin's database. */
export class ConformanceStore {
  static async create(database: DatabaseService): Promise<ConformanceStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await knex.migrate.latest({
        directory: resolvePackagePath(
          '@platform-architecture/backstage-plugin-architecture-patterns-backend',
          'migrations',
        ),
      });
    }
    return new ConformanceStore(knex);
  }

  private constructor(
    private readonly knex: Knex,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a verdict, replacing the previous one of the same entity and pattern. */
  async record(result: ConformanceResult): Promise<void> {
    const row: Row = {
      entity_ref: lower(result.entityRef),
      pattern_ref: lower(result.patternRef),
      status: result.status,
      failing_rules: JSON.stringify(result.failingRules),
      reason: result.reason ?? null,
      commit: result.commit ?? null,
      source: result.source,
      checked_at: result.checkedAt,
      updated_at_ms: this.now(),
    };
    await this.knex<Row>(TABLE)
      .insert(row)
      .onConflict(['entity_ref', 'pattern_ref'])
      .merge();
  }

  /** Every verdict on one entity. */
  async resultsFor(entityRef: string): Promise<ConformanceResult[]> {
    const rows = await this.knex<Row>(TABLE)
      .where({ entity_ref: lower(entityRef) })
      .orderBy('pattern_ref');
    return rows.map(toResult);
  }

  /** Verdicts changed at or after `sinceMs`, oldest first, at most `limit`. */
  async changesSince(
    sinceMs: number,
    limit: number,
  ): Promise<ConformanceStatusChange[]> {
    const rows = await this.knex<Row>(TABLE)
      .where('updated_at_ms', '>=', sinceMs)
      .orderBy('updated_at_ms')
      .limit(limit);
    return rows.map(row => ({
      entityRef: row.entity_ref,
      patternRef: row.pattern_ref,
      status: row.status as ConformanceStatus,
      updatedAtMs: Number(row.updated_at_ms),
    }));
  }
}
