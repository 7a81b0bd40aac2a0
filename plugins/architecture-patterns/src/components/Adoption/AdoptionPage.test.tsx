import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { coreApis } from '@backstage/frontend-plugin-api';
import type { GetEntityFacetsRequest } from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { patternsPage } from '../../alpha/plugin';
import {
  adoptionFacetsRequest,
  PATTERN_FACET,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { adoptersPageRequest } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import {
  adopter,
  catalogEntityRoutes,
  createCatalogApi,
  libraryPattern,
  patternTemplate,
  testApis,
} from '../../__testUtils__/fixtures';
import { captureDownloads, readBlob } from '../../__testUtils__/downloads';

const CQRS = 'architecturepattern:default/cqrs';
const THREE_TIER = 'template:default/three-tier-service';
const EVENT_DRIVEN = 'template:default/event-driven-service';

const adopters: Entity[] = [
  adopter('order-intake', ['cqrs', 'saga'], {
    system: 'checkout',
    sourceTemplate: THREE_TIER,
    templateVersion: '1.10.0',
    conformance: { cqrs: 'conforming', saga: 'non-conforming' },
  }),
  adopter('reporting-api', ['cqrs'], {
    owner: 'group:default/analytics-team',
    system: 'reporting',
    conformance: { cqrs: 'conforming' },
  }),
  adopter('payment-orchestrator', ['saga', 'circuit-breaker'], {
    system: 'checkout',
    lifecycle: 'experimental',
    sourceTemplate: EVENT_DRIVEN,
    templateVersion: '1.0.0',
    conformance: { saga: 'conforming', 'circuit-breaker': 'not-checked' },
  }),
  adopter('warehouse', ['cqrs'], {
    kind: 'Resource',
    owner: 'analytics-team',
    lifecycle: 'experimental',
  }),
  adopter('ledger', ['three-tier'], {
    kind: 'System',
    owner: 'group:default/finance-team',
    sourceTemplate: THREE_TIER,
    templateVersion: '1.9.0',
    conformance: { 'three-tier': 'conforming' },
  }),
];
const templates = [
  patternTemplate(
    'three-tier-service',
    'three-tier',
    '1.10.0',
    'Three-tier service',
  ),
];

function renderPage(
  url = '/patterns/adoption',
  setup?: (catalogApi: ReturnType<typeof createCatalogApi>) => void,
) {
  const catalogApi = createCatalogApi({ adopters, templates });
  setup?.(catalogApi);
  const { apis } = renderInTestApp(
    createExtensionTester(patternsPage).reactElement(),
    {
      apis: testApis(catalogApi),
      mountPath: '/patterns',
      initialRouteEntries: [url],
      mountedRoutes: catalogEntityRoutes,
    },
  );
  return { catalogApi, history: apis.get(coreApis.appHistory)! };
}

/** The facets requests of the overview (the skew card asks for others). */
function overviewFacetRequests(
  catalogApi: ReturnType<typeof createCatalogApi>,
) {
  return catalogApi.getEntityFacets.mock.calls
    .map(([request]) => request as GetEntityFacetsRequest)
    .filter(request => request.facets?.includes(PATTERN_FACET));
}

/** The rows of a bar chart as "label count". */
function bars(title: string) {
  return within(screen.getByRole('figure', { name: title }))
    .queryAllByTestId(/^bar-/)
    .map(bar => {
      const [label, , count] = Array.from(bar.children);
      return `${label.textContent} ${count.textContent}`;
    });
}

const title = (name: string) => libraryPattern(name).metadata.title!;

/** The adopters in the table (the skew card below links to some too). */
function adopterLinks() {
  return screen
    .queryAllByRole('link', {
      name: /^(order-intake|reporting-api|payment-orchestrator|warehouse|ledger)$/,
    })
    .filter(
      link => link.closest('table') && !link.closest('[data-testid^="skew-"]'),
    )
    .map(link => link.textContent);
}

describe('AdoptionPage', () => {
  it('draws every chart from one facets request over all adopting entities', async () => {
    const { catalogApi } = renderPage();

    expect(
      await screen.findByRole('heading', { name: 'Adoption overview' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(bars('Adopters per pattern')).toEqual([
        `${title('cqrs')} 3`,
        `${title('saga')} 2`,
        `${title('circuit-breaker')} 1`,
        `${title('three-tier')} 1`,
      ]),
    );
    expect(bars('Per owning group')).toEqual([
      'analytics-team 2',
      'orders-team 2',
      'finance-team 1',
    ]);
    expect(bars('Per system')).toEqual(['checkout 2', 'reporting 1']);
    expect(bars('Per lifecycle')).toEqual(['production 3', 'experimental 2']);

    expect(overviewFacetRequests(catalogApi)).toEqual([
      adoptionFacetsRequest({}),
    ]);
    expect(catalogApi.getEntities).not.toHaveBeenCalled();
    expect(
      screen.getByText(
        'Click a bar to narrow the view; the URL keeps the filters.',
      ),
    ).toBeInTheDocument();
  });

  it('counts the adopting entities and how many a template generated', async () => {
    renderPage();

    expect(await screen.findByTestId('provenance')).toHaveTextContent(
      '3 generated from a template, 2 declared by hand',
    );
    expect(
      within(screen.getByTestId('provenance').parentElement!).getByText('5'),
    ).toBeInTheDocument();
  });

  it('lists the adopters in a table paged on the server', async () => {
    const { catalogApi } = renderPage();

    expect(await screen.findByText('Adopters (5)')).toBeInTheDocument();
    await waitFor(() =>
      expect(adopterLinks()).toEqual([
        'ledger',
        'order-intake',
        'payment-orchestrator',
        'reporting-api',
        'warehouse',
      ]),
    );
    expect(catalogApi.queryEntities).toHaveBeenCalledWith(
      adoptersPageRequest({}, 20),
    );
    const row = screen
      .getAllByRole('link', { name: 'order-intake' })
      .find(link => link.closest('tr'))!
      .closest('tr')!;
    expect(within(row).getByText('cqrs, saga')).toBeInTheDocument();
    expect(within(row).getByText('1.10.0')).toBeInTheDocument();
  });

  it('narrows everything to a pattern when its bar is clicked, keeping it in the URL', async () => {
    const { catalogApi, history } = renderPage();
    await waitFor(() => expect(bars('Adopters per pattern')).toHaveLength(4));
    const lengthBefore = history.getSnapshot().length!;

    await userEvent.click(screen.getByRole('button', { name: title('cqrs') }));

    expect(history.getSnapshot().location.pathname).toBe('/patterns/adoption');
    expect(history.getSnapshot().location.search).toBe(
      '?pattern=architecturepattern%3Adefault%2Fcqrs',
    );
    expect(history.getSnapshot().action).toBe('PUSH');
    expect(history.getSnapshot().length).toBe(lengthBefore + 1);
    await waitFor(() =>
      expect(overviewFacetRequests(catalogApi)).toEqual([
        adoptionFacetsRequest({}),
        adoptionFacetsRequest({ pattern: CQRS }),
      ]),
    );
    expect(overviewFacetRequests(catalogApi)[1].filter).toEqual({
      'relations.implementsPattern': CQRS,
      kind: ['Component', 'System', 'Resource'],
    });

    await waitFor(() =>
      expect(bars('Per owning group')).toEqual([
        'analytics-team 2',
        'orders-team 1',
      ]),
    );
    expect(bars('Adopters per pattern')).toEqual([
      `${title('cqrs')} 3`,
      `${title('saga')} 1`,
    ]);
    expect(screen.getByTestId('provenance')).toHaveTextContent(
      '1 generated from a template, 2 declared by hand',
    );
    expect(
      screen.getByRole('button', { name: 'Pattern: cqrs' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(adopterLinks()).toEqual([
        'order-intake',
        'reporting-api',
        'warehouse',
      ]),
    );
    expect(catalogApi.queryEntities).toHaveBeenLastCalledWith(
      adoptersPageRequest({ pattern: CQRS }, 20),
    );
  });

  it('combines bars of different charts, and a chip removes its filter', async () => {
    const { catalogApi, history } = renderPage();
    await waitFor(() => expect(bars('Per lifecycle')).toHaveLength(2));

    await userEvent.click(screen.getByRole('button', { name: 'experimental' }));
    await waitFor(() =>
      expect(bars('Per owning group')).toEqual([
        'analytics-team 1',
        'orders-team 1',
      ]),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'analytics-team' }),
    );

    expect(history.getSnapshot().location.search).toBe(
      '?lifecycle=experimental&owner=group%3Adefault%2Fanalytics-team',
    );
    await waitFor(() =>
      expect(overviewFacetRequests(catalogApi).at(-1)).toEqual(
        adoptionFacetsRequest({
          lifecycle: 'experimental',
          owner: 'group:default/analytics-team',
        }),
      ),
    );
    expect(overviewFacetRequests(catalogApi).at(-1)!.filter).toEqual({
      'relations.implementsPattern': expect.anything(),
      'relations.ownedBy': 'group:default/analytics-team',
      'spec.lifecycle': 'experimental',
      kind: ['Component', 'System', 'Resource'],
    });
    await waitFor(() => expect(adopterLinks()).toEqual(['warehouse']));
    const chips = within(screen.getByLabelText('Active filters'));
    expect(chips.getAllByRole('button').map(chip => chip.textContent)).toEqual([
      'Owner: group:default/analytics-team',
      'Lifecycle: experimental',
    ]);

    // The delete icon of the owner chip
    const ownerChip = chips.getByRole('button', {
      name: 'Owner: group:default/analytics-team',
    });
    await userEvent.click(ownerChip.querySelector('svg')!);

    expect(history.getSnapshot().location.search).toBe(
      '?lifecycle=experimental',
    );
    await waitFor(() =>
      expect(adopterLinks()).toEqual(['payment-orchestrator', 'warehouse']),
    );
  });

  it('filters by system through the partOf relation', async () => {
    const { catalogApi, history } = renderPage();
    await waitFor(() => expect(bars('Per system')).toHaveLength(2));

    await userEvent.click(screen.getByRole('button', { name: 'checkout' }));

    expect(history.getSnapshot().location.search).toBe(
      '?system=system%3Adefault%2Fcheckout',
    );
    await waitFor(() =>
      expect(adopterLinks()).toEqual(['order-intake', 'payment-orchestrator']),
    );
    expect(overviewFacetRequests(catalogApi).at(-1)!.filter).toMatchObject({
      'relations.partOf': 'system:default/checkout',
    });
  });

  it('starts from the filters in the URL with one facets request', async () => {
    const { catalogApi } = renderPage(
      '/patterns/adoption?owner=group%3Adefault%2Fanalytics-team&lifecycle=experimental',
    );

    await waitFor(() => expect(adopterLinks()).toEqual(['warehouse']));
    expect(overviewFacetRequests(catalogApi)).toEqual([
      adoptionFacetsRequest({
        owner: 'group:default/analytics-team',
        lifecycle: 'experimental',
      }),
    ]);
    expect(screen.getByTestId('provenance')).toHaveTextContent(
      '0 generated from a template, 1 declared by hand',
    );
    expect(bars('Per system')).toEqual([]);
    expect(
      within(screen.getByRole('figure', { name: 'Per system' })).getByText(
        'Nothing to show for these filters.',
      ),
    ).toBeInTheDocument();
  });

  it('exports the filtered adopters as CSV', async () => {
    const capture = captureDownloads();
    try {
      const { catalogApi } = renderPage(
        '/patterns/adoption?pattern=architecturepattern%3Adefault%2Fsaga',
      );
      await waitFor(() =>
        expect(adopterLinks()).toEqual([
          'order-intake',
          'payment-orchestrator',
        ]),
      );
      catalogApi.queryEntities.mockClear();

      await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

      await waitFor(() => expect(capture.downloads).toHaveLength(1));
      const [download] = capture.downloads;
      expect(download.fileName).toBe('pattern-adoption.csv');
      expect(download.linkInDocument).toBe(true);
      expect(download.blob.type).toBe('text/csv');
      expect(await readBlob(download.blob)).toBe(
        [
          'name,kind,owner,system,lifecycle,patterns,template,template version,provenance,conformance',
          `order-intake,Component,orders-team,checkout,production,cqrs saga,${THREE_TIER},1.10.0,generated,non-conforming (cqrs: conforming; saga: non-conforming)`,
          `payment-orchestrator,Component,orders-team,checkout,experimental,saga circuit-breaker,${EVENT_DRIVEN},1.0.0,generated,not-checked (saga: conforming; circuit-breaker: not-checked)`,
          '',
        ].join('\r\n'),
      );
      expect(catalogApi.queryEntities).toHaveBeenCalledTimes(1);
      expect(catalogApi.queryEntities).toHaveBeenCalledWith(
        adoptersPageRequest(
          { pattern: 'architecturepattern:default/saga' },
          500,
        ),
      );
      expect(capture.revokeObjectURL).toHaveBeenCalledWith(download.href);
      expect(document.querySelector('a[download]')).toBeNull();
      await waitFor(() =>
        expect(
          screen.getByRole('button', { name: 'Export CSV' }),
        ).toBeEnabled(),
      );
    } finally {
      capture.restore();
    }
  });

  it('shows why the counts could not be loaded', async () => {
    renderPage('/patterns/adoption', catalogApi =>
      catalogApi.getEntityFacets.mockRejectedValue(new Error('catalog down')),
    );

    expect(
      await screen.findByText('Error: catalog down', { selector: 'h6' }),
    ).toBeInTheDocument();
    expect(bars('Adopters per pattern')).toEqual([]);
  });

  describe('conformance', () => {
    const OVERALL_LABEL =
      'metadata.labels.architecture.platform.dev/conformance';

    /** The verdict buttons as "name count pressed?". */
    function verdicts() {
      return within(
        screen.getByRole('group', { name: 'Adopters per conformance verdict' }),
      )
        .getAllByRole('button')
        .map(
          button =>
            `${button.textContent!.replace(
              '\u00a0',
              ' ',
            )} ${button.getAttribute('aria-pressed')}`,
        );
    }

    /** The Conformance cell of an adopter's row in the table. */
    function conformanceCell(name: string) {
      const row = screen
        .getAllByRole('link', { name })
        .find(link => link.closest('tr'))!
        .closest('tr')!;
      const headers = Array.from(
        row.closest('table')!.querySelectorAll('thead th'),
      ).map(th => th.textContent);
      return row.querySelectorAll('td')[headers.indexOf('Conformance')];
    }

    it('counts the adopters per overall verdict, unlabelled ones as not checked', async () => {
      const { catalogApi } = renderPage();

      await waitFor(() =>
        expect(verdicts()).toEqual([
          'All 5 true',
          'Conforming 2 false',
          'Non-conforming 1 false',
          'Not checked 2 false',
        ]),
      );
      // From the one summary the page fetches anyway.
      expect(overviewFacetRequests(catalogApi)).toEqual([
        adoptionFacetsRequest({}),
      ]);
    });

    it('shows the overall verdict of each adopter and, below, the one per pattern', async () => {
      renderPage();
      await waitFor(() => expect(adopterLinks()).toHaveLength(5));

      expect(conformanceCell('order-intake')).toHaveTextContent(
        'Non-conforming' + 'cqrs: conforming' + 'saga: non-conforming',
      );
      expect(conformanceCell('reporting-api')).toHaveTextContent(
        /^Conforming$/,
      );
      expect(conformanceCell('warehouse')).toHaveTextContent(/^Not checked$/);
    });

    it('filters on the overall verdict, keeping it in the URL, and still counts every verdict', async () => {
      const { catalogApi, history } = renderPage();
      await waitFor(() => expect(verdicts()).toHaveLength(4));

      await userEvent.click(
        screen.getByRole('button', { name: /^Non-conforming/ }),
      );

      expect(history.getSnapshot().location.search).toBe(
        '?conformance=non-conforming',
      );
      await waitFor(() => expect(adopterLinks()).toEqual(['order-intake']));
      expect(catalogApi.queryEntities).toHaveBeenLastCalledWith(
        adoptersPageRequest({ conformance: 'non-conforming' }, 20),
      );
      expect(
        overviewFacetRequests(catalogApi).map(request => request.filter),
      ).toContainEqual(
        expect.objectContaining({ [OVERALL_LABEL]: 'non-conforming' }),
      );
      await waitFor(() =>
        expect(verdicts()).toEqual([
          'All 5 false',
          'Conforming 2 false',
          'Non-conforming 1 true',
          'Not checked 2 false',
        ]),
      );
      expect(
        within(screen.getByLabelText('Active filters')).getByRole('button', {
          name: 'Conformance: Non-conforming',
        }),
      ).toBeInTheDocument();
      expect(screen.getByText('Adopters (1)')).toBeInTheDocument();
    });

    it("counts and filters on the chosen pattern's verdict", async () => {
      const { catalogApi } = renderPage(
        '/patterns/adoption?pattern=architecturepattern%3Adefault%2Fcqrs',
      );

      await waitFor(() =>
        expect(verdicts()).toEqual([
          'All 3 true',
          'Conforming 2 false',
          'Non-conforming 0 false',
          'Not checked 1 false',
        ]),
      );
      expect(
        screen.getByText(`Of each adopter to ${title('cqrs')}`),
      ).toBeInTheDocument();

      await userEvent.click(
        screen.getByRole('button', { name: /^Conforming/ }),
      );

      await waitFor(() =>
        expect(adopterLinks()).toEqual(['order-intake', 'reporting-api']),
      );
      expect(catalogApi.queryEntities.mock.lastCall![0]).toMatchObject({
        filter: {
          'relations.implementsPattern': CQRS,
          'metadata.labels.conformance.architecture.platform.dev/cqrs':
            'conforming',
        },
      });
    });
  });
});
