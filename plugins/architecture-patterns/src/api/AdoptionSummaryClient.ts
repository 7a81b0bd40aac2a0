import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ADOPTION_FILTER_KEYS,
  AdoptionFilters,
  AdoptionSummary,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
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
    const response = await this.get('adoption/summary', filters);
    return response.json();
  }

  async exportCsv(filters: AdoptionFilters): Promise<string> {
    const response = await this.get('adoption/export.csv', filters);
    return response.text();
  }

  private async get(path: string, filters: AdoptionFilters) {
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
      `${baseUrl}/${path}${search ? `?${search}` : ''}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
