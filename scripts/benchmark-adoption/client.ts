/** The clients the benchmark measures with, as the frontend builds them. */
import { CatalogClient } from '@backstage/catalog-client';
import {
  AdoptionSummaryClient,
  RELATION_IMPLEMENTS_PATTERN,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { BenchBackend } from './catalogBackend';

/** The catalog filter and facet key of the pattern relations. */
export const RELATION_KEY = `relations.${RELATION_IMPLEMENTS_PATTERN}`;

/** A CatalogClient against the test backend, which can count response bytes. */
export function createClient(backend: BenchBackend) {
  let counting = false;
  let bytes = 0;
  const fetchApi = {
    fetch: async (input: any, init?: RequestInit) => {
      const response = await fetch(input, init);
      if (counting) {
        bytes += (await response.clone().arrayBuffer()).byteLength;
      }
      return response;
    },
  };
  const client = new CatalogClient({
    discoveryApi: { getBaseUrl: async () => backend.baseUrl },
    fetchApi,
  });
  // As the frontend's client asks, with the user's token.
  const summary = new AdoptionSummaryClient({
    discoveryApi: { getBaseUrl: async () => backend.summaryBaseUrl },
    fetchApi: {
      fetch: (input: any, init?: RequestInit) =>
        fetchApi.fetch(input, {
          ...init,
          headers: { Authorization: `Bearer ${backend.token}` },
        }),
    },
  });
  return {
    client,
    summary,
    options: { token: backend.token },
    /** The body size of the responses of one (untimed) call. */
    async responseBytes(run: () => Promise<unknown>) {
      counting = true;
      bytes = 0;
      try {
        await run();
        return bytes;
      } finally {
        counting = false;
      }
    },
  };
}
export type Client = ReturnType<typeof createClient>;

export async function countEntities(c: Client, filter: Record<string, any>) {
  const response = await c.client.queryEntities(
    { filter, fields: ['metadata.name'], limit: 1 },
    c.options,
  );
  return response.totalItems;
}
