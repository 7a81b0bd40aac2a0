import { useState } from 'react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  ADOPTER_FIELDS,
  adoptionFacetsRequest,
  ConformanceStatus,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { AdoptedByTable } from './AdoptedByTable';
import {
  adopter,
  catalogEntityRoutes,
  createCatalogApi,
  testApis,
} from '../../__testUtils__/fixtures';

const CQRS = 'architecturepattern:default/cqrs';
const CQRS_LABEL = 'metadata.labels.conformance.architecture.platform.dev/cqrs';
const SAGA = 'architecturepattern:default/saga';

// Twelve adopters of CQRS, so that they take two pages of ten.
const cqrsAdopters = Array.from({ length: 12 }, (_, i) =>
  adopter(`reads-${String(i + 1).padStart(2, '0')}`, ['cqrs'], {
    owner: i % 2 ? 'group:default/analytics-team' : 'orders-team',
    system: i % 3 ? 'checkout' : undefined,
    lifecycle: i === 0 ? 'experimental' : 'production',
    templateVersion: i % 4 ? undefined : `1.${i}.0`,
    // Four non-conforming, four conforming, four the catalog has not labelled.
    conformance: [{ cqrs: 'non-conforming' }, { cqrs: 'conforming' }, {}][
      i % 3
    ] as Record<string, ConformanceStatus>,
  }),
);
const sagaAdopters = [
  adopter('payment-orchestrator', ['saga', 'circuit-breaker']),
];

/**
 * The table for one pattern, with a button that switches it to another, as
 * a related pattern link does on the pattern page.
 */
function TableWithPatternSwitch(props: { initial: string; next: string }) {
  const [patternRef, setPatternRef] = useState(props.initial);
  return (
    <>
      <button onClick={() => setPatternRef(props.next)}>switch pattern</button>
      <AdoptedByTable patternRef={patternRef} />
    </>
  );
}

function renderTable(
  patternRef: string,
  setup?: (catalogApi: ReturnType<typeof createCatalogApi>) => void,
) {
  const catalogApi = createCatalogApi({
    adopters: [...cqrsAdopters, ...sagaAdopters],
  });
  setup?.(catalogApi);
  renderInTestApp(<TableWithPatternSwitch initial={patternRef} next={SAGA} />, {
    apis: testApis(catalogApi),
    mountedRoutes: catalogEntityRoutes,
  });
  return { catalogApi };
}

function rowOf(name: string) {
  return screen.getByRole('link', { name }).closest('tr')!;
}

function shownAdopters() {
  return screen
    .queryAllByRole('link', { name: /^reads-|^payment-/ })
    .map(link => link.textContent);
}

