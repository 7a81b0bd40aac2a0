import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { architecturePatternsPermissions } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { registerRecommendAction } from './actions/recommendAction';
import { AdoptionSummaries } from './adoption/AdoptionSummaries';
import { createAdoptionRouter } from './adoption/createAdoptionRouter';
import { setUpConformance } from './conformance/setUpConformance';

const DEFAULT_SUMMARY_MAX_AGE_SECONDS = 60;

/**
 * The architecture patterns backend: serves the adoption overview's counts,
 * records and evaluates pattern conformance, and offers the decision-guide
 * recommendation to tools and assistants through the actions registry.
 */
export const architecturePatternsPlugin = createBackendPlugin({
  pluginId: 'architecture-patterns',
  register(env) {
    env.registerInit({
      deps: {
        actionsRegistry: actionsRegistryServiceRef,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        cache: coreServices.cache,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        database: coreServices.database,
      },
      async init(deps) {
        const { actionsRegistry, catalog, config, scheduler } = deps;
        registerRecommendAction({ actionsRegistry, catalog });
        deps.permissionsRegistry.addPermissions(
          architecturePatternsPermissions,
        );

        const maxAgeSeconds =
          config.getOptionalNumber(
            'architecturePatterns.adoption.summaryMaxAgeSeconds',
          ) ?? DEFAULT_SUMMARY_MAX_AGE_SECONDS;
        // With the permission framework on, users may see different
        // entities, so counts are shared only when the config says so.
        const shared =
          config.getOptionalBoolean(
            'architecturePatterns.adoption.shareBetweenUsers',
          ) ?? !config.getOptionalBoolean('permission.enabled');
        const summaries = new AdoptionSummaries({
          ...deps,
          maxAgeMs: maxAgeSeconds * 1000,
          shared,
        });
        deps.httpRouter.use(
          createAdoptionRouter({
            summaries,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            catalog,
          }),
        );

        await setUpConformance(deps);

        if (shared) {
          // The unfiltered overview is what most visits open: keep it warm.
          await scheduler.scheduleTask({
            id: 'adoption-summary-refresh',
            // One recount per interval across all replicas: the summary is
            // shared through the cache service (Redis in production).
            scope: 'global',
            frequency: { seconds: maxAgeSeconds },
            timeout: { minutes: 5 },
            initialDelay: { seconds: Math.min(maxAgeSeconds, 10) },
            fn: async () => {
              await summaries.refresh({});
              deps.logger.debug('Recounted the shared adoption summary');
            },
          });
        }
      },
    });
  },
});
