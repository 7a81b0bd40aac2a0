import fs from 'fs-extra';
import path from 'path';
import { parse } from 'yaml';
import { InputError } from '@backstage/errors';
import { mockServices } from '@backstage/backend-test-utils';
import { ScmIntegrations } from '@backstage/integration';
import {
  createMockActionContext,
  createTemporaryFolder,
} from '../../__testUtils__/mockActionContext';
import { TEMPLATES_DIR } from '../../__testUtils__/templateFiles';
import { createFetchServiceSkeletonAction } from './fetchServiceSkeleton';

const TEMPLATE_METADATA = {
  name: 'orders-template',
  annotations: {
    'architecture.platform.dev/implements-patterns': 'event-driven-basic',
    'architecture.platform.dev/template-version': '2.1.0',
  },
};

function createAction(templatesDirectory?: string) {
  return createFetchServiceSkeletonAction({
    reader: mockServices.urlReader.mock(),
    integrations: ScmIntegrations.fromConfig(mockServices.rootConfig()),
    templatesDirectory,
  });
}

/** A templates folder: one template, and a shared skeleton beside it. */
function templatesFolder(files: Record<string, string>) {
  const root = createTemporaryFolder('templates-');
  fs.outputFileSync(path.join(root, 'orders-template/template.yaml'), '{}');
  for (const [file, content] of Object.entries(files)) {
    fs.outputFileSync(path.join(root, file), content);
  }
  return root;
}

function run(
  action: ReturnType<typeof createAction>,
  templateBaseUrl: string | undefined,
  workspaceFiles: Record<string, string> = {},
) {
  const ctx = createMockActionContext({
    input: { values: { name: 'orders', owner: 'group:default/payments' } },
    templateInfo: {
      entityRef: 'template:default/orders-template',
      baseUrl: templateBaseUrl,
      entity: { metadata: TEMPLATE_METADATA },
    },
  });
  for (const [file, content] of Object.entries(workspaceFiles)) {
    fs.outputFileSync(path.join(ctx.workspacePath, file), content);
  }
  const read = (file: string) =>
    fs.readFileSync(path.join(ctx.workspacePath, file), 'utf8');
  return { ctx, read, done: action.handler(ctx) };
}

describe('architecture:service-skeleton:fetch', () => {
  it("renders the skeleton beside the template's folder with the values and the template's own description", async () => {
    const root = templatesFolder({
      'service-skeleton/info.txt':
        '${{ values.name }} ${{ values.owner }} ${{ values.template.ref }} ${{ values.template.version }} ${{ values.template.pattern }}',
      'service-skeleton/docs/${{ values.name }}.md': '# ${{ values.name }}',
    });
    const { read, done } = run(
      createAction(),
      `file://${root}/orders-template/template.yaml`,
    );
    await done;
    expect(read('info.txt')).toBe(
      'orders group:default/payments template:default/orders-template 2.1.0 event-driven-basic',
    );
    expect(read('docs/orders.md')).toBe('# orders');
  });

  it("keeps a file the template's own skeleton already wrote", async () => {
    const root = templatesFolder({
      'service-skeleton/README.md': 'shared',
      'service-skeleton/mkdocs.yml': 'site_name: ${{ values.name }}',
    });
    const { read, done } = run(
      createAction(),
      `file://${root}/orders-template/template.yaml`,
      { 'README.md': 'own' },
    );
    await done;
    expect(read('README.md')).toBe('own');
    expect(read('mkdocs.yml')).toBe('site_name: orders');
  });

  it('prefers the skeleton a release carries in its own folder', async () => {
    const root = templatesFolder({
      'service-skeleton/version.txt': 'today',
      'orders-template/service-skeleton/version.txt': 'as released',
    });
    const { read, done } = run(
      createAction(),
      `file://${root}/orders-template/template.yaml`,
    );
    await done;
    expect(read('version.txt')).toBe('as released');
  });

  it('falls back to the configured templates folder for a local template with no skeleton in or beside its folder', async () => {
    const root = templatesFolder({
      'service-skeleton/a.txt': '${{ values.name }}',
    });
    const dryRunFolder = createTemporaryFolder('dry-run-');
    const { read, done } = run(
      createAction(root),
      `file://${dryRunFolder}/template.yaml`,
    );
    await done;
    expect(read('a.txt')).toBe('orders');
  });

  it("reads the skeleton beside a template on a repository host through the portal's URL reader", async () => {
    const reader = mockServices.urlReader.mock();
    reader.readTree.mockImplementation(async () => ({
      dir: async ({ targetDir }: { targetDir?: string } = {}) => {
        fs.outputFileSync(path.join(targetDir!, 'a.txt'), '${{ values.name }}');
        return targetDir!;
      },
      files: async () => [],
      archive: async () => Buffer.alloc(0) as any,
      etag: 'etag',
    }));
    const action = createFetchServiceSkeletonAction({
      reader,
      integrations: ScmIntegrations.fromConfig(mockServices.rootConfig()),
      templatesDirectory: createTemporaryFolder('unused-'),
    });
    const { read, done } = run(
      action,
      'https://github.com/acme/templates/blob/main/orders/template.yaml',
    );
    await done;
    expect(reader.readTree).toHaveBeenCalledWith(
      'https://github.com/acme/templates/tree/main/service-skeleton',
      expect.anything(),
    );
    expect(read('a.txt')).toBe('orders');
  });

  it('fails with an InputError, writing nothing, when no shared skeleton is found', async () => {
    const root = templatesFolder({});
    const { ctx, done } = run(
      createAction(createTemporaryFolder('elsewhere-')),
      `file://${root}/orders-template/template.yaml`,
    );
    await expect(done).rejects.toThrow(InputError);
    await expect(done).rejects.toThrow(/No service-skeleton\/ folder/);
    expect(fs.readdirSync(ctx.workspacePath)).toEqual([]);
  });

  it("renders this repository's skeleton into a valid catalog entity", async () => {
    const { read, done } = run(
      createAction(),
      `file://${TEMPLATES_DIR}/event-driven-service/template.yaml`,
    );
    await done;
    const entity = parse(read('catalog-info.yaml'));
    expect(entity.metadata).toMatchObject({
      name: 'orders',
      annotations: {
        'architecture.platform.dev/implements-patterns': 'event-driven-basic',
        'architecture.platform.dev/template-version': '2.1.0',
        'backstage.io/source-template': 'template:default/orders-template',
      },
    });
    expect(entity.spec).toEqual({
      type: 'service',
      lifecycle: 'experimental',
      owner: 'group:default/payments',
    });
    expect(parse(read('mkdocs.yml')).nav[1]).toEqual({
      Decisions: ['adr/0001-use-event-driven-basic.md'],
    });
    expect(read('.github/workflows/ci.yml')).toContain(
      '${{ secrets.ARCHITECTURE_PORTAL_URL }}',
    );
    expect(read('test/cdk-app.ts')).toContain('export function cdkApp()');
  });
});
