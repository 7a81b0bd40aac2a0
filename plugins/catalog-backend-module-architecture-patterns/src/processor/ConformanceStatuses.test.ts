import { mockServices } from '@backstage/backend-test-utils';
import http from 'http';
import type { AddressInfo } from 'net';
import { ConformanceStatuses } from './ConformanceStatuses';

/** A stand-in for the backend plugin's GET /conformance/statuses. */
async function statusesServer(
  rows: Array<{
    entityRef: string;
    patternRef: string;
    status: string;
    updatedAtMs: number;
  }>,
) {
  const sinces: number[] = [];
  const server = http.createServer((req, res) => {
    const since = Number(
      new URL(req.url!, 'http://x').searchParams.get('since'),
    );
    sinces.push(since);
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({ statuses: rows.filter(r => r.updatedAtMs >= since) }),
    );
  });
  await new Promise<void>(resolve => server.listen(0, resolve));
  const { port } = server.address() as AddressInfo;
  return { server, sinces, baseUrl: `http://localhost:${port}` };
}

describe('ConformanceStatuses', () => {
  it('reads every verdict once, then only changes, at most once per max age', async () => {
    const rows = [
      {
        entityRef: 'component:default/orders',
        patternRef: 'architecturepattern:default/three-tier',
        status: 'conforming',
        updatedAtMs: 100_000,
      },
    ];
    const { server, sinces, baseUrl } = await statusesServer(rows);
    let now = 0;
    const statuses = new ConformanceStatuses({
      discovery: mockServices.discovery.mock({
        getBaseUrl: async () => baseUrl,
      }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      maxAgeMs: 1_000,
      now: () => now,
    });
    try {
      now = 10_000;
      expect(
        await statuses.get(
          'Component:default/Orders',
          'architecturepattern:default/three-tier',
        ),
      ).toBe('conforming');
      expect(
        await statuses.get(
          'component:default/orders',
          'architecturepattern:default/cqrs',
        ),
      ).toBeUndefined();
      expect(sinces).toEqual([0]);

      rows.push({ ...rows[0], status: 'non-conforming', updatedAtMs: 200_000 });
      now = 12_000;
      expect(
        await statuses.get(
          'component:default/orders',
          'architecturepattern:default/three-tier',
        ),
      ).toBe('non-conforming');
      // From just before the newest verdict it had seen.
      expect(sinces).toEqual([0, 95_000]);
    } finally {
      server.close();
    }
  });

  it('answers undefined, without failing processing, while the backend cannot be reached', async () => {
    const logger = mockServices.logger.mock();
    const statuses = new ConformanceStatuses({
      discovery: mockServices.discovery.mock({
        getBaseUrl: async () => 'http://localhost:1',
      }),
      auth: mockServices.auth(),
      logger,
    });
    expect(
      await statuses.get(
        'component:default/a',
        'architecturepattern:default/b',
      ),
    ).toBeUndefined();
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });
});
