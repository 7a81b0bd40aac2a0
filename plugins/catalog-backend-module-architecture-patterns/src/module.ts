import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { LOCAL_REPOSITORY_PUBLISHED_TOPIC } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { ArchitecturePatternsProcessor } from './processor/ArchitecturePatternsProcessor';
import { CatalogPatternDirectory } from './processor/PatternDirectory';
import { ConformanceLabelsProcessor } from './processor/ConformanceLabelsProcessor';
import { ConformanceStatuses } from './processor/ConformanceStatuses';
import { fileAwareTextPlaceholder } from './processor/fileTextPlaceholder';
import { LocalRepositoryEntityProvider } from './provider/LocalRepositoryEntityProvider';
import { PatternArrivalRefresher } from './processor/PatternArrivalRefresher';
import { WaitingEntities } from './processor/WaitingEntities';

/**
 * Adds the ArchitecturePattern kind, pattern adoption relations and
 * conformance labels (from the architecture-patterns backend) to the catalog and, when local publishing is configured, discovers the
 * repositories the templates publish to the local folder.
 */
export const catalogModuleArchitecturePatterns = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'architecture-patterns',
  register({ registerInit }) {
    registerInit({
      deps: {
        processing: catalogProcessingExtensionPoint,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
      },
      async init({
        processing,
        catalog,
        auth,
        discovery,
        config,
        logger,
        scheduler,
        events,
      }) {
        const waiting = new WaitingEntities();
        // The pattern library ships as files whose conformance rules are `$text` references.
        processing.addPlaceholderResolver('text', fileAwareTextPlaceholder);
        processing.addProcessor(
          new ArchitecturePatternsProcessor(
            new CatalogPatternDirectory({ catalog, auth }),
            waiting,
          ),
          new ConformanceLabelsProcessor(
            new ConformanceStatuses({ discovery, auth, logger }),
          ),
        );

        const refresher = new PatternArrivalRefresher({
          waiting,
          catalog,
          auth,
        });
        await scheduler.scheduleTask({
          id: 'architecture-patterns-pattern-arrivals',
          frequency: { seconds: 5 },
          timeout: { minutes: 1 },
          // The entities waiting are in this replica's memory.
          scope: 'local',
          fn: () => refresher.refresh(),
        });

        const publishing = config.getOptionalConfig(
          'architecturePatterns.localPublishing',
        );
        if (publishing) {
          const provider = new LocalRepositoryEntityProvider({
            directory: publishing.getString('directory'),
            logger,
            schedule: scheduler.createScheduledTaskRunner({
              frequency: {
                seconds:
                  publishing.getOptionalNumber('scanIntervalSeconds') ?? 30,
              },
              timeout: { minutes: 1 },
              scope: 'local',
            }),
          });
          processing.addEntityProvider(provider);
          await events.subscribe({
            id: 'architecture-patterns-local-repositories',
            topics: [LOCAL_REPOSITORY_PUBLISHED_TOPIC],
            onEvent: () => provider.refresh(),
          });
        }
      },
    });
  },
});
