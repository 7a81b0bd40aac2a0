import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { httpRouterServiceFactory } from '@backstage/backend-defaults/httpRouter';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { architecturePatternsPlugin } from '../plugin';

/*
 * The endpoint a service's CI posts its conformance result to, behind the real auth and
 * httpAuth and httpRouter services: Backstage external access with a static token from config.
 */
const TOKEN = 'ci-token-with-enough-length-0123456789';
const PATTERN = 'architecturepattern:default/event-driven-basic';
const SHA = '0123456789abcdef0123456789abcdef01234567';

const pattern: Entity = {
  apiVersion: 'architecture.platform.dev/v1alpha1',
  kind: 'ArchitecturePattern',
  metadata: { name: 'event-driven-basic', namespace: 'default' },
  spec: {
    conformance: {
      guard: 'rule consumed_queues_have_dead_letter_queue {}',
      rules: [
        {
          id: 'consumed_queues_have_dead_letter_queue',
          description: 'Every consumed queue has a DLQ.',
          severity: 'high',
        },
        {
          id: 'api_sends_to_sqs_directly',
          description: 'The API sends to SQS.',
          severity: 'high',
        },
      ],
    },
  },
};

const component = (name: string, patterns: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'group:default/orders',
    lifecycle: 'production',
  },
  relations: patterns.map(p => ({ type: 'implementsPattern', targetRef: p })),
});

async function startBackend() {
  const { server } = await startTestBackend({
    features: [
      architecturePatternsPlugin,
      authServiceFactory,
      httpAuthServiceFactory,
      httpRouterServiceFactory,
      catalogServiceMock.factory({
        entities: [
          pattern,
          component('orders', [PATTERN]),
          component('billing', ['architecturepattern:default/cqrs']),
        ],
      }),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            auth: {
              externalAccess: [
                {
                  type: 'static',
                  options: { token: TOKEN, subject: 'service-ci' },
                  accessRestrictions: [{ plugin: 'architecture-patterns' }],
                },
              ],
            },
          },
        },
      }),
    ],
  });
  const { port } = server.address() as { port: number };
  const base = `http://localhost:${port}/api/architecture-patterns/conformance`;
  const post = (body: unknown, token: string | null = TOKEN) =>
    fetch(`${base}/results`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const results = (entityRef: string) =>
    fetch(`${base}/results?entityRef=${encodeURIComponent(entityRef)}`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
  return { post, results, base };
}

const report = (overrides: object = {}) => ({
  entityRef: 'component:default/orders',
  patternRef: PATTERN,
  commit: SHA,
  failingRules: ['consumed_queues_have_dead_letter_queue'],
  ...overrides,
});

describe('POST /conformance/results', () => {
  let backend: Awaited<ReturnType<typeof startBackend>>;
  beforeAll(async () => {
    backend = await startBackend();
  });

  it('accepts a result for an entity that declares the pattern, and serves it back', async () => {
    const response = await backend.post(report());
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      entityRef: 'component:default/orders',
      status: 'non-conforming',
      failingRules: ['consumed_queues_have_dead_letter_queue'],
      commit: SHA,
      source: 'ci',
    });
    const stored = await (
      await backend.results('component:default/orders')
    ).json();
    expect(stored.results).toEqual([
      expect.objectContaining({
        patternRef: PATTERN,
        status: 'non-conforming',
        commit: SHA,
      }),
    ]);

    // A later green run replaces it.
    expect((await backend.post(report({ failingRules: [] }))).status).toBe(201);
    const after = await (
      await backend.results('component:default/orders')
    ).json();
    expect(after.results).toEqual([
      expect.objectContaining({ status: 'conforming', failingRules: [] }),
    ]);
  });

  it('refuses a request without a token, or with a wrong one (401)', async () => {
    expect((await backend.post(report(), null)).status).toBe(401);
    expect((await backend.post(report(), 'not-the-token')).status).toBe(401);
  });

  it('refuses an entity that is not in the catalog (404)', async () => {
    const response = await backend.post(
      report({ entityRef: 'component:default/nowhere' }),
    );
    expect(response.status).toBe(404);
    expect((await response.json()).error.message).toBe(
      'entityRef: no entity component:default/nowhere in the catalog',
    );
  });

  it('refuses a pattern the entity does not declare (400)', async () => {
    const response = await backend.post(
      report({ entityRef: 'component:default/billing' }),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toBe(
      `patternRef: component:default/billing does not declare the pattern ${PATTERN}`,
    );
  });

  it('refuses rule ids the pattern does not have (400)', async () => {
    const response = await backend.post(
      report({ failingRules: ['made_up_rule'] }),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toBe(
      `failingRules: made_up_rule is not a rule of ${PATTERN}`,
    );
  });

  it.each([
    ['not JSON', '{"entityRef":'],
    ['a short commit id', report({ commit: 'abc123' })],
    ['a missing field', { entityRef: 'component:default/orders' }],
    ['an extra field', report({ status: 'conforming' })],
    ['rule ids that are not strings', report({ failingRules: [42] })],
    [
      'an entity ref that is not one',
      report({ entityRef: 'not a ref at all' }),
    ],
  ])('refuses a malformed body (400): %s', async (_name, body) => {
    const response = await backend.post(body);
    expect(response.status).toBe(400);
    const message = (await response.json()).error.message as string;
    expect(message.length).toBeGreaterThan(10);
  });

  it('answers 404 for the results of an entity not in the catalog', async () => {
    expect((await backend.results('component:default/nowhere')).status).toBe(
      404,
    );
  });
});
