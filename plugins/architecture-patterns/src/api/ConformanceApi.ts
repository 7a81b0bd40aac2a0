import { createApiRef } from '@backstage/core-plugin-api';
import type { ConformanceResult } from '@platform-architecture/backstage-plugin-architecture-patterns-common';

/** The latest conformance verdicts, served by the architecture-patterns backend. */
export interface ConformanceApi {
  /**
   * The latest result for each pattern the entity declares and that has been
   * evaluated; a declared pattern without a result is absent.
   */
  getResults(entityRef: string): Promise<ConformanceResult[]>;
}

export const conformanceApiRef = createApiRef<ConformanceApi>({
  id: 'plugin.architecture-patterns.conformance',
});
