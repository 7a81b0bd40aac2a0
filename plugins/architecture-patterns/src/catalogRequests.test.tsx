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
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { entityPatternsCard, patternsPage } from './alpha/plugin';
import {
  adopter,
  catalogEntityRoutes,
  createCatalogApi,
} from './__testUtils__/fixtures';

type RecordedCall = { method: string; request: any };

/** Wraps a catalog API so that every call to it is recorded. */
function recordingCatalogApi() {
  const inner = createCatalogApi({
    adopters: Array.from({ length: 23 }, (_, i) =>
      adopter(`svc-${String(i + 1).padStart(2, '0')}`, ['cqrs']),
    ),
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

function expectOnlyBoundedEntityRequests(calls: RecordedCall[]) {
  expect(calls.length).toBeGreaterThan(0);
  expect(calls.filter(call => UNBOUNDED_METHODS.includes(call.method))).toEqual(
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
    expect(request.filter).toBeDefined();
  }
}

describe('catalog requests of the plugin', () => {
  it('are bounded on the pattern catalog page, whatever the filters', async () => {
    const { api, calls } = recordingCatalogApi();
    renderInTestApp(createExtensionTester(patternsPage).reactElement(), {
      apis: [[catalogApiRef, api]],
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
      apis: [[catalogApiRef, api]],
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
    expect(calls.map(c => c.method)).toContain('getEntityByRef');
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
        apis: [[catalogApiRef, api]],
      });
    });
    expect(
      await screen.findByRole('link', { name: /CQRS/ }),
    ).toBeInTheDocument();

    expect(calls.map(c => c.method)).toEqual(['getEntitiesByRefs']);
    expectOnlyBoundedEntityRequests(calls);
  });
});
