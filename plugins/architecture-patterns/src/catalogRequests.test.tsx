/*
 * The catalog can hold many thousands of entities. Whatever the user does,
 * the plugin must only ask the catalog for entities with a filter and a limit
 * (or continue a filtered request with its cursor), and never list entities
 * unbounded.
 */
import {
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import type { CatalogApi } from '@backstage/catalog-client';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { coreApis } from '@backstage/frontend-plugin-api';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { entityPatternsCard, patternsPage } from './alpha/plugin';
import {
  adopter,
  catalogEntityRoutes,
  createCatalogApi,
  guides,
  libraryGuide,
  libraryPattern,
  patternTemplate,
  testApiPairs,
} from './__testUtils__/fixtures';
import { captureDownloads, readBlob } from './__testUtils__/downloads';
import { adoptersPageRequest } from '@platform-architecture/backstage-plugin-architecture-patterns-common';

type RecordedCall = { method: string; request: any };

const THREE_TIER_TEMPLATE = 'template:default/three-tier-service';
/** More three-tier services than one export page (500) holds. */
const GENERATED_SERVICES = 520;

/** Owner, system and lifecycle of the i-th generated service. */
function generated(i: number) {
  return {
    owner: ['orders-team', 'analytics-team', 'billing-team'][i % 3],
    system: i % 2 ? 'checkout' : undefined,
    lifecycle: i % 5 ? 'production' : 'experimental',
  };
}

/** How many generated services match. */
function countGenerated(
  predicate: (service: ReturnType<typeof generated>) => boolean,
) {
  return Array.from({ length: GENERATED_SERVICES }, (_, i) =>
    generated(i),
  ).filter(predicate).length;
}

/**
 * Wraps a catalog API so that every call to it is recorded. The catalog has
 * 23 services implementing CQRS by hand, 520 generated from the three-tier
 * template at several versions, the decision guides and the template.
 */
function recordingCatalogApi() {
  const inner = createCatalogApi({
    adopters: [
      ...Array.from({ length: 23 }, (_, i) =>
        adopter(`svc-${String(i + 1).padStart(2, '0')}`, ['cqrs']),
      ),
      ...Array.from({ length: GENERATED_SERVICES }, (_, i) =>
        adopter(`tier-${String(i + 1).padStart(3, '0')}`, ['three-tier'], {
          ...generated(i),
          sourceTemplate: THREE_TIER_TEMPLATE,
          templateVersion: ['1.2.0', '1.1.0', '1.0.0'][i % 3],
        }),
      ),
    ],
    guides,
    templates: [
      patternTemplate(
        'three-tier-service',
        'three-tier',
        '1.2.0',
        'Three-tier service',
      ),
    ],
  });
  const calls: RecordedCall[] = [];
  const api = new Proxy(inner as CatalogApi, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') {
        return value;
      }
      return (...args: unknown[]) => {
        calls.push({ method: String(property), request: args[0] });
        return value.apply(target, args);
      };
    },
  });
  return { api, calls };
}

const UNBOUNDED_METHODS = [
  'getEntities',
  'streamEntities',
  'streamEntityPages',
  'getEntityAncestors',
];

/** The only methods the plugin needs; each is bounded by its request. */
const BOUNDED_METHODS = [
  'queryEntities',
  'getEntityFacets',
  'getEntityByRef',
  'getEntitiesByRefs',
];

function expectOnlyBoundedEntityRequests(calls: RecordedCall[]) {
  expect(calls.length).toBeGreaterThan(0);
  expect(calls.filter(call => UNBOUNDED_METHODS.includes(call.method))).toEqual(
    [],
  );
  expect(calls.filter(call => !BOUNDED_METHODS.includes(call.method))).toEqual(
    [],
  );

  for (const { request } of calls.filter(c => c.method === 'queryEntities')) {
    expect(request).toBeDefined();
    expect(request.limit).toBeGreaterThan(0);
    if (!('cursor' in request)) {
      // an initial request: it must narrow the catalog down
      expect(request.filter).toBeDefined();
      expect(Object.keys(request.filter).length).toBeGreaterThan(0);
    }
  }
  for (const { request } of calls.filter(
    c => c.method === 'getEntitiesByRefs',
  )) {
    expect(request.entityRefs.length).toBeGreaterThan(0);
  }
  for (const { request } of calls.filter(c => c.method === 'getEntityFacets')) {
    // facets over the whole catalog would read every entity
    expect(request.filter).toBeDefined();
    expect(Object.keys(request.filter).length).toBeGreaterThan(0);
    expect(request.facets.length).toBeGreaterThan(0);
  }
}

