import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { catalogApiRef, EntityProvider, entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { ArchitecturePatternsPage, EntityArchitecturePatternsCard, architecturePatternsPlugin } from './plugin';
import { legacyRootRouteRef } from '../routes';
import { adopter, createCatalogApi } from '../__testUtils__/fixtures';

describe('spike legacy', () => {
  it('page', async () => {
    const catalogApi = createCatalogApi();
    await renderInTestApp(
      <TestApiProvider apis={[[catalogApiRef, catalogApi]]}>
        <ArchitecturePatternsPage />
      </TestApiProvider>,
      { mountedRoutes: { '/patterns': legacyRootRouteRef, '/catalog/:namespace/:kind/:name': entityRouteRef }, routeEntries: ['/patterns?level=beginner'] },
    );
    expect(await screen.findByTestId('pattern-card-three-tier', {}, {timeout: 5000})).toBeInTheDocument();
    screen.getAllByTestId(/pattern-card-/).forEach(c => console.log(c.getAttribute('data-testid')));
    console.log(architecturePatternsPlugin.getId());
  });
  it('card', async () => {
    const catalogApi = createCatalogApi();
    await renderInTestApp(
      <TestApiProvider apis={[[catalogApiRef, catalogApi]]}>
        <EntityProvider entity={adopter('x', ['saga'])}>
          <EntityArchitecturePatternsCard />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/patterns': legacyRootRouteRef } },
    );
    expect(await screen.findByRole('link', { name: /saga/i }, {timeout: 5000})).toHaveAttribute('href', '/patterns/saga');
  });
  it('card without route', async () => {
    const catalogApi = createCatalogApi();
    await renderInTestApp(
      <TestApiProvider apis={[[catalogApiRef, catalogApi]]}>
        <EntityProvider entity={adopter('x', ['saga'])}>
          <EntityArchitecturePatternsCard />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(await screen.findByRole('link', { name: /saga/i }, {timeout: 5000})).toHaveAttribute('href', '/patterns/saga');
  });
});
