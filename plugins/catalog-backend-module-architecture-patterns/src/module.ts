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
import { LocalRepositoryEntityProvider } from './provider/LocalRepositoryEntityProvider';

/**
 * Adds the ArchitecturePattern kind and pattern adoption relations to the
 * catalog and, when local publishing is configured, discovers the
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
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
      },
      async init({
        processing,
        catalog,
        auth,
        config,
        logger,
        scheduler,
        events,
      }) {
        const refreshSoon = (entityRefs: string[]) => {
          // After the pattern's own processing step has finished.
          setTimeout(async () => {
            const credentials = await auth.getOwnServiceCredentials();
            for (const entityRef of entityRefs) {
              await catalog
                .refreshEntity(entityRef, { credentials })
                .catch(error =>
                  logger.warn(`Could not refresh ${entityRef}: ${error}`),
                );
            }
          }, 1_000).unref();
        };
        processing.addProcessor(
          new ArchitecturePatternsProcessor(
            new CatalogPatternDirectory({ catalog, auth }),
            refreshSoon,
          ),
        );

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
