import {
  BeginTransactionCommand,
  CommitTransactionCommand,
  ExecuteStatementCommand,
  RDSDataClient,
  RollbackTransactionCommand,
  SqlParameter,
} from '@aws-sdk/client-rds-data';
import type { PGlite } from '@electric-sql/pglite';
import { AwsClientStub } from 'aws-sdk-client-mock';

/**
 * Backs a mocked RDS Data API client with a real (in-process, WebAssembly) PostgreSQL
 * (PGlite), so handler and migration code run their actual SQL - including row-level
 * security - offline. Named `:params` are rewritten to positional `$n` (casts `::type` kept).
 *
 * PGlite is a single connection, so transactions are serialised: enough for unit tests.
 */
export function backDataApiWithPglite(
  rds: AwsClientStub<RDSDataClient>,
  db: PGlite,
): { statements: string[] } {
  const statements: string[] = [];
  let tx = 0;
  rds.on(BeginTransactionCommand).callsFake(async () => {
    await db.exec('BEGIN');
    return { transactionId: `tx-${++tx}` };
  });
  rds.on(CommitTransactionCommand).callsFake(async () => {
    await db.exec('COMMIT');
    return { transactionStatus: 'Transaction Committed' };
  });
  rds.on(RollbackTransactionCommand).callsFake(async () => {
    await db.exec('ROLLBACK');
    return { transactionStatus: 'Rollback Complete' };
  });
  rds
    .on(ExecuteStatementCommand)
    .callsFake(async (input: { sql: string; parameters?: SqlParameter[] }) => {
      statements.push(input.sql);
      const names: string[] = [];
      const sql = input.sql.replace(
        /(?<!:):([A-Za-z_][A-Za-z0-9_]*)/g,
        (_m, name: string) => {
          let i = names.indexOf(name);
          if (i < 0) {
            names.push(name);
            i = names.length - 1;
          }
          return `$${i + 1}`;
        },
      );
      const values = names.map(name => {
        const p = (input.parameters ?? []).find(x => x.name === name);
        if (!p) throw new Error(`missing SQL parameter :${name}`);
        const v = p.value as any;
        return (
          v.stringValue ??
          v.longValue ??
          v.doubleValue ??
          v.booleanValue ??
          null
        );
      });
      const res =
        values.length > 0
          ? await db.query(sql, values)
          : (await db.exec(sql)).slice(-1)[0];
      return {
        formattedRecords: JSON.stringify(res?.rows ?? []),
        numberOfRecordsUpdated: res?.affectedRows ?? 0,
      };
    });
  return { statements };
}