describe('AdoptedByTable', () => {
  it('asks the catalog for one page of entities that implement the pattern', async () => {
    const { catalogApi } = renderTable(CQRS);

    expect(
      await screen.findByRole('link', { name: 'reads-01' }),
    ).toBeInTheDocument();
    expect(catalogApi.queryEntities).toHaveBeenCalledTimes(1);
    expect(catalogApi.queryEntities).toHaveBeenCalledWith({
      filter: {
        'relations.implementsPattern': CQRS,
        kind: ['Component', 'System', 'Resource'],
      },
      fields: ADOPTER_FIELDS,
      orderFields: [{ field: 'metadata.name', order: 'asc' }],
      limit: 10,
      totalItems: 'exclude',
    });
    // The number of adopters comes from the pattern's adoption summary.
    expect(catalogApi.getEntityFacets).toHaveBeenCalledWith(
      adoptionFacetsRequest({ pattern: CQRS }),
    );
    expect(catalogApi.getEntities).not.toHaveBeenCalled();

    expect(shownAdopters()).toEqual(
      cqrsAdopters.slice(0, 10).map(a => a.metadata.name),
    );
    expect(screen.getByText('Adopted by (12)')).toBeInTheDocument();
  });

  it('shows the owner, system, lifecycle and template version of each adopter', async () => {
    renderTable(CQRS);
    await screen.findByRole('link', { name: 'reads-01' });

    const first = within(rowOf('reads-01'));
    expect(first.getByRole('link', { name: 'orders-team' })).toHaveAttribute(
      'href',
      '/catalog/default/group/orders-team',
    );
    expect(first.getByText('-')).toBeInTheDocument(); // no system
    expect(first.getByText('experimental')).toBeInTheDocument();
    expect(first.getByText('1.0.0')).toBeInTheDocument();

    const second = within(rowOf('reads-02'));
    expect(
      second.getByRole('link', { name: 'analytics-team' }),
    ).toHaveAttribute('href', '/catalog/default/group/analytics-team');
    expect(second.getByText('checkout')).toBeInTheDocument();
    expect(second.getByText('production')).toBeInTheDocument();
    expect(second.getByText('declared by hand')).toBeInTheDocument();

    expect(within(rowOf('reads-05')).getByText('1.4.0')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'reads-01' })).toHaveAttribute(
      'href',
      '/catalog/default/component/reads-01',
    );
  });

  it('pages forward with the cursor and back with the first request', async () => {
    const { catalogApi } = renderTable(CQRS);
    await screen.findByRole('link', { name: 'reads-01' });
    const firstPage = await catalogApi.queryEntities.mock.results[0].value;
    expect(firstPage.pageInfo.nextCursor).toEqual(expect.any(String));

    await userEvent.click(screen.getByRole('button', { name: 'Next Page' }));

    await waitFor(() =>
      expect(shownAdopters()).toEqual(['reads-11', 'reads-12']),
    );
    expect(catalogApi.queryEntities).toHaveBeenCalledTimes(2);
    expect(catalogApi.queryEntities).toHaveBeenLastCalledWith({
      cursor: firstPage.pageInfo.nextCursor,
      limit: 10,
      fields: ADOPTER_FIELDS,
    });

    await userEvent.click(
      screen.getByRole('button', { name: 'Previous Page' }),
    );
    await waitFor(() => expect(shownAdopters()).toHaveLength(10));
    expect(catalogApi.queryEntities).toHaveBeenLastCalledWith(
      expect.objectContaining({
        filter: {
          'relations.implementsPattern': CQRS,
          kind: ['Component', 'System', 'Resource'],
        },
        limit: 10,
      }),
    );
  });

  it('never asks without a filter or a cursor', async () => {
    const { catalogApi } = renderTable(CQRS);
    await screen.findByRole('link', { name: 'reads-01' });
    await userEvent.click(screen.getByRole('button', { name: 'Next Page' }));
    await waitFor(() =>
      expect(shownAdopters()).toEqual(['reads-11', 'reads-12']),
    );

    const requests = catalogApi.queryEntities.mock.calls.map(([r]) => r!);
    expect(requests.map(r => r.limit)).toEqual([10, 10]);
    expect(requests.map(r => ('cursor' in r ? 'cursor' : r.filter))).toEqual([
      {
        'relations.implementsPattern': CQRS,
        kind: ['Component', 'System', 'Resource'],
      },
      'cursor',
    ]);
  });

  it('starts from the first page again for another pattern', async () => {
    const { catalogApi } = renderTable(CQRS);
    await screen.findByRole('link', { name: 'reads-01' });
    await userEvent.click(screen.getByRole('button', { name: 'Next Page' }));
    await waitFor(() =>
      expect(shownAdopters()).toEqual(['reads-11', 'reads-12']),
    );

    // The pattern page stays mounted when a related pattern link changes
    // the pattern in the URL; only the prop changes.
    await userEvent.click(
      screen.getByRole('button', { name: 'switch pattern' }),
    );

    await waitFor(() =>
      expect(shownAdopters()).toEqual(['payment-orchestrator']),
    );
    expect(catalogApi.queryEntities).toHaveBeenLastCalledWith(
      expect.objectContaining({
        filter: {
          'relations.implementsPattern': SAGA,
          kind: ['Component', 'System', 'Resource'],
        },
        limit: 10,
      }),
    );
    expect(screen.getByText('Adopted by (1)')).toBeInTheDocument();
  });

  it('says so when nothing adopts the pattern', async () => {
    renderTable('architecturepattern:default/hybrid-cloud');

    expect(
      await screen.findByText('No component declares this pattern yet.'),
    ).toBeInTheDocument();
    expect(screen.getByText('Adopted by (0)')).toBeInTheDocument();
  });

  it('shows why adopters could not be loaded', async () => {
    renderTable(CQRS, catalogApi =>
      catalogApi.queryEntities.mockRejectedValue(new Error('catalog down')),
    );

    expect(
      await screen.findByText('Could not load adopters: catalog down'),
    ).toBeInTheDocument();
  });

  describe('conformance', () => {
    /** The filter buttons as "name pressed?". */
    function filterButtons() {
      return within(
        screen.getByRole('group', {
          name: 'Filter adopters by conformance to this pattern',
        }),
      )
        .getAllByRole('button')
        .map(
          button =>
            `${button.textContent} ${button.getAttribute('aria-pressed')}`,
        );
    }

    it('counts the adopters per verdict on the pattern', async () => {
      const { catalogApi } = renderTable(CQRS);

      await waitFor(() =>
        expect(filterButtons()).toEqual([
          'All\u00a012 true',
          'Conforming\u00a04 false',
          'Non-conforming\u00a04 false',
          // Unlabelled adopters count as not checked.
          'Not checked\u00a04 false',
        ]),
      );
      // One summary, of this pattern: it counts the verdicts too.
      expect(catalogApi.getEntityFacets).toHaveBeenCalledTimes(1);
    });

    it("shows each adopter's verdict on the pattern", async () => {
      renderTable(CQRS);
      await screen.findByRole('link', { name: 'reads-01' });

      expect(
        within(rowOf('reads-01')).getByText('Non-conforming'),
      ).toBeTruthy();
      expect(within(rowOf('reads-02')).getByText('Conforming')).toBeTruthy();
      expect(within(rowOf('reads-03')).getByText('Not checked')).toBeTruthy();
      expect(
        screen.getByRole('columnheader', { name: 'Conformance' }),
      ).toBeInTheDocument();
    });

    it('filters the adopters on the catalog label of their verdict', async () => {
      const { catalogApi } = renderTable(CQRS);
      await waitFor(() => expect(filterButtons()).toHaveLength(4));

      await userEvent.click(
        screen.getByRole('button', { name: /^Non-conforming/ }),
      );

      await waitFor(() =>
        expect(shownAdopters()).toEqual([
          'reads-01',
          'reads-04',
          'reads-07',
          'reads-10',
        ]),
      );
      expect(catalogApi.queryEntities).toHaveBeenLastCalledWith(
        expect.objectContaining({
          filter: {
            'relations.implementsPattern': CQRS,
            [CQRS_LABEL]: 'non-conforming',
            kind: ['Component', 'System', 'Resource'],
          },
          limit: 10,
        }),
      );
      expect(screen.getByText('Adopted by (4)')).toBeInTheDocument();
      expect(
        screen.getByRole('button', { name: /^Non-conforming/ }),
      ).toHaveAttribute('aria-pressed', 'true');
      // The counts stay those of all the pattern's adopters.
      expect(filterButtons()[0]).toBe('All\u00a012 false');

      // Pressing it again shows them all.
      await userEvent.click(
        screen.getByRole('button', { name: /^Non-conforming/ }),
      );
      await waitFor(() => expect(shownAdopters()).toHaveLength(10));
      expect(catalogApi.queryEntities.mock.lastCall![0]).toMatchObject({
        filter: {
          'relations.implementsPattern': CQRS,
          kind: ['Component', 'System', 'Resource'],
        },
      });
      expect(screen.getByText('Adopted by (12)')).toBeInTheDocument();
    });

    it('is usable from the keyboard', async () => {
      renderTable(CQRS);
      await waitFor(() => expect(filterButtons()).toHaveLength(4));

      screen.getByRole('button', { name: /^All/ }).focus();
      await userEvent.tab();
      expect(screen.getByRole('button', { name: /^Conforming/ })).toHaveFocus();
      await userEvent.keyboard('{Enter}');

      await waitFor(() =>
        expect(shownAdopters()).toEqual([
          'reads-02',
          'reads-05',
          'reads-08',
          'reads-11',
        ]),
      );
    });

    it('starts unfiltered on another pattern', async () => {
      const { catalogApi } = renderTable(CQRS);
      await waitFor(() => expect(filterButtons()).toHaveLength(4));
      await userEvent.click(
        screen.getByRole('button', { name: /^Conforming/ }),
      );
      await waitFor(() => expect(shownAdopters()).toHaveLength(4));

      await userEvent.click(
        screen.getByRole('button', { name: 'switch pattern' }),
      );

      await waitFor(() =>
        expect(shownAdopters()).toEqual(['payment-orchestrator']),
      );
      expect(catalogApi.queryEntities.mock.lastCall![0]).toMatchObject({
        filter: {
          'relations.implementsPattern': SAGA,
          kind: ['Component', 'System', 'Resource'],
        },
      });
      expect(screen.getByRole('button', { name: /^All/ })).toHaveAttribute(
        'aria-pressed',
        'true',
      );
    });
  });
});
