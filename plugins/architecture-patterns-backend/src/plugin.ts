import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { registerRecommendAction } from './actions/recommendAction';

/**
 * The architecture patterns backend: offers the decision-guide
 * recommendation to tools and assistants through the actions registry.
 */
export const architecturePatternsPlugin = createBackendPlugin({
  pluginId: 'architecture-patterns',
  register(env) {
    env.registerInit({
      deps: {
        actionsRegistry: actionsRegistryServiceRef,
        catalog: catalogServiceRef,
      },
      async init({ actionsRegistry, catalog }) {
        registerRecommendAction({ actionsRegistry, catalog });
      },
    });
  },
});
