import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { CacheService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { adoptionFacetsRequest } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { AdoptionSummaries } from './AdoptionSummaries';

const MAX_AGE_MS = 60_000;

/** A cache in memory that honours TTLs on the test's clock. */
function memoryCache(now: () => number): CacheService {
  const entries = new Map<string, { value: any; expires: number }>();
  const cache: CacheService = {
    async get(key) {
      const entry = entries.get(key);
      return entry && entry.expires > now() ? entry.value : undefined;
    },
    async set(key, value, options) {
      entries.set(key, {
        value,
        expires: now() + Number(options?.ttl ?? Infinity),
      });
    },
    async delete(key) {
      entries.delete(key);
    },
    withOptions: () => cache,
  };
  return cache;
}

function setup(options: { shared?: boolean } = {}) {
  let clock = Date.parse('2026-03-02T09:00:00Z');
  let adopters = 3;
  let release: () => void = () => {};
  let blocked = false;
  const catalog = {
    getEntityFacets: jest.fn(async () => {
      if (blocked) await new Promise<void>(resolve => (release = resolve));
      return { facets: { kind: [{ value: 'Component', count: adopters }] } };
    }),
  };
  const summaries = new AdoptionSummaries({
    catalog: catalog as unknown as CatalogService,
    auth: mockServices.auth(),
    cache: memoryCache(() => clock),
    logger: mockServices.logger.mock(),
    maxAgeMs: MAX_AGE_MS,
    shared: options.shared ?? true,
    now: () => clock,
  });
  const user = mockCredentials.user('user:default/alice');
  return {
    catalog,
    summaries,
    get: (filters = {}) => summaries.get(filters, user),
    user,
    count: (summary: { facets: any }) => summary.facets.kind[0].count,
    advance: (ms: number) => (clock += ms),
    setAdopters: (n: number) => (adopters = n),
    block: () => (blocked = true),
    unblock: () => {
      blocked = false;
      release();
    },
  };
}

describe('AdoptionSummaries', () => {
  it('counts with the overview facets request and says when', async () => {
    const t = setup();
    const summary = await t.get({ owner: 'group:default/a' });

    expect(t.catalog.getEntityFacets).toHaveBeenCalledWith(
      adoptionFacetsRequest({ owner: 'group:default/a' }),
      {
        credentials: expect.objectContaining({
          principal: expect.objectContaining({ type: 'service' }),
        }),
      },
    );
    expect(summary).toEqual({
      facets: { kind: [{ value: 'Component', count: 3 }] },
      computedAt: '2026-03-02T09:00:00.000Z',
    });
  });

  it('answers from the cache while the counts are fresh, per filter set', async () => {
    const t = setup();
    await t.get();
    t.setAdopters(4);
    t.advance(MAX_AGE_MS);

    expect(t.count(await t.get())).toBe(3);
    expect(t.count(await t.get({ lifecycle: 'production' }))).toBe(4);
    // filter values are matched as the catalog matches them, in any case
    expect(t.count(await t.get({ lifecycle: 'Production' }))).toBe(4);
    expect(t.catalog.getEntityFacets).toHaveBeenCalledTimes(2);
  });

  it('answers stale counts at once and refreshes them behind the answer', async () => {
    const t = setup();
    await t.get();
    t.setAdopters(5);
    t.advance(MAX_AGE_MS + 1);

    expect(t.count(await t.get())).toBe(3);
    await new Promise(resolve => setImmediate(resolve));
    expect(t.count(await t.get())).toBe(5);
    expect(t.catalog.getEntityFacets).toHaveBeenCalledTimes(2);
  });

  it('computes counts more than five max ages old before answering', async () => {
    const t = setup();
    await t.get();
    t.setAdopters(6);
    t.advance(5 * MAX_AGE_MS + 1);

    expect(t.count(await t.get())).toBe(6);
  });

  it('runs one computation per filter set however many requests wait for it', async () => {
    const t = setup();
    t.block();
    const waiting = [t.get(), t.get(), t.summaries.refresh({})];
    await new Promise(resolve => setImmediate(resolve));
    t.unblock();

    expect((await Promise.all(waiting)).map(t.count)).toEqual([3, 3, 3]);
    expect(t.catalog.getEntityFacets).toHaveBeenCalledTimes(1);
  });

  it("counts with each caller's credentials and caches nothing when not shared", async () => {
    const t = setup({ shared: false });
    await t.get();
    t.setAdopters(7);

    expect(t.count(await t.get())).toBe(7);
    expect(t.catalog.getEntityFacets).toHaveBeenLastCalledWith(
      adoptionFacetsRequest({}),
      { credentials: t.user },
    );
  });
});
