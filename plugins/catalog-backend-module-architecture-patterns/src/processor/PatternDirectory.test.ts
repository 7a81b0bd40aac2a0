import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CatalogPatternDirectory } from './PatternDirectory';

function patternEntity(name: string, namespace?: string): Entity {
  return {
    apiVersion: 'architecture.platform.dev/v1alpha1',
    kind: 'ArchitecturePattern',
    metadata: { name, ...(namespace ? { namespace } : {}) },
  };
}

type Page = { items: Entity[]; nextCursor?: string };

/**
 * A fake catalog whose queryEntities serves the given pages in order, one
 * per call, then starts over from the first page for the next load.
 */
function fakeCatalog(pagesPerLoad: () => Page[]) {
  let pages: Page[] = [];
  let index = 0;
  const queryEntities = jest.fn(async (request?: any, _options?: any) => {
    if (!request?.cursor) {
      pages = pagesPerLoad();
      index = 0;
    }
    const page = pages[index++];
    return {
      items: page.items,
      totalItems: pages.reduce((n, p) => n + p.items.length, 0),
      pageInfo: page.nextCursor ? { nextCursor: page.nextCursor } : {},
    };
  });
  return {
    queryEntities,
    catalog: { queryEntities } as unknown as CatalogService,
  };
}

function clock(start = 1_000) {
  let time = start;
  return {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

describe('CatalogPatternDirectory', () => {
  const auth = mockServices.auth();

  it('loads the pattern refs with the plugin own credentials and a kind filter', async () => {
    const { catalog, queryEntities } = fakeCatalog(() => [
      { items: [patternEntity('cqrs'), patternEntity('saga', 'payments')] },
    ]);
    const directory = new CatalogPatternDirectory({ catalog, auth });

    await expect(
      directory.has('architecturepattern:default/cqrs'),
    ).resolves.toBe(true);
    await expect(
      directory.has('architecturepattern:payments/saga'),
    ).resolves.toBe(true);

    expect(queryEntities).toHaveBeenCalledTimes(1);
    const [request, options] = queryEntities.mock.calls[0] as any[];
    expect(request).toEqual({
      filter: { kind: 'ArchitecturePattern' },
      fields: ['kind', 'metadata.name', 'metadata.namespace'],
      limit: 500,
    });
    expect(options.credentials).toEqual(await auth.getOwnServiceCredentials());
  });

  it('loads on the first call whatever the injected clock says', async () => {
    const { catalog, queryEntities } = fakeCatalog(() => [
      { items: [patternEntity('cqrs')] },
    ]);
    const directory = new CatalogPatternDirectory({
      catalog,
      auth,
      now: () => 0,
    });
    await expect(
      directory.has('architecturepattern:default/cqrs'),
    ).resolves.toBe(true);
    expect(queryEntities).toHaveBeenCalledTimes(1);
  });

  it('caches: hits within maxAge do not query again', async () => {
    const c = clock();
    const { catalog, queryEntities } = fakeCatalog(() => [
      { items: [patternEntity('cqrs')] },
    ]);
    const directory = new CatalogPatternDirectory({
      catalog,
      auth,
      maxAgeMs: 60_000,
      now: c.now,
    });

    for (let i = 0; i < 5; i++) {
      await expect(
        directory.has('architecturepattern:default/cqrs'),
      ).resolves.toBe(true);
      c.advance(10_000);
    }
    expect(queryEntities).toHaveBeenCalledTimes(1);
  });

  it('reloads, even on a hit, once the set is older than maxAge', async () => {
    const c = clock();
    let names = ['cqrs'];
    const { catalog, queryEntities } = fakeCatalog(() => [
      { items: names.map(n => patternEntity(n)) },
    ]);
    const directory = new CatalogPatternDirectory({
      catalog,
      auth,
      maxAgeMs: 60_000,
      now: c.now,
    });

    await expect(
      directory.has('architecturepattern:default/cqrs'),
    ).resolves.toBe(true);
    names = ['saga'];
    c.advance(60_001);
    await expect(
      directory.has('architecturepattern:default/cqrs'),
    ).resolves.toBe(false);
    expect(queryEntities).toHaveBeenCalledTimes(2);
  });

  it('pages through cursors, passing the fields on every page', async () => {
    const { catalog, queryEntities } = fakeCatalog(() => [
      { items: [patternEntity('a'), patternEntity('b')], nextCursor: 'c1' },
      { items: [patternEntity('c')], nextCursor: 'c2' },
      { items: [patternEntity('d', 'other')] },
    ]);
    const directory = new CatalogPatternDirectory({ catalog, auth });

    for (const ref of [
      'architecturepattern:default/a',
      'architecturepattern:default/b',
      'architecturepattern:default/c',
      'architecturepattern:other/d',
    ]) {
      await expect(directory.has(ref)).resolves.toBe(true);
    }
    await expect(directory.has('architecturepattern:default/d')).resolves.toBe(
      false,
    );

    expect(queryEntities).toHaveBeenCalledTimes(3);
    const requests = queryEntities.mock.calls.map(call => call[0]);
    expect(requests[0]).toMatchObject({
      filter: { kind: 'ArchitecturePattern' },
    });
    expect(requests[1]).toEqual({
      cursor: 'c1',
      fields: ['kind', 'metadata.name', 'metadata.namespace'],
      limit: 500,
    });
    expect(requests[2]).toEqual({
      cursor: 'c2',
      fields: ['kind', 'metadata.name', 'metadata.namespace'],
      limit: 500,
    });
  });

  it('refreshes on a miss only after minRefreshIntervalMs', async () => {
    const c = clock();
    let names = ['cqrs'];
    const { catalog, queryEntities } = fakeCatalog(() => [
      { items: names.map(n => patternEntity(n)) },
    ]);
    const directory = new CatalogPatternDirectory({
      catalog,
      auth,
      maxAgeMs: 60_000,
      minRefreshIntervalMs: 5_000,
      now: c.now,
    });

    await expect(
      directory.has('architecturepattern:default/saga'),
    ).resolves.toBe(false);
    expect(queryEntities).toHaveBeenCalledTimes(1);

    // The pattern arrives in the catalog, but misses within the interval
    // are answered from the cached set.
    names = ['cqrs', 'saga'];
    c.advance(2_000);
    await expect(
      directory.has('architecturepattern:default/saga'),
    ).resolves.toBe(false);
    c.advance(3_000); // exactly 5 000 ms: not yet past the interval
    await expect(
      directory.has('architecturepattern:default/saga'),
    ).resolves.toBe(false);
    expect(queryEntities).toHaveBeenCalledTimes(1);

    c.advance(1);
    await expect(
      directory.has('architecturepattern:default/saga'),
    ).resolves.toBe(true);
    expect(queryEntities).toHaveBeenCalledTimes(2);

    // A hit never refreshes before maxAge, however long since the last load.
    c.advance(50_000);
    await expect(
      directory.has('architecturepattern:default/cqrs'),
    ).resolves.toBe(true);
    expect(queryEntities).toHaveBeenCalledTimes(2);

    // The interval counts from the last load, not from the last miss.
    await expect(
      directory.has('architecturepattern:default/unknown'),
    ).resolves.toBe(false);
    expect(queryEntities).toHaveBeenCalledTimes(3);
  });

  it('shares one load between concurrent calls', async () => {
    let release!: () => void;
    const gate = new Promise<void>(resolve => {
      release = resolve;
    });
    const queryEntities = jest.fn(async () => {
      await gate;
      return {
        items: [patternEntity('cqrs'), patternEntity('saga')],
        totalItems: 2,
        pageInfo: {},
      };
    });
    const directory = new CatalogPatternDirectory({
      catalog: { queryEntities } as unknown as CatalogService,
      auth,
    });

    const answers = Promise.all([
      directory.has('architecturepattern:default/cqrs'),
      directory.has('architecturepattern:default/saga'),
      directory.has('architecturepattern:default/unknown'),
      directory.has('architecturepattern:default/cqrs'),
    ]);
    // Let every call reach the load before it completes.
    await new Promise(resolve => setImmediate(resolve));
    release();

    await expect(answers).resolves.toEqual([true, true, false, true]);
    expect(queryEntities).toHaveBeenCalledTimes(1);
  });

  it('lets concurrent misses share one refresh', async () => {
    const c = clock();
    let names = ['cqrs'];
    const { catalog, queryEntities } = fakeCatalog(() => [
      { items: names.map(n => patternEntity(n)) },
    ]);
    const directory = new CatalogPatternDirectory({
      catalog,
      auth,
      minRefreshIntervalMs: 5_000,
      now: c.now,
    });
    await directory.has('architecturepattern:default/cqrs');
    names = ['cqrs', 'saga'];
    c.advance(5_001);

    await expect(
      Promise.all([
        directory.has('architecturepattern:default/saga'),
        directory.has('architecturepattern:default/missing'),
        directory.has('architecturepattern:default/saga'),
      ]),
    ).resolves.toEqual([true, false, true]);
    expect(queryEntities).toHaveBeenCalledTimes(2);
  });

  it('propagates a failed load and tries again on the next call', async () => {
    const queryEntities = jest
      .fn()
      .mockRejectedValueOnce(new Error('catalog unavailable'))
      .mockResolvedValueOnce({
        items: [patternEntity('cqrs')],
        totalItems: 1,
        pageInfo: {},
      });
    const directory = new CatalogPatternDirectory({
      catalog: { queryEntities } as unknown as CatalogService,
      auth,
    });

    await expect(
      directory.has('architecturepattern:default/cqrs'),
    ).rejects.toThrow('catalog unavailable');
    await expect(
      directory.has('architecturepattern:default/cqrs'),
    ).resolves.toBe(true);
    expect(queryEntities).toHaveBeenCalledTimes(2);
  });

  it('works with a plain object as auth', async () => {
    const getOwnServiceCredentials = jest.fn(async () => ({
      $$type: '@backstage/BackstageCredentials' as const,
      principal: { type: 'service' as const, subject: 'plugin:catalog' },
    }));
    const { catalog, queryEntities } = fakeCatalog(() => [
      { items: [patternEntity('cqrs')] },
    ]);
    const directory = new CatalogPatternDirectory({
      catalog,
      auth: { getOwnServiceCredentials } as any,
    });
    await expect(
      directory.has('architecturepattern:default/cqrs'),
    ).resolves.toBe(true);
    expect(getOwnServiceCredentials).toHaveBeenCalledTimes(1);
    expect(queryEntities.mock.calls[0][1]).toEqual({
      credentials: await getOwnServiceCredentials.mock.results[0].value,
    });
  });
});

describe('CatalogPatternDirectory.learn', () => {
  it('knows a pattern processed in this process before the catalog has stored it, until maxAge', async () => {
    const { catalog, queryEntities } = fakeCatalog(() => [{ items: [] }]);
    const time = clock();
    const directory = new CatalogPatternDirectory({
      catalog,
      auth: mockServices.auth(),
      now: time.now,
      maxAgeMs: 60_000,
    });
    directory.learn('architecturepattern:default/cqrs');
    await expect(
      directory.has('architecturepattern:default/cqrs'),
    ).resolves.toBe(true);
    expect(queryEntities).not.toHaveBeenCalled();

    time.advance(60_001);
    await expect(
      directory.has('architecturepattern:default/cqrs'),
    ).resolves.toBe(false);
    expect(queryEntities).toHaveBeenCalled();
  });
});
