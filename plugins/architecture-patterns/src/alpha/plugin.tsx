import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import AccountTreeIcon from '@material-ui/icons/AccountTree';
import { rootRouteRef, taskRouteRef, templateRouteRef } from '../routes';
import { adoptionSummaryApiRef } from '../api/AdoptionSummaryApi';
import { AdoptionSummaryClient } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { conformanceApiRef } from '../api/ConformanceApi';
import { ConformanceClient } from '../api/ConformanceClient';

/** The adoption counts, from the architecture-patterns backend plugin. */
export const adoptionSummaryApi = ApiBlueprint.make({
  name: 'adoption-summary',
  params: defineParams =>
    defineParams({
      api: adoptionSummaryApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new AdoptionSummaryClient(deps),
    }),
});

/** The latest conformance results, from the architecture-patterns backend plugin. */
export const conformanceApi = ApiBlueprint.make({
  name: 'conformance',
  params: defineParams =>
    defineParams({
      api: conformanceApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ConformanceClient(deps),
    }),
});

/** The pattern catalog and pattern pages, at /patterns. */
export const patternsPage = PageBlueprint.make({
  params: {
    path: '/patterns',
    title: 'Patterns',
    icon: <AccountTreeIcon />,
    routeRef: rootRouteRef,
    noHeader: true,
    loader: async () => {
      const [{ ReactRouterV6PageRouter }, { NfsBoundary }, { PatternsRouter }] =
        await Promise.all([
          import('@backstage/frontend-adapter-react-router-v6'),
          import('./NfsBoundary'),
          import('../components/PatternsRouter'),
        ]);
      return (
        <ReactRouterV6PageRouter>
          <NfsBoundary>
            <PatternsRouter />
          </NfsBoundary>
        </ReactRouterV6PageRouter>
      );
    },
  },
});

/** The "Architecture patterns" card on the pages of implementing entities. */
export const entityPatternsCard = EntityCardBlueprint.make({
  name: 'patterns',
  params: {
    filter: { kind: { $in: ['component', 'system', 'resource'] } },
    loader: async () => {
      const [{ NfsBoundary }, { EntityPatternsCard }] = await Promise.all([
        import('./NfsBoundary'),
        import('../components/EntityPatternsCard/EntityPatternsCard'),
      ]);
      return (
        <NfsBoundary>
          <EntityPatternsCard />
        </NfsBoundary>
      );
    },
  },
});

/** The "Pattern" tab on the catalog page of an ArchitecturePattern entity. */
export const entityPatternContent = EntityContentBlueprint.make({
  name: 'pattern',
  params: {
    path: '/pattern',
    title: 'Pattern',
    filter: { kind: 'architecturepattern' },
    loader: async () => {
      const [{ NfsBoundary }, { EntityPatternContent }] = await Promise.all([
        import('./NfsBoundary'),
        import('../components/PatternPage/EntityPatternContent'),
      ]);
      return (
        <NfsBoundary>
          <EntityPatternContent />
        </NfsBoundary>
      );
    },
  },
});

/**
 * The architecture patterns plugin for the new frontend system.
 */
export const architecturePatternsPlugin = createFrontendPlugin({
  pluginId: 'architecture-patterns',
  info: { packageJson: () => import('../../package.json') },
  extensions: [
    adoptionSummaryApi,
    conformanceApi,
    patternsPage,
    entityPatternsCard,
    entityPatternContent,
  ],
  routes: {
    root: rootRouteRef,
  },
  externalRoutes: {
    createFromTemplate: templateRouteRef,
    viewTask: taskRouteRef,
  },
});
