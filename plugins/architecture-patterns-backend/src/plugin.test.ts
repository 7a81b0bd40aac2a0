import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { architecturePatternsPlugin } from './plugin';

const CQRS = 'architecturepattern:default/cqrs';

function adopter(name: string, owner: string, patterns: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', owner, lifecycle: 'production' },
    relations: [
      { type: 'ownedBy', targetRef: owner },
      ...patterns.map(p => ({ type: 'implementsPattern', targetRef: p })),
    ],
  };
}

async function startBackend(
  config: JsonObject = {},
  path = 'adoption/summary',
  permissionResult?: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) {
  const { server } = await startTestBackend({
    features: [
      ...(permissionResult
        ? [mockServices.permissions.factory({ result: permissionResult })]
        : []),
      architecturePatternsPlugin,
      catalogServiceMock.factory({
        entities: [
          adopter('reads', 'group:default/orders', [CQRS]),
          adopter('writes', 'group:default/orders', [
            CQRS,
            'architecturepattern:default/saga',
          ]),
          adopter('billing', 'group:default/billing', [
            'architecturepattern:default/saga',
          ]),
          adopter('plain', 'group:default/billing', []),
        ],
      }),
      mockServices.rootConfig.factory({ data: config }),
    ],
  });
  const { port } = server.address() as { port: number };
  return (query = '') =>
    fetch(
      `http://localhost:${port}/api/architecture-patterns/${path}${query}`,
      {
        headers: { Authorization: 'Bearer mock-user-token' },
      },
    );
}

describe('architecture-patterns backend: adoption summary', () => {
  it('answers the overview counts over HTTP, for all adopters or filtered', async () => {
    const get = await startBackend();

    const all = await get();
    expect(all.status).toBe(200);
    const summary = await all.json();
    expect(summary.facets.kind).toEqual([{ value: 'Component', count: 3 }]);
    expect(summary.facets['relations.implementsPattern']).toEqual(
      expect.arrayContaining([
        { value: CQRS, count: 2 },
        { value: 'architecturepattern:default/saga', count: 2 },
      ]),
    );
    expect(Date.parse(summary.computedAt)).not.toBeNaN();

    const orders = await (await get('?owner=group:default/orders')).json();
    expect(orders.facets.kind).toEqual([{ value: 'Component', count: 2 }]);
  });

  it('names an unknown conformance value in a 400 answer', async () => {
    const get = await startBackend();
    const response = await get('?conformance=compliant');
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toBe(
      'Unknown conformance "compliant"; use conforming, non-conforming, not-checked',
    );
  });

  it('names an unknown or repeated filter in a 400 answer', async () => {
    const get = await startBackend();

    const unknown = await get('?team=orders');
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.message).toBe(
      'Unknown adoption filter "team"; use pattern, owner, system, lifecycle, conformance',
    );

    const repeated = await get('?owner=a&owner=b');
    expect(repeated.status).toBe(400);
    expect((await repeated.json()).error.message).toBe(
      'The adoption filter "owner" takes one value',
    );
  });

  it('shares counts between users, unless the permission framework is on', async () => {
    const computedAt = async (get: (q?: string) => Promise<Response>) => {
      const first = (await (await get()).json()).computedAt;
      await new Promise(resolve => setTimeout(resolve, 20));
      return [first, (await (await get()).json()).computedAt];
    };

    const [a, b] = await computedAt(await startBackend());
    expect(b).toBe(a);

    const [c, d] = await computedAt(
      await startBackend({ permission: { enabled: true } }),
    );
    expect(d).not.toBe(c);

    const [e, f] = await computedAt(
      await startBackend({
        permission: { enabled: true },
        architecturePatterns: { adoption: { shareBetweenUsers: true } },
      }),
    );
    expect(f).toBe(e);
  });
});

describe('architecture-patterns backend: adoption export', () => {
  it('sends the filtered adopters as CSV when the policy allows the export', async () => {
    const get = await startBackend(
      {},
      'adoption/export.csv',
      AuthorizeResult.ALLOW,
    );

    const response = await get(`?pattern=${encodeURIComponent(CQRS)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toContain(
      'pattern-adoption.csv',
    );
    const lines = (await response.text()).split('\r\n');
    expect(lines[0]).toBe(
      'name,kind,owner,system,lifecycle,patterns,template,template version,provenance,conformance',
    );
    expect(lines.slice(1, -1).map(line => line.split(',')[0])).toEqual([
      'reads',
      'writes',
    ]);
  });

  it('refuses the export with 403 when the policy denies it', async () => {
    const get = await startBackend(
      {},
      'adoption/export.csv',
      AuthorizeResult.DENY,
    );

    const response = await get();
    expect(response.status).toBe(403);
    expect((await response.json()).error.message).toContain(
      'architecture-patterns.adoption.export',
    );
  });
});
