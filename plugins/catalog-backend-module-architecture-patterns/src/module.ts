import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { ArchitecturePatternsProcessor } from './processor/ArchitecturePatternsProcessor';
import { CatalogPatternDirectory } from './processor/PatternDirectory';

/**
 * Adds the ArchitecturePattern kind and pattern adoption relations to the
 * catalog.
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
      },
      async init({ processing, catalog, auth }) {
        processing.addProcessor(
          new ArchitecturePatternsProcessor(
            new CatalogPatternDirectory({ catalog, auth }),
          ),
        );
      },
    });
  },
});
