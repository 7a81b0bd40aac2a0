import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { patternsPage } from '../../alpha/plugin';
import { PatternGuides } from './PatternGuides';
import { guidesRequest } from './guideQueries';
import { PatternLinkProvider } from '../PatternLink/PatternLinkContext';
import {
  catalogEntityRoutes,
  createCatalogApi,
  guides,
  library,
  testApis,
} from '../../__testUtils__/fixtures';

/** What the card should link to for a pattern, from the guide library. */
function expectedFor(pattern: string) {
  return {
    guides: guides
      .filter(g => g.spec.outcomes.some(o => o.pattern === pattern))
      .sort((a, b) =>
        a.metadata.title.toLowerCase() < b.metadata.title.toLowerCase()
          ? -1
          : 1,
      )
      .map(g => [g.metadata.title, `/patterns/guides/${g.metadata.name}`]),
    comparisons: [...guides]
      .sort((a, b) =>
        a.metadata.title.toLowerCase() < b.metadata.title.toLowerCase()
          ? -1
          : 1,
      )
      .flatMap(g =>
        (g.spec.comparisons ?? [])
          .filter(c => c.patterns?.includes(pattern))
          .map(c => [c.title, `/patterns/compare/${g.metadata.name}/${c.id}`]),
      ),
  };
}

function linksIn(text: RegExp) {
  const paragraph = screen.queryByText(text);
  return paragraph
    ? within(paragraph)
        .getAllByRole('link')
        .map(link => [link.textContent, link.getAttribute('href')])
    : [];
}

function renderGuides(patternName: string, basePath?: string) {
  const catalogApi = createCatalogApi({ guides });
  const card = <PatternGuides patternName={patternName} />;
  renderInTestApp(
    basePath ? (
      <PatternLinkProvider basePath={basePath}>{card}</PatternLinkProvider>
    ) : (
      card
    ),
    { apis: testApis(catalogApi) },
  );
  return { catalogApi };
}

describe('PatternGuides', () => {
  it('links to the guides that can recommend the pattern and the comparisons that list it', async () => {
    const { catalogApi } = renderGuides('event-driven-basic');

    expect(await screen.findByText('Decide and compare')).toBeInTheDocument();
    expect(linksIn(/^Guides that can recommend it:/)).toEqual([
      [
        'Queue, topic, event bus or stream?',
        '/patterns/guides/messaging-streaming',
      ],
      [
        'Which service architecture fits?',
        '/patterns/guides/service-architecture',
      ],
    ]);
    expect(linksIn(/^Side-by-side comparisons:/)).toEqual([
      [
        'Lambda or Flink for stream processing',
        '/patterns/compare/messaging-streaming/lambda-vs-flink',
      ],
      [
        'SQS standard, SQS FIFO, SNS and EventBridge',
        '/patterns/compare/messaging-streaming/queue-topic-bus',
      ],
      [
        'Synchronous microservice or event-driven service',
        '/patterns/compare/service-architecture/sync-vs-event-driven',
      ],
    ]);
    expect(catalogApi.queryEntities).toHaveBeenCalledTimes(1);
    expect(catalogApi.queryEntities).toHaveBeenCalledWith(guidesRequest());
  });

  it.each(
    library
      .map(p => p.metadata.name)
      .filter(name => {
        const { guides: g, comparisons } = expectedFor(name);
        return g.length + comparisons.length > 0;
      }),
  )('links %s to the guides and comparisons of the library', async name => {
    renderGuides(name);
    const expected = expectedFor(name);

    expect(await screen.findByText('Decide and compare')).toBeInTheDocument();
    expect(linksIn(/^Guides that can recommend it:/)).toEqual(expected.guides);
    expect(linksIn(/^Side-by-side comparisons:/)).toEqual(expected.comparisons);
  });

  it('shows only comparisons for a pattern no guide recommends', async () => {
    renderGuides('microservice-vs-event-driven');

    expect(await screen.findByText('Decide and compare')).toBeInTheDocument();
    expect(
      screen.queryByText(/^Guides that can recommend it:/),
    ).not.toBeInTheDocument();
    expect(linksIn(/^Side-by-side comparisons:/)).toEqual([
      [
        'Synchronous microservice or event-driven service',
        '/patterns/compare/service-architecture/sync-vs-event-driven',
      ],
    ]);
  });

  it('shows only guides for a pattern no comparison lists', async () => {
    renderGuides('strangler-fig');

    expect(await screen.findByText('Decide and compare')).toBeInTheDocument();
    expect(linksIn(/^Guides that can recommend it:/)).toEqual([
      [
        'Which service architecture fits?',
        '/patterns/guides/service-architecture',
      ],
    ]);
    expect(
      screen.queryByText(/^Side-by-side comparisons:/),
    ).not.toBeInTheDocument();
  });

  it('renders nothing for a pattern no guide or comparison mentions', async () => {
    const catalogApi = createCatalogApi({ guides });
    // Next to a card that does render, to know the guides have loaded.
    renderInTestApp(
      <>
        <div data-testid="unmentioned">
          <PatternGuides patternName="global-chat-application" />
        </div>
        <div data-testid="mentioned">
          <PatternGuides patternName="strangler-fig" />
        </div>
      </>,
      { apis: testApis(catalogApi) },
    );

    expect(await screen.findByText('Decide and compare')).toBeInTheDocument();
    expect(catalogApi.queryEntities).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId('unmentioned')).toBeEmptyDOMElement();
    expect(
      within(screen.getByTestId('mentioned')).getByText('Decide and compare'),
    ).toBeInTheDocument();
  });

  it('links below the path the app mounts the plugin at', async () => {
    renderGuides('cqrs', '/architecture');

    expect(await screen.findByText('Decide and compare')).toBeInTheDocument();
    expect(linksIn(/^Guides that can recommend it:/)).toEqual([
      ['Which kind of data store?', '/architecture/guides/data-store'],
    ]);
    expect(linksIn(/^Side-by-side comparisons:/)).toEqual([
      [
        'CAP during a network partition',
        '/architecture/compare/data-store/cp-vs-ap',
      ],
    ]);
  });

  it('appears on the pattern page', async () => {
    const catalogApi = createCatalogApi({ guides });
    renderInTestApp(createExtensionTester(patternsPage).reactElement(), {
      apis: testApis(catalogApi),
      mountPath: '/patterns',
      initialRouteEntries: ['/patterns/cqrs'],
      mountedRoutes: catalogEntityRoutes,
    });

    expect(await screen.findByText('Decide and compare')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Which kind of data store?' }),
    ).toHaveAttribute('href', '/patterns/guides/data-store');
    expect(
      screen.getByRole('link', { name: 'CAP during a network partition' }),
    ).toHaveAttribute('href', '/patterns/compare/data-store/cp-vs-ap');
    expect(catalogApi.queryEntities).toHaveBeenCalledWith(guidesRequest());
  });
});
