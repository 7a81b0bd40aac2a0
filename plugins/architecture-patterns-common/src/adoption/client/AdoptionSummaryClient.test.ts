import { AdoptionSummaryClient } from './AdoptionSummaryClient';

function clientAnswering(response: Response) {
  const requested: string[] = [];
  const client = new AdoptionSummaryClient({
    discoveryApi: {
      getBaseUrl: async pluginId => `http://portal/api/${pluginId}`,
    },
    fetchApi: {
      fetch: (async (url: string) => {
        requested.push(url);
        return response;
      }) as typeof fetch,
    },
  });
  return { client, requested };
}

describe('AdoptionSummaryClient', () => {
  it('asks the backend plugin for the summary with only the filters that are set', async () => {
    const { client, requested } = clientAnswering(
      new Response(JSON.stringify({ patterns: [] }), { status: 200 }),
    );
    await expect(
      client.getSummary({ owner: 'group:default/payments', system: '' }),
    ).resolves.toEqual({ patterns: [] });
    expect(requested).toEqual([
      'http://portal/api/architecture-patterns/adoption/summary?owner=group%3Adefault%2Fpayments',
    ]);
  });

  it('asks for the CSV export without a query string when nothing is filtered', async () => {
    const { client, requested } = clientAnswering(
      new Response('entity,pattern\n', { status: 200 }),
    );
    await expect(client.exportCsv({})).resolves.toBe('entity,pattern\n');
    expect(requested).toEqual([
      'http://portal/api/architecture-patterns/adoption/export.csv',
    ]);
  });

  it("fails with the backend's status when it refuses", async () => {
    const { client } = clientAnswering(
      new Response(JSON.stringify({ error: { message: 'Forbidden' } }), {
        status: 403,
        statusText: 'Forbidden',
        headers: { 'content-type': 'application/json' },
      }),
    );
    await expect(client.exportCsv({})).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
    });
  });
});
