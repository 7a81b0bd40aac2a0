import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { listPatternRefs } from './listPatternRefs';
import { WaitingEntities } from './WaitingEntities';

/**
 * Brings entities that named a pattern before the catalog had it to their
 * relations without waiting for their next scheduled processing: run on a
 * schedule, it asks the catalog which of the awaited patterns it now serves
 * (stored and stitched, so the entities' processing will find them) and
 * refreshes the entities waiting for those. Costs nothing while no entity
 * waits.
 */
export class PatternArrivalRefresher {
  constructor(
    private readonly options: {
      waiting: WaitingEntities;
      catalog: CatalogService;
      auth: AuthService;
    },
  ) {}

  async refresh(): Promise<void> {
    const { waiting, catalog, auth } = this.options;
    const awaited = waiting.patterns();
    if (awaited.length === 0) return;
    const credentials = await auth.getOwnServiceCredentials();
    const served = new Set(await listPatternRefs({ catalog, credentials }));
    for (const patternRef of awaited.filter(ref => served.has(ref))) {
      for (const entityRef of waiting.release(patternRef)) {
        await catalog.refreshEntity(entityRef, { credentials });
      }
    }
  }
}
