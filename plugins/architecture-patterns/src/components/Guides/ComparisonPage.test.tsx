import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { patternsPage } from '../../alpha/plugin';
import {
  createCatalogApi,
  guides,
  libraryGuide,
  testApis,
} from '../../__testUtils__/fixtures';

function renderComparison(
  guide: string,
  comparison: string,
  setup?: (catalogApi: ReturnType<typeof createCatalogApi>) => void,
) {
  const catalogApi = createCatalogApi({ guides });
  setup?.(catalogApi);
  renderInTestApp(createExtensionTester(patternsPage).reactElement(), {
    apis: testApis(catalogApi),
    mountPath: '/patterns',
    initialRouteEntries: [`/patterns/compare/${guide}/${comparison}`],
  });
  return { catalogApi };
}

const comparisonOf = (guide: string, id: string) =>
  libraryGuide(guide).spec.comparisons!.find(c => c.id === id)!;

describe('ComparisonPage', () => {
  it('shows the comparison side by side, one column per subject', async () => {
    const comparison = comparisonOf('disaster-recovery', 'dr-strategies');
    const { catalogApi } = renderComparison(
      'disaster-recovery',
      'dr-strategies',
    );

    const table = within(
      await screen.findByRole('table', { name: comparison.title }),
    );
    expect(
      table.getAllByRole('columnheader').map(header => header.textContent),
    ).toEqual([
      'Aspect',
      'Backup and restore',
      'Pilot light',
      'Warm standby',
      'Multi-site active-active',
    ]);
    const rows = table.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(comparison.aspects.length);
    rows.forEach((row, i) => {
      const aspect = comparison.aspects[i];
      expect(within(row).getByRole('rowheader')).toHaveTextContent(
        aspect.aspect,
      );
      expect(
        within(row)
          .getAllByRole('cell')
          .map(cell => cell.textContent),
      ).toEqual(aspect.values);
    });

    expect(catalogApi.getEntityByRef).toHaveBeenCalledWith({
      kind: 'DecisionGuide',
      namespace: 'default',
      name: 'disaster-recovery',
    });
    expect(catalogApi.queryEntities).not.toHaveBeenCalled();
    expect(catalogApi.getEntities).not.toHaveBeenCalled();
  });

  it('has two subject columns for a comparison of two', async () => {
    renderComparison('service-architecture', 'monolith-vs-microservices');

    const table = within(
      await screen.findByRole('table', { name: 'Monolith or microservices' }),
    );
    expect(
      table.getAllByRole('columnheader').map(header => header.textContent),
    ).toEqual(['Aspect', 'Monolith', 'Microservices']);
    const deployment = table.getByRole('rowheader', { name: 'Deployment' })
      .parentElement!;
    expect(
      within(deployment)
        .getAllByRole('cell')
        .map(cell => cell.textContent),
    ).toEqual([
      'One artefact; any change redeploys the whole application',
      'Every service has its own pipeline and ships on its own schedule',
    ]);
  });

  it('titles the page by the comparison and links to its guide and patterns', async () => {
    const comparison = comparisonOf('disaster-recovery', 'dr-strategies');
    renderComparison('disaster-recovery', 'dr-strategies');

    expect(
      await screen.findByRole('heading', { level: 1, name: comparison.title }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Decision guides' }),
    ).toHaveAttribute('href', '/patterns/guides');
    expect(
      screen.getByRole('link', {
        name: 'Open the Which disaster recovery strategy? guide',
      }),
    ).toHaveAttribute('href', '/patterns/guides/disaster-recovery');
    for (const pattern of comparison.patterns!) {
      expect(screen.getByRole('link', { name: pattern })).toHaveAttribute(
        'href',
        `/patterns/${pattern}`,
      );
    }
    expect(screen.getByText(/^Patterns:/).textContent).toBe(
      `Patterns: ${comparison.patterns!.join(' · ')}`,
    );
  });

  it('warns about a comparison the guide does not have', async () => {
    renderComparison('service-architecture', 'tabs-vs-spaces');

    expect(
      await screen.findByRole('heading', {
        name: 'No comparison "tabs-vs-spaces" in guide "service-architecture"',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(
      screen.getByRole('heading', { level: 1, name: 'Comparison' }),
    ).toBeInTheDocument();
  });

  it('warns about a guide the catalog does not have', async () => {
    renderComparison('no-such-guide', 'dr-strategies');

    expect(
      await screen.findByRole('heading', {
        name: 'No comparison "dr-strategies" in guide "no-such-guide"',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('There is no decision guide named "no-such-guide".'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
