import { ReactElement } from 'react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { getComponentData } from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  architecturePatternsPlugin,
  ArchitecturePatternsPage,
  EntityArchitecturePatternContent,
  EntityArchitecturePatternsCard,
} from './plugin';
import * as packageIndex from '../index';
import {
  legacyRootRouteRef,
  legacyTaskRouteRef,
  legacyTemplateRouteRef,
} from '../routes';
import { LegacyBoundary } from './LegacyBoundary';
import { useTaskPath } from '../components/PatternLink/PatternLinkContext';
import { adoptionSummaryApiRef } from '../api/AdoptionSummaryApi';
import { conformanceApiRef } from '../api/ConformanceApi';
import {
  adopter,
  catalogEntityRoutes,
  createCatalogApi,
  libraryPattern,
  testApiPairs,
} from '../__testUtils__/fixtures';

type TestCatalogApi = ReturnType<typeof createCatalogApi>;

/**
 * The element with the plugin's APIs, as an app provides them: the given
 * catalog, the adoption summary over it and no conformance results.
 */
function withPluginApis(catalogApi: TestCatalogApi, element: ReactElement) {
  return (
    <TestApiProvider apis={testApiPairs(catalogApi)}>{element}</TestApiProvider>
  );
}

/**
 * Renders the page at the route entry. A routable extension gets its path
 * from the element tree, as in an app's FlatRoutes; mountedRoutes alone does
 * not assign it one.
 */
function renderPatternsPage(catalogApi: TestCatalogApi, routeEntry: string) {
  return renderInTestApp(
    withPluginApis(
      catalogApi,
      <Routes>
        <Route path="/patterns/*" element={<ArchitecturePatternsPage />} />
      </Routes>,
    ),
    { mountedRoutes: catalogEntityRoutes, routeEntries: [routeEntry] },
  );
}

