'use strict';
/**
 * CloudFormation custom resource (Lambda-backed, no provider framework) that applies the
 * tenant-isolation SQL shipped next to this file (sql/*.sql) through the RDS Data API.
 *
 * ResourceProperties:
 *   IsolationModel: 'pool' | 'bridge' | 'silo'
 *   Database:       database name
 *   Targets:        [{ ClusterArn, SecretArn, ApiSecretArn, Tenants: [tenantId, ...] }]
 *                   SecretArn is the master secret (used here only); ApiSecretArn holds the
 *                   handler's tenant_api login, whose password this migration sets.
 *   SqlSha256:      hash of the SQL files (a change re-runs the idempotent migration)
 *
 * pool/silo: common.sql + pool.sql (shared schema `app`, tenant_id column + RLS)
 * bridge:    common.sql + bridge.sql, then control.provision_tenant(tenant) for every listed tenant
 * Delete is a no-op: tenant data is never dropped by a stack operation.
 */
const fs = require('fs');
const https = require('https');
const path = require('path');
const {
  RDSDataClient,
  ExecuteStatementCommand,
} = require('@aws-sdk/client-rds-data');

const {
  SecretsManagerClient,
  GetSecretValueCommand,
} = require('@aws-sdk/client-secrets-manager');

const rds = new RDSDataClient({});
const secrets = new SecretsManagerClient({});
const API_DATABASE_USER = 'tenant_api';
const RETRYABLE = new Set([
  'DatabaseResumingException',
  'StatementTimeoutException',
  'ServiceUnavailableError',
  'InternalServerErrorException',
]);

/**
 * Splits a PostgreSQL script into statements on top-level semicolons, honouring
 * -- and block comments, 'single' quotes, "identifiers" and $tag$ dollar quotes.
 */
function splitSql(sql) {
  const statements = [];
  let current = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    const next = sql[i + 1];
    if (ch === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end + 1;
      current += '\n';
      continue;
    }
    if (ch === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end === -1) throw new Error('unterminated block comment');
      i = end + 2;
      current += ' ';
      continue;
    }
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      for (;;) {
        if (j >= sql.length)
          throw new Error(
            `unterminated ${ch === "'" ? 'string' : 'identifier'}`,
          );
        if (sql[j] === ch) {
          if (sql[j + 1] === ch) {
            j += 2;
            continue;
          }
          break;
        }
        j++;
      }
      current += sql.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '$') {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      if (m) {
        const tag = m[0];
        const end = sql.indexOf(tag, i + tag.length);
        if (end === -1) throw new Error(`unterminated dollar quote ${tag}`);
        current += sql.slice(i, end + tag.length);
        i = end + tag.length;
        continue;
      }
    }
    if (ch === ';') {
      if (current.trim()) statements.push(current.trim());
      current = '';
      i++;
      continue;
    }
    current += ch;
    i++;
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}

function scriptsFor(isolationModel) {
  const files =
    isolationModel === 'bridge'
      ? ['common.sql', 'bridge.sql']
      : ['common.sql', 'pool.sql'];
  return files.map(f =>
    fs.readFileSync(path.join(__dirname, 'sql', f), 'utf8'),
  );
}

async function execute(target, database, sql, parameters) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await rds.send(
        new ExecuteStatementCommand({
          resourceArn: target.ClusterArn,
          secretArn: target.SecretArn,
          database,
          sql,
          parameters,
        }),
      );
    } catch (err) {
      if (attempt >= 6 || !RETRYABLE.has(err.name)) throw err;
      await new Promise(r =>
        setTimeout(r, Math.min(30000, 1000 * 2 ** attempt)),
      );
    }
  }
}

/**
 * `ALTER ROLE tenant_api ... PASSWORD '<from the handler's secret>'`. Utility statements take no
 * bind parameters, so the password is a quoted literal; it is rejected unless it is printable
 * ASCII without quotes or backslashes (the generated secrets exclude those characters).
 */
async function apiLoginStatement(apiSecretArn) {
  const res = await secrets.send(
    new GetSecretValueCommand({ SecretId: apiSecretArn }),
  );
  const value = JSON.parse(res.SecretString || '{}');
  if (value.username !== API_DATABASE_USER) {
    throw new Error(
      `the API database secret must be for user ${API_DATABASE_USER}`,
    );
  }
  if (
    typeof value.password !== 'string' ||
    !/^[\x21-\x7e]{16,128}$/.test(value.password) ||
    /['\\]/.test(value.password)
  ) {
    throw new Error(
      'the API database password must be 16-128 printable ASCII characters without quotes or backslashes',
    );
  }
  return `ALTER ROLE ${API_DATABASE_USER} WITH LOGIN PASSWORD '${value.password}'`;
}

async function migrate(props) {
  const isolationModel = props.IsolationModel;
  const scripts = scriptsFor(isolationModel);
  let executed = 0;
  for (const target of props.Targets || []) {
    for (const script of scripts) {
      for (const statement of splitSql(script)) {
        await execute(target, props.Database, statement);
        executed++;
      }
    }
    if (target.ApiSecretArn) {
      await execute(
        target,
        props.Database,
        await apiLoginStatement(target.ApiSecretArn),
      );
      executed++;
    }
    if (isolationModel === 'bridge') {
      for (const tenantId of target.Tenants || []) {
        await execute(
          target,
          props.Database,
          'SELECT control.provision_tenant(:tenant_id)',
          [{ name: 'tenant_id', value: { stringValue: tenantId } }],
        );
        executed++;
      }
    }
  }
  return executed;
}

function sendResponse(event, response) {
  const body = JSON.stringify(response);
  const url = new URL(event.ResponseURL);
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        hostname: url.hostname,
        port: 443,
        path: `${url.pathname}${url.search}`,
        method: 'PUT',
        headers: {
          'content-type': '',
          'content-length': Buffer.byteLength(body),
        },
      },
      res => {
        res.on('data', () => undefined);
        res.on('end', resolve);
      },
    );
    req.on('error', reject);
    req.write(body);
    req.end();
  });
}

exports.splitSql = splitSql;
exports.handler = async event => {
  const response = {
    Status: 'SUCCESS',
    Reason: 'OK',
    PhysicalResourceId:
      event.PhysicalResourceId ||
      `tenant-isolation-migration-${event.LogicalResourceId}`,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: {},
  };
  try {
    if (event.RequestType === 'Create' || event.RequestType === 'Update') {
      const executed = await migrate(event.ResourceProperties);
      response.Data = { StatementsExecuted: executed };
      console.log(
        JSON.stringify({
          level: 'INFO',
          message: 'migration applied',
          executed,
        }),
      );
    }
  } catch (err) {
    console.error(
      JSON.stringify({
        level: 'ERROR',
        message: 'migration failed',
        error: err.message,
      }),
    );
    response.Status = 'FAILED';
    response.Reason = `Migration failed: ${String(err.message).slice(0, 400)}`;
  }
  await sendResponse(event, response);
  return response;
};
