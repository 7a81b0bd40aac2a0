/**
 * Architecture patterns for Backstage: a catalog of cloud architecture
 * patterns, their diagrams and trade-offs, and who adopted them.
 *
 * The default export is the plugin for the new frontend system; the named
 * exports serve apps on the legacy frontend system.
 *
 * @packageDocumentation
 */
export { default } from './alpha';
export {
  architecturePatternsPlugin,
  ArchitecturePatternsPage,
  EntityArchitecturePatternsCard,
  EntityArchitecturePatternContent,
} from './legacy/plugin';
export { legacyRootRouteRef as architecturePatternsRouteRef } from './routes';
export { adoptionSummaryApiRef } from './api/AdoptionSummaryApi';
export type { AdoptionSummaryApi } from './api/AdoptionSummaryApi';
export { AdoptionSummaryClient } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
export { conformanceApiRef } from './api/ConformanceApi';
export type { ConformanceApi } from './api/ConformanceApi';
export { ConformanceClient } from './api/ConformanceClient';