describe('architecture patterns plugin (legacy frontend system)', () => {
  it('has the plugin id and the root route', () => {
    expect(architecturePatternsPlugin.getId()).toBe('architecture-patterns');
    expect(architecturePatternsPlugin.routes.root).toBe(legacyRootRouteRef);
  });

  it('has external routes to a template and to a task in the scaffolder', () => {
    expect(architecturePatternsPlugin.externalRoutes).toEqual({
      createFromTemplate: legacyTemplateRouteRef,
      viewTask: legacyTaskRouteRef,
    });
  });

  it("opens a task where the app bound the scaffolder's task page, else at /create/tasks", async () => {
    function TaskLink() {
      return <span>{useTaskPath()('task-42')}</span>;
    }
    const taskLink = (
      <LegacyBoundary>
        <TaskLink />
      </LegacyBoundary>
    );
    const { unmount } = await renderInTestApp(taskLink, {
      mountedRoutes: {
        '/patterns': legacyRootRouteRef,
        '/scaffolder/tasks/:taskId': legacyTaskRouteRef,
      },
    });
    expect(screen.getByText('/scaffolder/tasks/task-42')).toBeInTheDocument();
    unmount();

    await renderInTestApp(taskLink, {
      mountedRoutes: { '/patterns': legacyRootRouteRef },
    });
    expect(screen.getByText('/create/tasks/task-42')).toBeInTheDocument();
  });

  it('provides the adoption summary and conformance APIs', () => {
    expect(
      [...architecturePatternsPlugin.getApis()].map(api => api.api),
    ).toEqual([adoptionSummaryApiRef, conformanceApiRef]);
  });

  it('is exported from the package index', () => {
    expect(packageIndex.architecturePatternsPlugin).toBe(
      architecturePatternsPlugin,
    );
    expect(packageIndex.ArchitecturePatternsPage).toBe(
      ArchitecturePatternsPage,
    );
    expect(packageIndex.EntityArchitecturePatternsCard).toBe(
      EntityArchitecturePatternsCard,
    );
    expect(packageIndex.EntityArchitecturePatternContent).toBe(
      EntityArchitecturePatternContent,
    );
    expect(packageIndex.architecturePatternsRouteRef).toBe(legacyRootRouteRef);
    expect(packageIndex.conformanceApiRef).toBe(conformanceApiRef);
  });

  it('mounts the page on the root route', () => {
    expect(
      getComponentData(<ArchitecturePatternsPage />, 'core.mountPoint'),
    ).toBe(legacyRootRouteRef);
  });

  it('renders the pattern catalog, with filters from the URL', async () => {
    const catalogApi = createCatalogApi();
    await renderPatternsPage(catalogApi, '/patterns?level=beginner');

    const card = await screen.findByTestId('pattern-card-three-tier');
    expect(
      within(card).getByRole('link', {
        name: libraryPattern('three-tier').metadata.title,
      }),
    ).toHaveAttribute('href', '/patterns/three-tier');
    expect(
      screen.getAllByTestId(/^pattern-card-/).map(c => c.dataset.testid),
    ).toEqual([
      // ordered by title
      'pattern-card-event-driven-basic',
      'pattern-card-monolith-vs-microservice',
      'pattern-card-three-tier',
    ]);
    expect(catalogApi.queryEntities).toHaveBeenCalledTimes(1);
    expect(catalogApi.queryEntities.mock.calls[0][0]).toMatchObject({
      filter: { kind: 'ArchitecturePattern', 'spec.level': 'beginner' },
      limit: 200,
    });
  });

  it('renders a pattern page below the mount path', async () => {
    const catalogApi = createCatalogApi({
      adopters: [adopter('order-routing', ['event-driven-advanced'])],
    });
    await renderPatternsPage(catalogApi, '/patterns/event-driven-advanced');

    expect(
      await screen.findByRole('heading', {
        name: libraryPattern('event-driven-advanced').metadata.title,
      }),
    ).toBeInTheDocument();
    expect(await screen.findByText('order-routing')).toBeInTheDocument();
  });

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
    [
      '/patterns/compare/disaster-recovery/nothing',
      'No comparison "nothing" in guide "disaster-recovery"',
    ],
  ])('shows %s as not found, with a way back', async (path, title) => {
    const catalogApi = createCatalogApi();
    await renderPatternsPage(catalogApi, path);
    expect(
      await screen.findByRole('heading', { name: title }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Browse the pattern catalog' }),
    ).toHaveAttribute('href', '/patterns');
  });

  it('renders the entity card inside an EntityProvider', async () => {
    const catalogApi = createCatalogApi();
    await renderInTestApp(
      withPluginApis(
        catalogApi,
        <EntityProvider entity={adopter('payment-orchestrator', ['saga'])}>
          <EntityArchitecturePatternsCard />
        </EntityProvider>,
      ),
      { mountedRoutes: { '/tools/patterns': legacyRootRouteRef } },
    );

    expect(
      await screen.findByRole('link', {
        name: libraryPattern('saga').metadata.title,
      }),
    ).toHaveAttribute('href', '/tools/patterns/saga');
    expect(screen.getByText('Declared by hand')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Browse all patterns/ }),
    ).toHaveAttribute('href', '/tools/patterns');
    expect(catalogApi.getEntitiesByRefs).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRefs: ['architecturepattern:default/saga'],
      }),
    );
  });

  it('renders the pattern content inside an EntityProvider', async () => {
    const catalogApi = createCatalogApi();
    await renderInTestApp(
      withPluginApis(
        catalogApi,
        <EntityProvider entity={libraryPattern('cqrs')}>
          <EntityArchitecturePatternContent />
        </EntityProvider>,
      ),
      {
        mountedRoutes: {
          '/patterns': legacyRootRouteRef,
          ...catalogEntityRoutes,
        },
      },
    );

    expect(await screen.findByText('Trade-offs')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'saga' })).toHaveAttribute(
      'href',
      '/patterns/saga',
    );
    expect(
      await screen.findByText('No component declares this pattern yet.'),
    ).toBeInTheDocument();
  });
});
