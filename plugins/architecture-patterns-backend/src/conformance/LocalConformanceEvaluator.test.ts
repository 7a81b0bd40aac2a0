import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { cfnGuardBinary } from './cfnGuardBinary';
import { ConformanceStore } from './ConformanceStore';
import { LocalConformanceEvaluator } from './LocalConformanceEvaluator';

/*
 * The scheduled pass over the local publishing folder, on a real git repository, real SQLite
 * and the real evaluator: it evaluates a repository once per commit, records the verdict with
 * the commit, refreshes the entity, and leaves alone entities registered from elsewhere.
 */
jest.setTimeout(120_000);

const PATTERN_REF = 'architecturepattern:default/queue-with-dlq';
const pattern: Entity = {
  apiVersion: 'architecture.platform.dev/v1alpha1',
  kind: 'ArchitecturePattern',
  metadata: { name: 'queue-with-dlq', namespace: 'default' },
  spec: {
    conformance: {
      guard: [
        "let queues = Resources.*[ Type == 'AWS::SQS::Queue' ]",
        'rule queue_has_dead_letter_queue when %queues !empty {',
        '  %queues.Properties.RedrivePolicy exists',
        '}',
      ].join('\n'),
      rules: [
        {
          id: 'queue_has_dead_letter_queue',
          description: 'The queue has a DLQ.',
          severity: 'high',
        },
      ],
    },
  },
};

const appWritingQueue = (properties: object) => `
const fs = require('fs');
fs.mkdirSync(process.env.CDK_OUTDIR, { recursive: true });
fs.writeFileSync(process.env.CDK_OUTDIR + '/Svc.template.json', JSON.stringify({
  Resources: { Queue: { Type: 'AWS::SQS::Queue', Properties: ${JSON.stringify(
    properties,
  )} } },
}));
`;

function commitAll(dir: string, message: string) {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
  git('add', '-A');
  git(
    '-c',
    'user.name=t',
    '-c',
    'user.email=t@example.com',
    'commit',
    '-qm',
    message,
  );
  return git('rev-parse', 'HEAD');
}

function localRepository(root: string, name: string) {
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  fs.writeFileSync(
    path.join(dir, 'catalog-info.yaml'),
    `metadata:\n  name: ${name}\n`,
  );
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name, version: '0.1.0', private: true }),
  );
  fs.writeFileSync(
    path.join(dir, 'package-lock.json'),
    JSON.stringify({
      name,
      version: '0.1.0',
      lockfileVersion: 3,
      requires: true,
      packages: { '': { name, version: '0.1.0' } },
    }),
  );
  fs.writeFileSync(
    path.join(dir, 'cdk.json'),
    JSON.stringify({ app: 'node app.js' }),
  );
  fs.writeFileSync(
    path.join(dir, 'app.js'),
    appWritingQueue({ RedrivePolicy: { maxReceiveCount: 3 } }),
  );
  return { dir, commit: commitAll(dir, 'generated') };
}

const component = (name: string, location: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'backstage.io/managed-by-location': location },
  },
  spec: {
    type: 'service',
    owner: 'group:default/orders',
    lifecycle: 'experimental',
  },
  relations: [{ type: 'implementsPattern', targetRef: PATTERN_REF }],
});

describe('LocalConformanceEvaluator', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('evaluates each new commit once, records it, and refreshes the entity', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await ConformanceStore.create({
      getClient: async () => knex,
    } as any);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'local-repos-'));
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'local-eval-'));
    const repo = localRepository(root, 'orders');
    const catalog = catalogServiceMock({
      entities: [
        pattern,
        component('orders', `file:${path.join(repo.dir, 'catalog-info.yaml')}`),
        // Declares the pattern, but lives elsewhere: left to its CI.
        component(
          'billing',
          'url:https://example.com/billing/catalog-info.yaml',
        ),
      ],
    });
    jest.spyOn(catalog, 'refreshEntity');
    const evaluator = new LocalConformanceEvaluator({
      catalog,
      auth: mockServices.auth(),
      store,
      logger: mockServices.logger.mock(),
      repositoriesDir: root,
      workDir: path.join(work, 'evaluations'),
      cacheDir: path.join(work, 'installs'),
      timeoutMs: 60_000,
      concurrency: 1,
      cfnGuard: cfnGuardBinary(),
    });

    await evaluator.run();
    const [first] = await store.resultsFor('component:default/orders');
    expect(first).toMatchObject({
      patternRef: PATTERN_REF,
      status: 'conforming',
      commit: repo.commit,
      source: 'portal',
    });
    expect(catalog.refreshEntity).toHaveBeenCalledWith(
      'component:default/orders',
      expect.anything(),
    );
    expect(await store.resultsFor('component:default/billing')).toEqual([]);

    // Nothing new: not evaluated again.
    await evaluator.run();
    const [again] = await store.resultsFor('component:default/orders');
    expect(again.checkedAt).toBe(first.checkedAt);

    // A team's commit takes the dead-letter queue away.
    fs.writeFileSync(path.join(repo.dir, 'app.js'), appWritingQueue({}));
    const commit = commitAll(repo.dir, 'no DLQ');
    await evaluator.run();
    expect(await store.resultsFor('component:default/orders')).toEqual([
      expect.objectContaining({
        status: 'non-conforming',
        failingRules: ['queue_has_dead_letter_queue'],
        commit,
      }),
    ]);
  });
});
