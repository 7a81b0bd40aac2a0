import fs from 'fs-extra';
import path from 'path';
import { ConflictError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createMockActionContext,
  createTemporaryFolder,
} from '../../__testUtils__/mockActionContext';
import { createEventsServiceMock } from '../../__testUtils__/fixtures';
import { createPublishLocalAction } from './publishLocal';

const ENTITY = [
  'apiVersion: backstage.io/v1alpha1',
  'kind: Component',
  'metadata:',
  '  name: order-intake',
  'spec: { type: service, lifecycle: experimental, owner: group:default/orders-team }',
  '',
].join('\n');

/*
 * Publishing and registration are one outcome: publish:local succeeds only
 * once the catalog holds the entity read from the new repository, and
 * otherwise removes the repository it has just created.
 */
describe('publish:local with the catalog', () => {
  let publishDir: string;

  beforeEach(() => {
    publishDir = path.join(createTemporaryFolder('publish-'), 'repositories');
  });

  async function run(catalog: ReturnType<typeof catalogServiceMock>) {
    const events = createEventsServiceMock();
    const action = createPublishLocalAction({
      directory: publishDir,
      events,
      catalog,
      registrationTimeoutMs: 1500,
    });
    const ctx = createMockActionContext({
      input: { repoName: 'order-intake' },
    });
    await fs.outputFile(
      path.join(ctx.workspacePath, 'catalog-info.yaml'),
      ENTITY,
    );
    const error = await action.handler(ctx).then(
      () => undefined,
      e => e as Error,
    );
    return { error, events, ctx };
  }

  /** A catalog that registers whatever the repository declares, on request. */
  function registeringCatalog(location: (repo: string) => string) {
    const catalog = catalogServiceMock();
    const getEntityByRef = catalog.getEntityByRef.bind(catalog);
    jest
      .spyOn(catalog, 'getEntityByRef')
      .mockImplementation(async (ref, options) => {
        const repo = path.join(path.resolve(publishDir), 'order-intake');
        if (!(await fs.pathExists(repo)))
          return getEntityByRef(ref, options as any);
        return {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name: 'order-intake',
            namespace: 'default',
            annotations: { 'backstage.io/managed-by-location': location(repo) },
          },
          spec: {},
        };
      });
    return catalog;
  }

  it('succeeds once the catalog holds the entity from the new repository', async () => {
    const catalog = registeringCatalog(
      repo => `file:${repo}/catalog-info.yaml`,
    );
    const { error, ctx } = await run(catalog);
    expect(error).toBeUndefined();
    expect(fs.readdirSync(publishDir)).toEqual(['order-intake']);
    expect(ctx.logger.info).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Waiting up to 2 s for the catalog to register component:default\/order-intake/,
      ),
    );
    expect(ctx.logger.info).toHaveBeenCalledWith(
      expect.stringMatching(
        /^The catalog registered component:default\/order-intake in \d+\.\d s/,
      ),
    );
  });

  it('fails with the catalog reason and removes the repository when the entity never appears', async () => {
    const catalog = catalogServiceMock();
    jest.spyOn(catalog, 'validateEntity').mockResolvedValue({
      valid: false,
      errors: [
        { name: 'InputError', message: '/metadata/description must be string' },
      ],
    });
    const { error, events } = await run(catalog);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error?.message).toContain(
      'the catalog did not register component:default/order-intake within 2 s',
    );
    expect(error?.message).toContain(
      'the catalog says: /metadata/description must be string',
    );
    expect(error?.message).toContain(
      'the repository this task published was removed',
    );
    expect(fs.readdirSync(publishDir)).toEqual([]);
    // Announced twice: once published, once removed, so discovery forgets it.
    expect(events.publish).toHaveBeenCalledTimes(2);
  });

  it('fails and removes its repository when an older entity of the same name holds the name', async () => {
    const catalog = registeringCatalog(
      () => 'url:https://git.example.com/other/catalog-info.yaml',
    );
    jest.spyOn(catalog, 'validateEntity').mockResolvedValue({ valid: true });
    const { error } = await run(catalog);
    expect(error?.message).toContain(
      'component:default/order-intake is already in the catalog, read from url:https://git.example.com/other/catalog-info.yaml',
    );
    expect(fs.readdirSync(publishDir)).toEqual([]);
  });

  it('leaves alone a repository that another task published under the same name', async () => {
    const catalog = catalogServiceMock();
    const other = path.join(publishDir, 'order-intake');
    await fs.ensureDir(other);
    await fs.writeFile(path.join(other, 'README.md'), 'theirs');
    const { error } = await run(catalog);
    expect(error).toBeInstanceOf(ConflictError);
    expect(await fs.readFile(path.join(other, 'README.md'), 'utf8')).toBe(
      'theirs',
    );
  });
});
