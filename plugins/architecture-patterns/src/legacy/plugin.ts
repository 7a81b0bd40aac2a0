import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import {
  legacyRootRouteRef,
  legacyTaskRouteRef,
  legacyTemplateRouteRef,
} from '../routes';
import { adoptionSummaryApiRef } from '../api/AdoptionSummaryApi';
import { AdoptionSummaryClient } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { conformanceApiRef } from '../api/ConformanceApi';
import { ConformanceClient } from '../api/ConformanceClient';

/**
 * The architecture patterns plugin for apps on the legacy frontend system.
 */
export const architecturePatternsPlugin = createPlugin({
  id: 'architecture-patterns',
  apis: [
    createApiFactory({
      api: adoptionSummaryApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new AdoptionSummaryClient(deps),
    }),
    createApiFactory({
      api: conformanceApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ConformanceClient(deps),
    }),
  ],
  routes: { root: legacyRootRouteRef },
  externalRoutes: {
    createFromTemplate: legacyTemplateRouteRef,
    viewTask: legacyTaskRouteRef,
  },
});

/** The pattern catalog and pattern pages; mount it at /patterns. */
export const ArchitecturePatternsPage = architecturePatternsPlugin.provide(
  createRoutableExtension({
    name: 'ArchitecturePatternsPage',
    component: () =>
      import('./LegacyComponents').then(m => m.LegacyPatternsPage),
    mountPoint: legacyRootRouteRef,
  }),
);

/** The "Architecture patterns" card for component entity pages. */
export const EntityArchitecturePatternsCard =
  architecturePatternsPlugin.provide(
    createComponentExtension({
      name: 'EntityArchitecturePatternsCard',
      component: {
        lazy: () =>
          import('./LegacyComponents').then(m => m.LegacyEntityPatternsCard),
      },
    }),
  );

/** The pattern view for ArchitecturePattern entity pages. */
export const EntityArchitecturePatternContent =
  architecturePatternsPlugin.provide(
    createComponentExtension({
      name: 'EntityArchitecturePatternContent',
      component: {
        lazy: () =>
          import('./LegacyComponents').then(m => m.LegacyEntityPatternContent),
      },
    }),
  );
