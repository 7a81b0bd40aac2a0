import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { ConformanceResult } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import type { ConformanceApi } from './ConformanceApi';

/** Reads conformance results from the architecture-patterns backend plugin. */
export class ConformanceClient implements ConformanceApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  async getResults(entityRef: string): Promise<ConformanceResult[]> {
    const baseUrl = await this.options.discoveryApi.getBaseUrl(
      'architecture-patterns',
    );
    const query = new URLSearchParams({ entityRef });
    const response = await this.options.fetchApi.fetch(
      `${baseUrl}/conformance/results?${query}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const body = (await response.json()) as { results?: ConformanceResult[] };
    return body.results ?? [];
  }
}
