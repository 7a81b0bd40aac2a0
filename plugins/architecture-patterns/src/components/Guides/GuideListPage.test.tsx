import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { patternsPage } from '../../alpha/plugin';
import { guidesRequest } from './guideQueries';
import {
  createCatalogApi,
  guides,
  testApis,
} from '../../__testUtils__/fixtures';

function renderList(
  setup?: (catalogApi: ReturnType<typeof createCatalogApi>) => void,
  options: { guides?: typeof guides } = {},
) {
  const catalogApi = createCatalogApi({ guides: options.guides ?? guides });
  setup?.(catalogApi);
  renderInTestApp(createExtensionTester(patternsPage).reactElement(), {
    apis: testApis(catalogApi),
    mountPath: '/patterns',
    initialRouteEntries: ['/patterns/guides'],
  });
  return { catalogApi };
}

const byTitle = [...guides].sort((a, b) =>
  a.metadata.title.toLocaleLowerCase('en-US') <
  b.metadata.title.toLocaleLowerCase('en-US')
    ? -1
    : 1,
);

/** The card of a guide, found by the link in its heading. */
function cardOf(title: string) {
  return within(
    screen
      .getByRole('heading', { name: title })
      .closest('[class*="MuiCard-root"]') as HTMLElement,
  );
}

describe('GuideListPage', () => {
  it('asks the catalog for the decision guides only, with a limit', async () => {
    const { catalogApi } = renderList();
    await screen.findByRole('link', { name: byTitle[0].metadata.title });

    expect(catalogApi.queryEntities).toHaveBeenCalledTimes(1);
    expect(catalogApi.queryEntities).toHaveBeenCalledWith(guidesRequest());
    expect(guidesRequest()).toEqual({
      filter: { kind: 'DecisionGuide' },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'metadata.description',
        'spec.outcomes',
        'spec.comparisons',
      ],
      orderFields: [{ field: 'metadata.title', order: 'asc' }],
      limit: 100,
    });
    expect(catalogApi.getEntities).not.toHaveBeenCalled();
  });

  it('lists every guide by title, linking to it', async () => {
    renderList();

    expect(
      await screen.findByRole('heading', { name: 'Decision guides' }),
    ).toBeInTheDocument();
    await screen.findByRole('link', { name: byTitle[0].metadata.title });
    expect(
      screen.getAllByRole('heading', { level: 2 }).map(h => h.textContent),
    ).toEqual(byTitle.map(g => g.metadata.title));
    for (const guide of guides) {
      expect(
        screen.getByRole('link', { name: guide.metadata.title }),
      ).toHaveAttribute('href', `/patterns/guides/${guide.metadata.name}`);
    }
    expect(
      screen.getByRole('link', { name: 'Architecture patterns' }),
    ).toHaveAttribute('href', '/patterns');
  });

  it('names what each guide chooses between, and links to its comparisons', async () => {
    renderList();
    await screen.findByRole('link', { name: byTitle[0].metadata.title });

    for (const guide of guides) {
      const card = cardOf(guide.metadata.title);
      expect(card.getByText(guide.metadata.description)).toBeInTheDocument();
      expect(
        card.getByText(
          `Chooses between: ${guide.spec.outcomes
            .map(o => o.title)
            .join(' · ')}`,
        ),
      ).toBeInTheDocument();
      const comparisonLinks = card
        .getAllByRole('link')
        .filter(link => link.getAttribute('href')!.includes('/compare/'));
      expect(
        comparisonLinks.map(link => [
          link.textContent,
          link.getAttribute('href'),
        ]),
      ).toEqual(
        (guide.spec.comparisons ?? []).map(c => [
          c.title,
          `/patterns/compare/${guide.metadata.name}/${c.id}`,
        ]),
      );
    }

    const service = cardOf('Which service architecture fits?');
    expect(service.getByText(/^Compare:/).textContent).toBe(
      'Compare: Monolith or microservices · Synchronous microservice or event-driven service',
    );
  });

  it('leaves out the comparisons line of a guide without comparisons', async () => {
    const [first] = guides;
    const withoutComparisons = {
      ...first,
      spec: { ...first.spec, comparisons: undefined },
    };
    renderList(undefined, { guides: [withoutComparisons] });

    await screen.findByRole('link', { name: first.metadata.title });
    expect(screen.queryByText(/^Compare:/)).not.toBeInTheDocument();
  });

  it('shows why the guides could not be loaded', async () => {
    renderList(catalogApi =>
      catalogApi.queryEntities.mockRejectedValue(new Error('catalog down')),
    );

    expect(
      await screen.findByText('Error: catalog down', { selector: 'h6' }),
    ).toBeInTheDocument();
  });
});
