import { renderInTestApp } from '@backstage/frontend-test-utils';
import { coreApis } from '@backstage/frontend-plugin-api';
import type { QueryEntitiesInitialRequest } from '@backstage/catalog-client';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PatternCatalogPage } from './PatternCatalogPage';
import {
  PATTERN_CARD_FIELDS,
  PATTERN_PAGE_LIMIT,
} from '../../api/patternQueries';
import {
  createCatalogApi,
  library,
  testApis,
} from '../../__testUtils__/fixtures';

function countBy(values: string[]) {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

const levelCounts = countBy(library.map(p => p.spec.level));
const categoryCounts = countBy(library.map(p => p.spec.category));
const serviceCounts = countBy(
  library.flatMap(p => [...new Set(p.spec.awsServices.map(s => s.name))]),
);

function namesOf(predicate: (p: (typeof library)[number]) => boolean) {
  return library.filter(predicate).map(p => p.metadata.name);
}

function renderPage(
  url = '/',
  setup?: (catalogApi: ReturnType<typeof createCatalogApi>) => void,
) {
  const catalogApi = createCatalogApi();
  setup?.(catalogApi);
  const { apis } = renderInTestApp(<PatternCatalogPage />, {
    apis: testApis(catalogApi),
    initialRouteEntries: [url],
  });
  return { catalogApi, history: apis.get(coreApis.appHistory)! };
}

/** The last list request; the page never continues one with a cursor. */
function lastRequest(catalogApi: ReturnType<typeof createCatalogApi>) {
  return catalogApi.queryEntities.mock.calls.at(-1)?.[0] as
    | QueryEntitiesInitialRequest
    | undefined;
}

function shownPatterns() {
  return screen
    .queryAllByTestId(/^pattern-card-/)
    .map(card => card.dataset.testid!.replace('pattern-card-', ''))
    .sort();
}

async function openSelect(label: string) {
  await userEvent.click(
    screen.getByRole('button', { name: new RegExp(label) }),
  );
  return within(await screen.findByRole('listbox'));
}

describe('PatternCatalogPage', () => {
  it('shows every pattern, asking the catalog for patterns only, with a limit', async () => {
    const { catalogApi } = renderPage();

    expect(await screen.findByTestId('pattern-card-cqrs')).toBeInTheDocument();
    expect(shownPatterns()).toEqual(library.map(p => p.metadata.name).sort());
    expect(screen.getByText(`${library.length} patterns`)).toBeInTheDocument();

    expect(catalogApi.queryEntities).toHaveBeenCalledTimes(1);
    expect(catalogApi.queryEntities).toHaveBeenCalledWith({
      filter: { kind: 'ArchitecturePattern' },
      fields: PATTERN_CARD_FIELDS,
      orderFields: [{ field: 'metadata.title', order: 'asc' }],
      limit: PATTERN_PAGE_LIMIT,
    });
    expect(catalogApi.getEntities).not.toHaveBeenCalled();
  });

  it('builds the filter menus from catalog facets', async () => {
    const { catalogApi } = renderPage();
    await screen.findByTestId('pattern-card-cqrs');

    expect(catalogApi.getEntityFacets).toHaveBeenCalledWith({
      filter: { kind: 'ArchitecturePattern' },
      facets: ['spec.level', 'spec.category', 'spec.awsServices.name'],
    });

    const levels = await openSelect('Level');
    expect(levels.getAllByRole('option').map(o => o.textContent)).toEqual([
      'Any',
      ...[...levelCounts.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([level, count]) => `${level} (${count})`),
    ]);
    await userEvent.keyboard('{Escape}');
    await waitFor(() =>
      expect(screen.queryByRole('listbox')).not.toBeInTheDocument(),
    );

    const categories = await openSelect('Category');
    expect(categories.getAllByRole('option')).toHaveLength(
      categoryCounts.size + 1,
    );
    expect(
      categories.getByRole('option', {
        name: `event-driven (${categoryCounts.get('event-driven')})`,
      }),
    ).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    await waitFor(() =>
      expect(screen.queryByRole('listbox')).not.toBeInTheDocument(),
    );

    const services = await openSelect('AWS service');
    expect(services.getAllByRole('option')).toHaveLength(
      serviceCounts.size + 1,
    );
    expect(
      services.getByRole('option', {
        name: `Amazon SQS (${serviceCounts.get('Amazon SQS')})`,
      }),
    ).toBeInTheDocument();
  });

  it('keeps a chosen level in the URL and filters on the server', async () => {
    const { catalogApi, history } = renderPage();
    await screen.findByTestId('pattern-card-cqrs');

    const levels = await openSelect('Level');
    await userEvent.click(
      levels.getByRole('option', {
        name: `beginner (${levelCounts.get('beginner')})`,
      }),
    );

    expect(history.getSnapshot().location.search).toBe('?level=beginner');
    expect(history.getSnapshot().action).toBe('PUSH');
    await waitFor(() =>
      expect(catalogApi.queryEntities).toHaveBeenCalledTimes(2),
    );
    expect(lastRequest(catalogApi)).toEqual({
      filter: { kind: 'ArchitecturePattern', 'spec.level': 'beginner' },
      fields: PATTERN_CARD_FIELDS,
      orderFields: [{ field: 'metadata.title', order: 'asc' }],
      limit: PATTERN_PAGE_LIMIT,
    });
    await waitFor(() =>
      expect(shownPatterns()).toEqual(
        namesOf(p => p.spec.level === 'beginner').sort(),
      ),
    );
    expect(screen.getByRole('button', { name: /Level/ })).toHaveTextContent(
      `beginner (${levelCounts.get('beginner')})`,
    );
  });

  it('removes a filter from the URL when set back to Any', async () => {
    const { catalogApi, history } = renderPage(
      '/?level=beginner&service=Amazon%20SQS',
    );
    await waitFor(() => expect(shownPatterns().length).toBeGreaterThan(0));

    const levels = await openSelect('Level');
    await userEvent.click(levels.getByRole('option', { name: 'Any' }));

    expect(history.getSnapshot().location.search).toBe('?service=Amazon+SQS');
    await waitFor(() =>
      expect(lastRequest(catalogApi)?.filter).toEqual({
        kind: 'ArchitecturePattern',
        'spec.awsServices.name': 'Amazon SQS',
      }),
    );
  });

  it('starts from the filters in the URL', async () => {
    const { catalogApi } = renderPage('/?level=advanced&category=event-driven');

    expect(
      await screen.findByTestId('pattern-card-event-driven-advanced'),
    ).toBeInTheDocument();
    expect(shownPatterns()).toEqual(
      namesOf(
        p => p.spec.level === 'advanced' && p.spec.category === 'event-driven',
      ),
    );
    expect(screen.getByText('1 pattern')).toBeInTheDocument();

    // One request, already filtered: never all patterns first.
    expect(catalogApi.queryEntities).toHaveBeenCalledTimes(1);
    expect(lastRequest(catalogApi)).toMatchObject({
      filter: {
        kind: 'ArchitecturePattern',
        'spec.level': 'advanced',
        'spec.category': 'event-driven',
      },
      limit: PATTERN_PAGE_LIMIT,
    });

    await waitFor(() =>
      expect(screen.getByRole('button', { name: /Level/ })).toHaveTextContent(
        `advanced (${levelCounts.get('advanced')})`,
      ),
    );
    expect(screen.getByRole('button', { name: /Category/ })).toHaveTextContent(
      `event-driven (${categoryCounts.get('event-driven')})`,
    );
  });

  it('shows a filter from the URL even when the facets do not list it', async () => {
    renderPage('/?service=Amazon%20Nonexistent');

    expect(
      await screen.findByText('No pattern matches these filters'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: /AWS service/ }),
    ).toHaveTextContent('Amazon Nonexistent');
  });

  describe('text search', () => {
    afterEach(() => {
      jest.useRealTimers();
    });

    it('is debounced into one fullTextFilter request', async () => {
      const { catalogApi, history } = renderPage();
      await screen.findByTestId('pattern-card-cqrs');
      const historyLength = history.getSnapshot().length;

      jest.useFakeTimers();
      const user = userEvent.setup({ advanceTimers: jest.advanceTimersByTime });
      await user.type(
        screen.getByRole('textbox', { name: 'Search patterns' }),
        'fan-out',
      );

      act(() => {
        jest.advanceTimersByTime(299);
      });
      expect(catalogApi.queryEntities).toHaveBeenCalledTimes(1);
      expect(history.getSnapshot().location.search).toBe('');

      act(() => {
        jest.advanceTimersByTime(1);
      });
      jest.useRealTimers();

      expect(history.getSnapshot().location.search).toBe('?text=fan-out');
      // Typing replaces the history entry rather than adding one per search.
      expect(history.getSnapshot().action).toBe('REPLACE');
      expect(history.getSnapshot().length).toBe(historyLength);

      await waitFor(() =>
        expect(catalogApi.queryEntities).toHaveBeenCalledTimes(2),
      );
      expect(lastRequest(catalogApi)).toEqual({
        filter: { kind: 'ArchitecturePattern' },
        fields: PATTERN_CARD_FIELDS,
        orderFields: [{ field: 'metadata.title', order: 'asc' }],
        limit: PATTERN_PAGE_LIMIT,
        fullTextFilter: {
          term: 'fan-out',
          fields: [
            'metadata.name',
            'metadata.title',
            'metadata.description',
            'metadata.tags',
          ],
        },
      });
      await waitFor(() => expect(shownPatterns()).toContain('sns-sqs-fan-out'));
      expect(shownPatterns()).not.toContain('three-tier');
    });

    it('starts from the search text in the URL', async () => {
      const { catalogApi } = renderPage('/?text=saga');

      expect(
        await screen.findByTestId('pattern-card-saga'),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('textbox', { name: 'Search patterns' }),
      ).toHaveValue('saga');
      expect(catalogApi.queryEntities).toHaveBeenCalledTimes(1);
      expect(lastRequest(catalogApi)?.fullTextFilter?.term).toBe('saga');
    });
  });

  it('shows an error when the catalog fails', async () => {
    renderPage('/', catalogApi =>
      catalogApi.queryEntities.mockRejectedValue(new Error('catalog down')),
    );

    expect(
      await screen.findByText('Error: catalog down', { selector: 'h6' }),
    ).toBeInTheDocument();
    expect(shownPatterns()).toEqual([]);
  });
});
