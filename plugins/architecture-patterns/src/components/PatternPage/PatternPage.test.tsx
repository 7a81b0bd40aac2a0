import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { coreApis } from '@backstage/frontend-plugin-api';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { patternsPage } from '../../alpha/plugin';
import {
  adopter,
  catalogEntityRoutes,
  createCatalogApi,
  libraryPattern,
  testApis,
} from '../../__testUtils__/fixtures';

// The pattern page as the app shows it: below the plugin page at /patterns.
function renderPatternPage(
  name: string,
  options: { adopters?: ReturnType<typeof adopter>[] } = {},
) {
  const catalogApi = createCatalogApi(options);
  const { apis } = renderInTestApp(
    createExtensionTester(patternsPage).reactElement(),
    {
      apis: testApis(catalogApi),
      mountPath: '/patterns',
      initialRouteEntries: [`/patterns/${name}`],
      mountedRoutes: catalogEntityRoutes,
    },
  );
  return { catalogApi, history: apis.get(coreApis.appHistory)! };
}

function adopterNames() {
  return screen
    .queryAllByRole('link', { name: /^svc-/ })
    .map(link => link.textContent);
}

describe('PatternPage', () => {
  it('shows the pattern from the catalog, with its level and category', async () => {
    const cqrs = libraryPattern('cqrs');
    const { catalogApi } = renderPatternPage('cqrs');

    expect(
      await screen.findByRole('heading', { name: cqrs.metadata.title }),
    ).toBeInTheDocument();
    expect(screen.getByText(cqrs.metadata.description)).toBeInTheDocument();
    expect(screen.getByText(cqrs.spec.level)).toBeInTheDocument();
    expect(screen.getByText(cqrs.spec.category)).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Architecture pattern' }),
    ).toHaveAttribute('href', '/patterns');
    expect(
      await screen.findByRole('img', {
        name: `Diagram: ${cqrs.metadata.title}`,
      }),
    ).toBeInTheDocument();

    // One request for the pattern, without the relation to every adopter.
    expect(catalogApi.getEntitiesByRefs).toHaveBeenCalledTimes(1);
    expect(catalogApi.getEntitiesByRefs).toHaveBeenCalledWith({
      entityRefs: ['architecturepattern:default/cqrs'],
      fields: ['apiVersion', 'kind', 'metadata', 'spec'],
    });
  });

  it('says so when there is no pattern of that name', async () => {
    renderPatternPage('no-such-pattern');

    expect(
      await screen.findByRole('heading', {
        name: 'No architecture pattern named "no-such-pattern"',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Browse the pattern catalog' }),
    ).toHaveAttribute('href', '/patterns');
  });

  it('goes back to the catalog from the header', async () => {
    const { history } = renderPatternPage('saga');
    await screen.findByRole('heading', {
      name: libraryPattern('saga').metadata.title,
    });

    await userEvent.click(
      screen.getByRole('link', { name: 'Architecture pattern' }),
    );

    expect(history.getSnapshot().location.pathname).toBe('/patterns');
    expect(await screen.findByTestId('pattern-card-saga')).toBeInTheDocument();
  });

  it('follows a related pattern link to the first page of its adopters', async () => {
    const adopters = [
      ...Array.from({ length: 12 }, (_, i) =>
        adopter(`svc-cqrs-${String(i + 1).padStart(2, '0')}`, ['cqrs']),
      ),
      adopter('svc-saga', ['saga']),
    ];
    const { history } = renderPatternPage('cqrs', { adopters });
    await waitFor(() => expect(adopterNames()).toHaveLength(10));
    await userEvent.click(screen.getByRole('button', { name: 'Next Page' }));
    await waitFor(() =>
      expect(adopterNames()).toEqual(['svc-cqrs-11', 'svc-cqrs-12']),
    );

    // in the "Related patterns" card
    await userEvent.click(screen.getByRole('link', { name: 'saga' }));

    expect(history.getSnapshot().location.pathname).toBe('/patterns/saga');
    expect(
      await screen.findByRole('heading', {
        name: libraryPattern('saga').metadata.title,
      }),
    ).toBeInTheDocument();
    await waitFor(() => expect(adopterNames()).toEqual(['svc-saga']));
  });

  it("explains how conformance to the pattern is checked, with the library's rules", async () => {
    const pattern = libraryPattern('event-driven-basic');
    const { rules, guard } = pattern.spec.conformance!;
    expect(rules.length).toBeGreaterThan(0);
    renderPatternPage('event-driven-basic', {
      adopters: [
        adopter('svc-orders', ['event-driven-basic'], {
          conformance: { 'event-driven-basic': 'non-conforming' },
        }),
      ],
    });

    const table = await screen.findByRole('table', {
      name: 'Conformance rules',
    });
    expect(screen.getByText('How conformance is checked')).toBeInTheDocument();
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map(row =>
        Array.from(row.querySelectorAll('td'), cell => cell.textContent),
      ),
    ).toEqual(rules.map(rule => [rule.id, rule.description, rule.severity]));
    expect(screen.getByTestId('guard-source').textContent).toBe(guard);

    // The adopters show their verdict on this pattern.
    await waitFor(() => expect(adopterNames()).toEqual(['svc-orders']));
    expect(
      within(
        screen.getByRole('link', { name: 'svc-orders' }).closest('tr')!,
      ).getByText('Non-conforming'),
    ).toBeInTheDocument();
  });
});
