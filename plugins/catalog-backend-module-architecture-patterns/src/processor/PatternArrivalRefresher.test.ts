import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { PatternArrivalRefresher } from './PatternArrivalRefresher';
import { WaitingEntities } from './WaitingEntities';

const CQRS = 'architecturepattern:default/cqrs';
const SAGA = 'architecturepattern:default/saga';

const pattern = (name: string): Entity => ({
  apiVersion: 'architecture.platform.dev/v1alpha1',
  kind: 'ArchitecturePattern',
  metadata: { name, namespace: 'default' },
  spec: {},
});

function setup(patternsInCatalog: Entity[]) {
  const waiting = new WaitingEntities();
  const catalog = catalogServiceMock.mock({
    queryEntities: async () => ({
      items: patternsInCatalog,
      totalItems: patternsInCatalog.length,
      pageInfo: {},
    }),
  });
  const refresher = new PatternArrivalRefresher({
    waiting,
    catalog,
    auth: mockServices.auth(),
  });
  return { waiting, catalog, refresher };
}

describe('PatternArrivalRefresher', () => {
  it('refreshes the entities waiting for a pattern once the catalog serves it, once', async () => {
    const { waiting, catalog, refresher } = setup([pattern('cqrs')]);
    waiting.wait(CQRS, 'component:default/orders');
    waiting.wait(CQRS, 'component:default/billing');
    waiting.wait(SAGA, 'component:default/shipping');

    await refresher.refresh();
    expect(catalog.refreshEntity.mock.calls.map(([ref]) => ref)).toEqual([
      'component:default/orders',
      'component:default/billing',
    ]);
    // The entities waiting for the missing pattern keep waiting.
    expect(waiting.patterns()).toEqual([SAGA]);

    await refresher.refresh();
    expect(catalog.refreshEntity).toHaveBeenCalledTimes(2);
  });

  it('asks the catalog nothing while no entity waits', async () => {
    const { catalog, refresher } = setup([pattern('cqrs')]);
    await refresher.refresh();
    expect(catalog.queryEntities).not.toHaveBeenCalled();
    expect(catalog.refreshEntity).not.toHaveBeenCalled();
  });
});
