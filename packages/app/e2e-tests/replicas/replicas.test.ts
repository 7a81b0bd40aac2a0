import { test, expect, Page } from '@playwright/test';
// The end-to-end tests run in Node (Playwright), not in the browser: they
// read the replicas' logs and state that scripts/e2e-replicas.mjs wrote.
// eslint-disable-next-line no-restricted-imports
import { existsSync, readFileSync } from 'fs';
// eslint-disable-next-line no-restricted-imports
import { join } from 'path';
import { Client } from 'pg';
import { expectSignedIn, signInWithOidc } from '../production/oidcSignIn';

/** What scripts/e2e-replicas.mjs started. */
type State = {
  replicas: Array<{ name: string; port: number; pid: number }>;
  databasePrefix: string;
  baseUrl: string;
};
const stateDir = join(__dirname, '../../../../.cache/replicas');
const state = (): State =>
  JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8'));
const log = (name: string) =>
  readFileSync(join(stateDir, `${name}.log`), 'utf8');

async function query(database: string, sql: string) {
  const client = new Client({
    host: '127.0.0.1',
    port: 5432,
    user: 'postgres',
    database,
  });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

async function signedInToken(page: Page, login: string) {
  await signInWithOidc(page, login);
  await expectSignedIn(page);
  return page.evaluate(async () => {
    const response = await fetch('/api/auth/oidc/refresh?env=production', {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
      credentials: 'include',
    });
    return (await response.json()).backstageIdentity.token as string;
  });
}

test.describe('two backend replicas on one PostgreSQL and Redis', () => {
  test('both replicas serve the portal behind one address', async ({
    request,
  }) => {
    const served = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const response = await request.get('/.backstage/health/v1/readiness');
      expect(response.status()).toBe(200);
      served.add(response.headers()['x-replica']);
    }
    expect([...served].sort()).toEqual(['replica-a', 'replica-b']);
  });

  test('a user signs in through either replica and the other accepts the token; the adoption summary is shared', async ({
    page,
    request,
  }) => {
    const token = await signedInToken(page, 'ada');
    const summaries = [];
    for (const { port } of state().replicas) {
      const response = await request.get(
        `http://localhost:${port}/api/architecture-patterns/adoption/summary`,
        { headers: { Authorization: `Bearer ${token}` } },
      );
      expect(response.status()).toBe(200);
      summaries.push(await response.json());
    }
    // One summary in Redis: both replicas answer the same computation.
    expect(summaries[1].computedAt).toBe(summaries[0].computedAt);
    expect(summaries[1].facets).toEqual(summaries[0].facets);
  });

  test('the scheduled adoption recount runs once per interval across the two, not on each', async () => {
    const { replicas, databasePrefix } = state();
    const count = () =>
      replicas.map(
        r =>
          log(r.name).split('Recounted the shared adoption summary').length - 1,
      );
    const before = count();
    // The recount runs every 5 s: 20 s are about 4 intervals.
    await new Promise(r => setTimeout(r, 20_000));
    const after = count();
    const runs = after.reduce((sum, n, i) => sum + n - before[i], 0);
    // Global scheduling: about 4 runs in all; run on each replica it
    // would be about 8.
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(runs).toBeLessThanOrEqual(5);
    // The task is registered in the shared database, where the replicas
    // take turns holding its lock.
    const tasks = await query(
      `${databasePrefix}architecture-patterns`,
      "select id from backstage_backend_tasks__tasks where id like '%adoption-summary-refresh%'",
    );
    expect(tasks).toHaveLength(1);
  });

  test('search runs on the PostgreSQL engine', async ({ page, request }) => {
    const token = await signedInToken(page, 'grace');
    const response = await request.get('/api/search/query?term=order', {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(response.status()).toBe(200);
    const [{ documents }] = await query(
      `${state().databasePrefix}search`,
      "select to_regclass('documents')::text as documents",
    );
    expect(documents).toBe('documents');
  });

  test('a scaffolder task is executed by exactly one replica, and publishing is checked against the owner', async ({
    page,
    request,
  }) => {
    test.setTimeout(300_000);
    const token = await signedInToken(page, 'grace');
    const headers = { Authorization: `Bearer ${token}` };
    const values = {
      name: `replica-${Date.now().toString(36)}`,
      description: 'Accepts orders and processes them asynchronously',
      owner: 'group:default/orders-team',
      system: 'system:default/checkout',
      context: 'Two replicas share the task queue.',
      queueType: 'standard',
      maxReceiveCount: 3,
      enableEventBridge: true,
      enableFanOut: true,
      publishTarget: 'local',
    };
    const run = async (taskValues: object) => {
      const created = await request.post('/api/scaffolder/v2/tasks', {
        headers,
        data: {
          templateRef: 'template:default/event-driven-service',
          values: taskValues,
        },
      });
      expect(created.status()).toBe(201);
      const { id } = await created.json();
      let status = 'open';
      for (
        let i = 0;
        i < 120 && !['completed', 'failed'].includes(status);
        i++
      ) {
        await new Promise(r => setTimeout(r, 2000));
        const task = await request.get(`/api/scaffolder/v2/tasks/${id}`, {
          headers,
        });
        status = (await task.json()).status;
      }
      const events = await (
        await request.get(`/api/scaffolder/v2/tasks/${id}/events`, { headers })
      ).json();
      return {
        id,
        status,
        events: events as Array<{ type: string; body: any }>,
      };
    };

    const firstStepLogs = () =>
      state().replicas.map(
        r => log(r.name).split('Template input is valid').length - 1,
      );
    const before = firstStepLogs();

    // grace (orders team) publishes a service her team owns.
    const own = await run(values);
    expect(own.status).toBe('completed');
    // Each step ran once: two replicas working on the task would log the
    // first step's result twice and complete twice.
    const messages = own.events.map(e => e.body?.message ?? '');
    expect(
      messages.filter(m => m.includes('Template input is valid')),
    ).toHaveLength(1);
    expect(own.events.filter(e => e.type === 'completion')).toHaveLength(1);
    // The replica that claimed the task logs its steps; the other none.
    const ran = firstStepLogs().map((n, i) => n - before[i]);
    expect(ran.sort()).toEqual([0, 1]);

    // ...but not one owned by another team: refused before any side effect.
    const other = await run({
      ...values,
      name: `${values.name}-other`,
      owner: 'group:default/payments-team',
    });
    expect(other.status).toBe('failed');
    expect(JSON.stringify(other.events)).toContain(
      'you may not publish a service owned by group:default/payments-team',
    );
  });

  // Last: it stops a replica.
  test('stopping the replica that runs a task leaves the other serving, and the task completes or fails cleanly', async ({
    page,
    request,
  }) => {
    test.setTimeout(300_000);
    const { replicas } = state();
    const token = await signedInToken(page, 'grace');
    const headers = { Authorization: `Bearer ${token}` };
    const name = `replica-stop-${Date.now().toString(36)}`;
    const firstStepLogs = () =>
      replicas.map(
        r => log(r.name).split('Template input is valid').length - 1,
      );
    const before = firstStepLogs();
    const created = await request.post('/api/scaffolder/v2/tasks', {
      headers,
      data: {
        templateRef: 'template:default/event-driven-service',
        values: {
          name,
          description: 'Accepts orders and processes them asynchronously',
          owner: 'group:default/orders-team',
          system: 'system:default/checkout',
          context: 'One replica stops while it runs this task.',
          queueType: 'standard',
          maxReceiveCount: 3,
          enableEventBridge: true,
          enableFanOut: true,
          publishTarget: 'local',
        },
      },
    });
    expect(created.status()).toBe(201);
    const { id } = await created.json();

    // Stop the replica that claimed the task as soon as its first step ran.
    let executor = -1;
    for (let i = 0; i < 200 && executor < 0; i++) {
      await new Promise(r => setTimeout(r, 100));
      executor = firstStepLogs().findIndex((n, j) => n > before[j]);
    }
    expect(executor).toBeGreaterThanOrEqual(0);
    process.kill(replicas[executor].pid, 'SIGKILL');
    const survivor = replicas[1 - executor].name;

    // The other replica keeps serving the one address.
    for (let i = 0; i < 3; i++) {
      const response = await request.get('/.backstage/health/v1/readiness');
      expect(response.status()).toBe(200);
      expect(response.headers()['x-replica']).toBe(survivor);
    }

    // The task ends: completed or failed, never left half-done.
    let status = 'processing';
    for (let i = 0; i < 120 && !['completed', 'failed'].includes(status); i++) {
      await new Promise(r => setTimeout(r, 2000));
      const task = await request.get(`/api/scaffolder/v2/tasks/${id}`, {
        headers,
      });
      status = (await task.json()).status;
    }
    expect(['completed', 'failed']).toContain(status);
    const repository = join(stateDir, 'repositories', name);
    const entity = await request.get(
      `/api/catalog/entities/by-name/component/default/${name}`,
      { headers },
    );
    if (status === 'completed') {
      // Published once, and registered.
      expect(existsSync(join(repository, '.git'))).toBe(true);
      expect(entity.status()).toBe(200);
    } else {
      // Nothing left behind.
      expect(existsSync(repository)).toBe(false);
      expect(entity.status()).toBe(404);
    }
    test.info().annotations.push({
      type: 'outcome',
      description: `task ${id} ${status} after ${replicas[executor].name} stopped`,
    });
  });
});