/** The bar of a chart with the given key, to click. */
async function clickBar(key: string) {
  await userEvent.click(
    within(await screen.findByTestId(`bar-${key}`)).getByRole('button'),
  );
}

describe('catalog requests of the plugin', () => {
  it('are bounded on the pattern catalog page, whatever the filters', async () => {
    const { api, calls } = recordingCatalogApi();
    renderInTestApp(createExtensionTester(patternsPage).reactElement(), {
      apis: testApiPairs(api),
      mountPath: '/patterns',
      initialRouteEntries: ['/patterns?category=data'],
    });
    await screen.findByTestId('pattern-card-cqrs');

    await userEvent.click(screen.getByRole('button', { name: /Category/ }));
    await userEvent.click(
      within(await screen.findByRole('listbox')).getByRole('option', {
        name: 'Any',
      }),
    );
    await userEvent.click(screen.getByRole('button', { name: /Level/ }));
    await userEvent.click(
      within(await screen.findByRole('listbox')).getByRole('option', {
        name: /^advanced/,
      }),
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search patterns' }),
      'saga',
    );
    await waitFor(() =>
      expect(calls.some(c => c.request?.fullTextFilter?.term === 'saga')).toBe(
        true,
      ),
    );

    expect(calls.filter(c => c.method === 'queryEntities')).toHaveLength(4);
    expectOnlyBoundedEntityRequests(calls);
  });

  it('are bounded on a pattern page, also when paging through adopters', async () => {
    const { api, calls } = recordingCatalogApi();
    renderInTestApp(createExtensionTester(patternsPage).reactElement(), {
      apis: testApiPairs(api),
      mountPath: '/patterns',
      initialRouteEntries: ['/patterns/cqrs'],
      mountedRoutes: catalogEntityRoutes,
    });
    expect(await screen.findByText('Adopted by (23)')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Next Page' }));
    expect(await screen.findByText('svc-11')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Next Page' }));
    expect(await screen.findByText('svc-21')).toBeInTheDocument();

    const queries = calls.filter(c => c.method === 'queryEntities');
    // The templates of the pattern, the decision guides, then three pages
    // of adopters.
    expect(queries).toHaveLength(5);
    expect(queries.filter(c => 'cursor' in c.request)).toHaveLength(2);
    expect(calls.map(c => c.method)).toContain('getEntitiesByRefs');
    expectOnlyBoundedEntityRequests(calls);
  });

  it('are bounded for the entity card', async () => {
    const { api, calls } = recordingCatalogApi();
    await act(async () => {
      renderTestApp({
        extensions: [
          createTestEntityPage({
            entity: adopter('order-intake', ['cqrs', 'saga']),
          }),
          entityPatternsCard,
        ],
        apis: testApiPairs(api),
      });
    });
    expect(
      await screen.findByRole('link', { name: /CQRS/ }),
    ).toBeInTheDocument();

    expect(calls.map(c => c.method)).toEqual(['getEntitiesByRefs']);
    expectOnlyBoundedEntityRequests(calls);
  });

  // The in-memory catalog reads all 543 adopters for every request: slow.
  it('are bounded on the adoption page, also when filtering, paging and exporting', async () => {
    const { api, calls } = recordingCatalogApi();
    const capture = captureDownloads();
    try {
      const { apis } = renderInTestApp(
        createExtensionTester(patternsPage).reactElement(),
        {
          apis: testApiPairs(api),
          mountPath: '/patterns',
          initialRouteEntries: ['/patterns/adoption'],
          mountedRoutes: catalogEntityRoutes,
        },
      );
      const history = apis.get(coreApis.appHistory)!;
      expect(
        await screen.findByText(`Adopters (${23 + GENERATED_SERVICES})`),
      ).toBeInTheDocument();
      // the skew card lists the first twenty components per version behind
      expect(await screen.findAllByText(/…and \d+ more/)).toHaveLength(2);

      await userEvent.click(screen.getByRole('button', { name: 'Next Page' }));
      expect(await screen.findByText('svc-21')).toBeInTheDocument();

      await clickBar('architecturepattern:default/three-tier');
      await waitFor(() =>
        expect(history.getSnapshot().location.search).toBe(
          '?pattern=architecturepattern%3Adefault%2Fthree-tier',
        ),
      );
      expect(
        await screen.findByText(`Adopters (${GENERATED_SERVICES})`),
      ).toBeInTheDocument();
      await clickBar('group:default/analytics-team');
      expect(
        await screen.findByText(
          `Adopters (${countGenerated(s => s.owner === 'analytics-team')})`,
        ),
      ).toBeInTheDocument();
      expect(history.getSnapshot().location.search).toBe(
        '?pattern=architecturepattern%3Adefault%2Fthree-tier' +
          '&owner=group%3Adefault%2Fanalytics-team',
      );

      // Remove the owner again, so that the export pages.
      const ownerChip = within(
        screen.getByLabelText('Active filters'),
      ).getByRole('button', { name: /^Owner:/ });
      await userEvent.click(ownerChip.querySelector('svg')!);
      await waitFor(() =>
        expect(history.getSnapshot().location.search).toBe(
          '?pattern=architecturepattern%3Adefault%2Fthree-tier',
        ),
      );

      await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
      await waitFor(() => expect(capture.downloads).toHaveLength(1));
      const csv = await readBlob(capture.downloads[0].blob);
      expect(csv.split('\r\n')).toHaveLength(1 + GENERATED_SERVICES + 1);
    } finally {
      capture.restore();
    }

    const facets = calls.filter(c => c.method === 'getEntityFacets');
    // the overview once per filter state, and the template's versions
    expect(facets.length).toBeGreaterThanOrEqual(4);
    const queries = calls.filter(c => c.method === 'queryEntities');
    // The export asked for 500 with the filter, then continued with the
    // cursor; the pattern titles are asked for with 500 too.
    expect(
      queries
        .filter(
          c =>
            c.request.limit === 500 &&
            c.request.filter?.kind !== 'ArchitecturePattern',
        )
        .map(c => c.request),
    ).toEqual([
      adoptersPageRequest(
        { pattern: 'architecturepattern:default/three-tier' },
        500,
      ),
      { cursor: expect.any(String), limit: 500, fields: expect.any(Array) },
    ]);
    // and the table paged with its cursor
    expect(
      queries.filter(c => c.request.limit === 20 && 'cursor' in c.request),
    ).toHaveLength(1);
    expectOnlyBoundedEntityRequests(calls);
  }, 45_000);

  it('are bounded on the guides, a guide and a comparison', async () => {
    const { api, calls } = recordingCatalogApi();
    const guide = libraryGuide('service-architecture');
    renderInTestApp(createExtensionTester(patternsPage).reactElement(), {
      apis: testApiPairs(api),
      mountPath: '/patterns',
      initialRouteEntries: ['/patterns/guides'],
    });

    await userEvent.click(
      await screen.findByRole('link', { name: guide.metadata.title }),
    );
    for (const question of guide.spec.questions) {
      await userEvent.click(
        within(
          await screen.findByRole('group', { name: question.text }),
        ).getAllByRole('radio')[0],
      );
    }
    expect(await screen.findByTestId('guide-recommended')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Start over' }));
    await waitFor(() =>
      expect(screen.queryByTestId('guide-recommended')).not.toBeInTheDocument(),
    );
    await userEvent.click(screen.getAllByRole('radio')[1]);
    await userEvent.click(
      await screen.findByRole('link', { name: 'Monolith or microservices' }),
    );
    expect(
      await screen.findByRole('table', { name: 'Monolith or microservices' }),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('link', { name: 'three-tier-microservices' }),
    );
    expect(
      await screen.findByRole('heading', {
        name: libraryPattern('three-tier-microservices').metadata.title,
      }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Decide and compare')).toBeInTheDocument();

    expect(calls.map(c => c.method)).toEqual(
      expect.arrayContaining(['queryEntities', 'getEntitiesByRefs']),
    );
    expectOnlyBoundedEntityRequests(calls);
  });
});
