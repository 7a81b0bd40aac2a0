import { ConformanceClient } from './ConformanceClient';

const BASE = 'http://localhost:7007/api/architecture-patterns';

function clientReturning(response: Response) {
  const fetch = jest.fn(async (_url: string) => response);
  const client = new ConformanceClient({
    discoveryApi: { getBaseUrl: async () => BASE },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  return { client, fetch };
}

describe('ConformanceClient', () => {
  it('asks for the results of one entity, with its ref in the query', async () => {
    const result = {
      entityRef: 'component:default/orders',
      patternRef: 'architecturepattern:default/event-driven-basic',
      status: 'conforming',
      failingRules: [],
      checkedAt: '2026-03-02T09:30:00.000Z',
      source: 'ci',
    };
    const { client, fetch } = clientReturning(
      new Response(JSON.stringify({ results: [result] }), {
        headers: { 'Content-Type': 'application/json' },
      }),
    );

    await expect(
      client.getResults('component:default/orders'),
    ).resolves.toEqual([result]);
    expect(fetch).toHaveBeenCalledWith(
      `${BASE}/conformance/results?entityRef=component%3Adefault%2Forders`,
    );
  });

  it('throws the backend error', async () => {
    const { client } = clientReturning(
      new Response(
        JSON.stringify({
          error: { name: 'NotAllowedError', message: 'not allowed' },
        }),
        { status: 403, statusText: 'Forbidden' },
      ),
    );

    await expect(client.getResults('component:default/orders')).rejects.toThrow(
      /403/,
    );
  });
});
