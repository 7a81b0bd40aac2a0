import { createApiRef } from '@backstage/core-plugin-api';
import type {
  AdoptionFilters,
  AdoptionSummary,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';

/** The adoption overview's counts, served by the architecture-patterns backend. */
export interface AdoptionSummaryApi {
  getSummary(filters: AdoptionFilters): Promise<AdoptionSummary>;
  /**
   * Every filtered adopter as CSV, from the backend's export endpoint (which
   * checks the `architecture-patterns.adoption.export` permission).
   */
  exportCsv(filters: AdoptionFilters): Promise<string>;
}

export const adoptionSummaryApiRef = createApiRef<AdoptionSummaryApi>({
  id: 'plugin.architecture-patterns.adoption-summary',
});
