import {
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  ApiHolder,
  coreApis,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { act, screen, within } from '@testing-library/react';
import {
  architecturePatternsPlugin,
  entityPatternContent,
  entityPatternsCard,
  patternsPage,
} from './plugin';
import defaultExport from '../alpha';
import { rootRouteRef } from '../routes';
import {
  adopter,
  catalogEntityRoutes,
  createCatalogApi,
  library,
  libraryPattern,
  testApis,
} from '../__testUtils__/fixtures';

const PAGE_ID = 'page:architecture-patterns';
const CARD_ID = 'entity-card:architecture-patterns/patterns';
const CONTENT_ID = 'entity-content:architecture-patterns/pattern';

// Fails to compile if the plugin gains, loses or renames an extension.
type PluginExtensionId = Parameters<
  typeof architecturePatternsPlugin.getExtension
>[0];
const extensionIds: Record<PluginExtensionId, true> = {
  'api:architecture-patterns/adoption-summary': true,
  'api:architecture-patterns/conformance': true,
  [PAGE_ID]: true,
  [CARD_ID]: true,
  [CONTENT_ID]: true,
};

function entityOfKind(kind: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: `some-${kind.toLowerCase()}` },
  };
}

describe('architecture patterns plugin (new frontend system)', () => {
  it('is the default export of the alpha entry point', () => {
    expect(defaultExport).toBe(architecturePatternsPlugin);
  });

  it('has the plugin id and exposes the catalog page route', () => {
    expect(architecturePatternsPlugin.pluginId).toBe('architecture-patterns');
    expect(architecturePatternsPlugin.routes.root).toBe(rootRouteRef);
    expect(Object.keys(architecturePatternsPlugin.externalRoutes)).toEqual([
      'createFromTemplate',
      'viewTask',
    ]);
  });

  it('provides exactly the adoption summary and conformance APIs, the page, the entity card and the entity content', async () => {
    const catalogApi = createCatalogApi();
    let apis: ApiHolder | undefined;
    await act(async () => {
      apis = renderTestApp({
        features: [architecturePatternsPlugin],
        apis: testApis(catalogApi),
      }).apis;
    });
    const { tree } = apis!.get(coreApis.appTree)!.getTree();
    const nodes = [...tree.nodes.values()].filter(
      node => node.spec.plugin.pluginId === 'architecture-patterns',
    );

    expect(nodes.map(node => node.spec.id).sort()).toEqual(
      Object.keys(extensionIds).sort(),
    );
    expect(
      Object.fromEntries(nodes.map(node => [node.spec.id, node.spec.attachTo])),
    ).toEqual({
      'api:architecture-patterns/adoption-summary': {
        id: 'root',
        input: 'apis',
      },
      'api:architecture-patterns/conformance': {
        id: 'root',
        input: 'apis',
      },
      [PAGE_ID]: { id: 'app/routes', input: 'routes' },
      [CARD_ID]: { id: 'entity-content:catalog/overview', input: 'cards' },
      [CONTENT_ID]: { id: 'page:catalog/entity', input: 'contents' },
    });
    expect(nodes.every(node => !node.spec.disabled)).toBe(true);
  });

  it('gives access to its extensions by id', () => {
    for (const id of Object.keys(extensionIds) as PluginExtensionId[]) {
      expect(architecturePatternsPlugin.getExtension(id)).toBeDefined();
    }
    expect(() =>
      architecturePatternsPlugin.getExtension(
        'page:architecture-patterns/other' as PluginExtensionId,
      ),
    ).toThrow(/non-existent extension/);
  });

  describe('the page', () => {
    it('is mounted at /patterns with the title Patterns', () => {
      const tester = createExtensionTester(patternsPage);
      expect(tester.get(coreExtensionData.routePath)).toBe('/patterns');
      expect(tester.get(coreExtensionData.title)).toBe('Patterns');
      expect(tester.get(coreExtensionData.routeRef)).toBe(rootRouteRef);
      expect(tester.get(coreExtensionData.icon)).toBeDefined();
    });

    it('can be moved and renamed through configuration', () => {
      const tester = createExtensionTester(patternsPage, {
        config: { path: '/architecture', title: 'Architecture' },
      });
      expect(tester.get(coreExtensionData.routePath)).toBe('/architecture');
      expect(tester.get(coreExtensionData.title)).toBe('Architecture');
    });

    it('renders the pattern catalog from the catalog API', async () => {
      const catalogApi = createCatalogApi();
      renderInTestApp(createExtensionTester(patternsPage).reactElement(), {
        apis: testApis(catalogApi),
        mountPath: '/patterns',
        initialRouteEntries: ['/patterns'],
      });

      expect(
        await screen.findByRole('heading', { name: 'Architecture patterns' }),
      ).toBeInTheDocument();
      expect(
        await screen.findByTestId('pattern-card-cqrs'),
      ).toBeInTheDocument();
      expect(screen.getAllByTestId(/^pattern-card-/)).toHaveLength(
        library.length,
      );
      expect(
        within(screen.getByTestId('pattern-card-cqrs')).getByRole('link', {
          name: libraryPattern('cqrs').metadata.title,
        }),
      ).toHaveAttribute('href', '/patterns/cqrs');
      expect(catalogApi.getEntityFacets).toHaveBeenCalledTimes(1);
      expect(catalogApi.queryEntities).toHaveBeenCalledTimes(1);
    });

    it('renders a pattern page below its mount path', async () => {
      const catalogApi = createCatalogApi({
        adopters: [adopter('order-reads', ['cqrs'])],
      });
      renderInTestApp(createExtensionTester(patternsPage).reactElement(), {
        apis: testApis(catalogApi),
        mountPath: '/patterns',
        initialRouteEntries: ['/patterns/cqrs'],
        mountedRoutes: catalogEntityRoutes,
      });

      expect(
        await screen.findByRole('heading', {
          name: libraryPattern('cqrs').metadata.title,
        }),
      ).toBeInTheDocument();
      expect(await screen.findByText('order-reads')).toBeInTheDocument();
      expect(catalogApi.getEntitiesByRefs).toHaveBeenCalledWith({
        entityRefs: ['architecturepattern:default/cqrs'],
        fields: ['apiVersion', 'kind', 'metadata', 'spec'],
      });
    });
  });

  describe('unknown paths and names', () => {
    it.each([
      [
        '/patterns/compare/monolith-vs-microservices',
        'There is no page at this address',
      ],
      ['/patterns/a/b/c', 'There is no page at this address'],
      [
        '/patterns/no-such-pattern',
        'No architecture pattern named "no-such-pattern"',
      ],
      [
        '/patterns/guides/no-such-guide',
        'No decision guide named "no-such-guide"',
      ],
    ])('shows %s as not found, with a way back', async (path, title) => {
      const catalogApi = createCatalogApi();
      renderInTestApp(createExtensionTester(patternsPage).reactElement(), {
        apis: testApis(catalogApi),
        mountPath: '/patterns',
        initialRouteEntries: [path],
        mountedRoutes: catalogEntityRoutes,
      });
      expect(
        await screen.findByRole('heading', { name: title }),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('link', { name: 'Browse the pattern catalog' }),
      ).toHaveAttribute('href', '/patterns');
    });
  });

  describe('the entity card', () => {
    it('is shown on components, systems and resources only', () => {
      const tester = createExtensionTester(entityPatternsCard);
      const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;

      expect(filter(entityOfKind('Component'))).toBe(true);
      expect(filter(entityOfKind('System'))).toBe(true);
      expect(filter(entityOfKind('Resource'))).toBe(true);
      expect(filter(libraryPattern('cqrs'))).toBe(false);
      expect(filter(entityOfKind('Group'))).toBe(false);
      expect(filter(entityOfKind('API'))).toBe(false);
    });

    it('lists the patterns an entity implements, linked to the bound page', async () => {
      const catalogApi = createCatalogApi();
      renderTestApp({
        extensions: [
          createTestEntityPage({
            entity: adopter('order-intake', ['event-driven-basic', 'saga'], {
              templateVersion: '1.0.0',
            }),
          }),
          entityPatternsCard,
        ],
        apis: testApis(catalogApi),
        mountedRoutes: { '/architecture/patterns': rootRouteRef },
      });

      const saga = libraryPattern('saga');
      expect(
        await screen.findByRole('link', { name: saga.metadata.title }),
      ).toHaveAttribute('href', '/architecture/patterns/saga');
      expect(
        screen.getByRole('link', {
          name: libraryPattern('event-driven-basic').metadata.title,
        }),
      ).toHaveAttribute('href', '/architecture/patterns/event-driven-basic');
      expect(
        screen.getAllByText('Generated from a template version 1.0.0'),
      ).toHaveLength(2);
      expect(screen.getByText(saga.spec.level)).toBeInTheDocument();
      expect(
        screen.getByRole('link', { name: /Browse all patterns/ }),
      ).toHaveAttribute('href', '/architecture/patterns');

      expect(catalogApi.getEntitiesByRefs).toHaveBeenCalledTimes(1);
      expect(catalogApi.getEntitiesByRefs).toHaveBeenCalledWith({
        entityRefs: [
          'architecturepattern:default/event-driven-basic',
          'architecturepattern:default/saga',
        ],
        fields: expect.arrayContaining(['metadata.name', 'spec.level']),
      });
      expect(catalogApi.getEntities).not.toHaveBeenCalled();
      expect(catalogApi.queryEntities).not.toHaveBeenCalled();
    });
  });

  describe('the entity content', () => {
    it('is the Pattern tab of ArchitecturePattern entities', () => {
      const tester = createExtensionTester(entityPatternContent);
      expect(tester.get(coreExtensionData.routePath)).toBe('/pattern');
      expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Pattern');

      const filter = tester.get(
        EntityContentBlueprint.dataRefs.filterFunction,
      )!;
      expect(filter(libraryPattern('saga'))).toBe(true);
      expect(filter(entityOfKind('Component'))).toBe(false);
    });

    it('shows the whole pattern', async () => {
      const catalogApi = createCatalogApi({
        adopters: [adopter('payment-orchestrator', ['saga'])],
      });
      renderTestApp({
        extensions: [
          createTestEntityPage({ entity: libraryPattern('saga') }),
          entityPatternContent,
        ],
        apis: testApis(catalogApi),
        mountedRoutes: catalogEntityRoutes,
      });

      expect(await screen.findByText('Trade-offs')).toBeInTheDocument();
      expect(
        await screen.findByRole('img', {
          name: `Diagram: ${libraryPattern('saga').metadata.title}`,
        }),
      ).toBeInTheDocument();
      expect(
        await screen.findByText('payment-orchestrator'),
      ).toBeInTheDocument();
    });
  });
});
