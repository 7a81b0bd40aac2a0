import { execFile } from 'child_process';
import fs from 'fs-extra';
import path from 'path';
import { promisify } from 'util';
import { parse } from 'yaml';
import { startPortalTestBackend } from '../__testUtils__/portalTestBackend';
import { TEMPLATES_DIR, templateVersion } from '../__testUtils__/templateFiles';

const run = promisify(execFile);

/*
 * Runs a template for real through the scaffolder's task API with the local
 * publishing default: a git repository appears in the publishing folder and
 * the new component reaches the catalog, with its pattern relation, without
 * any manual step. Bad input fails the task and leaves nothing behind.
 */
describe('scaffolding with local publishing', () => {
  let portal: Awaited<ReturnType<typeof startPortalTestBackend>>;

  beforeAll(async () => {
    portal = await startPortalTestBackend();
    await portal.waitForEntities([
      'template/default/event-driven-service',
      'architecturepattern/default/event-driven-basic',
      'group/default/orders-team',
      'system/default/checkout',
    ]);
  }, 300_000);

  afterAll(async () => {
    await portal?.stop();
  }, 120_000);

  async function runTask(values: Record<string, unknown>) {
    const created = await portal.api('POST', '/api/scaffolder/v2/tasks', {
      templateRef: 'template:default/event-driven-service',
      values,
    });
    if (created.status !== 201) return { created, task: undefined };
    const task = await portal.waitFor('the task to finish', async () => {
      const { body } = await portal.api(
        'GET',
        `/api/scaffolder/v2/tasks/${created.body.id}`,
      );
      return ['completed', 'failed', 'cancelled'].includes(body.status)
        ? body
        : undefined;
    });
    return { created, task };
  }

  async function fixtureValues() {
    return parse(
      await fs.readFile(
        path.join(TEMPLATES_DIR, 'event-driven-service/fixtures/values.yaml'),
        'utf8',
      ),
    );
  }

  it('publishes a git repository and registers the component with its pattern', async () => {
    const values = { ...(await fixtureValues()), name: 'published-orders' };
    const { task } = await runTask(values);
    expect(task?.status).toBe('completed');

    const repo = path.join(portal.publishDir, 'published-orders');
    const log = await run('git', ['log', '--format=%an|%s'], { cwd: repo });
    expect(log.stdout.trim().split('\n')).toHaveLength(1);
    const files = await run('git', ['ls-files'], { cwd: repo });
    expect(files.stdout).toContain('catalog-info.yaml');
    expect(files.stdout).toContain('docs/adr/0001-use-event-driven-basic.md');

    const component = await portal.waitFor(
      'the component in the catalog',
      async () => {
        const { status, body } = await portal.api(
          'GET',
          '/api/catalog/entities/by-name/component/default/published-orders',
        );
        return status === 200 &&
          body.relations?.some(
            (r: { type: string }) => r.type === 'implementsPattern',
          )
          ? body
          : undefined;
      },
      30_000,
    );
    expect(component.relations).toEqual(
      expect.arrayContaining([
        {
          type: 'implementsPattern',
          targetRef: 'architecturepattern:default/event-driven-basic',
        },
      ]),
    );
    expect(
      component.metadata.annotations[
        'architecture.platform.dev/template-version'
      ],
    ).toBe(templateVersion('event-driven-service'));
  }, 120_000);

  it('rejects a second service with the same name and leaves the first untouched', async () => {
    const values = { ...(await fixtureValues()), name: 'published-orders' };
    const before = await run('git', ['rev-parse', 'HEAD'], {
      cwd: path.join(portal.publishDir, 'published-orders'),
    });
    const { task } = await runTask(values);
    expect(task?.status).toBe('failed');
    const after = await run('git', ['rev-parse', 'HEAD'], {
      cwd: path.join(portal.publishDir, 'published-orders'),
    });
    expect(after.stdout).toBe(before.stdout);
    expect(
      (await fs.readdir(portal.publishDir)).filter(f => f.startsWith('.')),
    ).toEqual([]);
  }, 120_000);

  it.each([
    ['name', { name: '../escape' }],
    ['maxReceiveCount', { maxReceiveCount: 99 }],
    ['description', { description: '${{ secrets.backstageToken }}' }],
    ['context', { context: '{% for x in range(9) %}{% endfor %}' }],
  ])(
    'rejects a bad %s and leaves nothing behind',
    async (field, override) => {
      const values = {
        ...(await fixtureValues()),
        name: 'bad-input',
        ...override,
      };
      const { created, task } = await runTask(values);
      // Either the scaffolder refuses the task (schema checks, 400) or the
      // validate step fails it; both must name the field.
      const outcome = task
        ? `task ${task.status}: ${JSON.stringify(
            (
              await portal.api(
                'GET',
                `/api/scaffolder/v2/tasks/${task.id}/events`,
              )
            ).body,
          )}`
        : `request ${created.status}: ${JSON.stringify(created.body)}`;
      expect(outcome).toMatch(/^(task failed|request 400)/);
      expect(outcome).toContain(field);
      expect(await fs.readdir(portal.publishDir)).not.toContain('bad-input');
      expect(
        (await fs.readdir(portal.publishDir)).filter(f => f.startsWith('.')),
      ).toEqual([]);
      const { status } = await portal.api(
        'GET',
        '/api/catalog/entities/by-name/component/default/bad-input',
      );
      expect(status).toBe(404);
    },
    120_000,
  );
});
