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
 *
 * `loginRoles` maps a secret ARN to the database role that secret logs in as: a transaction
 * begun with that secret runs as that role (`SET SESSION AUTHORIZATION`, switched back when the
 * transaction ends), as a Data API
 * connection made with the role's own credentials would. Other secrets run as PGlite's superuser.
 */
export function backDataApiWithPglite(
  rds: AwsClientStub<RDSDataClient>,
  db: PGlite,
  loginRoles: Record<string, string> = {},
): { statements: string[] } {
  const statements: string[] = [];
  let tx = 0;
  // PGlite undoes neither SET LOCAL nor RESET SESSION AUTHORIZATION: switch back by name.
  let loggedOutAs: string | undefined;
  const logOut = async () => {
    if (loggedOutAs) {
      await db.exec(`SET SESSION AUTHORIZATION ${loggedOutAs}`);
      loggedOutAs = undefined;
    }
  };
  rds
    .on(BeginTransactionCommand)
    .callsFake(async (input: { secretArn?: string }) => {
      await db.exec('BEGIN');
      const role = loginRoles[input.secretArn ?? ''];
      if (role) {
        if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error('bad role');
        loggedOutAs = (
          await db.query<{ u: string }>('SELECT session_user AS u')
        ).rows[0].u;
        await db.exec(`SET SESSION AUTHORIZATION ${role}`);
      }
      return { transactionId: `tx-${++tx}` };
    });
  rds.on(CommitTransactionCommand).callsFake(async () => {
    await db.exec('COMMIT');
    await logOut();
    return { transactionStatus: 'Transaction Committed' };
  });
  rds.on(RollbackTransactionCommand).callsFake(async () => {
    await db.exec('ROLLBACK');
    await logOut();
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
