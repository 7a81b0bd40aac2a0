import { ResponseError } from '@backstage/errors';
import {
  ADOPTION_FILTER_KEYS,
  AdoptionFilters,
  AdoptionSummary,
} from '../adoptionSummary';

/**
 * Reads the adoption summary from the architecture-patterns backend plugin.
 * Isomorphic, like the catalog's client: the frontend passes its discovery and
 * fetch APIs, a script or backend its own.
 *
 * @public
 */
export class AdoptionSummaryClient {
  constructor(
    private readonly options: {
      discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
      fetchApi: { fetch: typeof fetch };
    },
  ) {}

  /** The adoption overview's counts for the filters. */
  async getSummary(filters: AdoptionFilters): Promise<AdoptionSummary> {
    const response = await this.get('adoption/summary', filters);
    return response.json();
  }

  /** Every filtered adopter as CSV (needs the adoption export permission). */
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
