import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ADOPTION_FILTER_KEYS,
  AdoptionFilters,
  AdoptionSummary,
} from '@internal/backstage-plugin-architecture-patterns-common';
import type { AdoptionSummaryApi } from './AdoptionSummaryApi';

/** Reads the adoption summary from the architecture-patterns backend plugin. */
export class AdoptionSummaryClient implements AdoptionSummaryApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  async getSummary(filters: AdoptionFilters): Promise<AdoptionSummary> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl(
      'architecture-patterns',
    );
    const query = new URLSearchParams();
    for (const key of ADOPTION_FILTER_KEYS) {
      const value = filters[key];
      if (value) query.set(key, value);
    }
    const search = query.toString();
    const response = await this.options.fetchApi.fetch(
      `${baseUrl}/adoption/summary${search ? `?${search}` : ''}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.json();
  }
}
