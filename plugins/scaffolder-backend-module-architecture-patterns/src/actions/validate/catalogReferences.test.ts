import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { checkNameIsFree, resolveEntityRef } from './catalogReferences';

const entity = (kind: string, name: string, spec: object = {}) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec,
});

const catalog = catalogServiceMock({
  entities: [
    entity('Group', 'platform-team'),
    entity('User', 'ada'),
    entity('System', 'checkout'),
    entity('Component', 'storefront', { owner: 'group:default/platform-team' }),
    entity('API', 'payments'),
    entity('Resource', 'orders-db'),
  ],
});
const credentials = mockCredentials.user();
const OWNER_KINDS = ['Group', 'User'];

const resolve = (value: unknown, kinds = OWNER_KINDS) =>
  resolveEntityRef({
    catalog,
    credentials,
    field: 'parameters.owner',
    value,
    kinds,
  });

describe('resolveEntityRef', () => {
  it.each([
    ['group:default/platform-team', 'group:default/platform-team'],
    ['Group:default/platform-team', 'group:default/platform-team'],
    ['group:platform-team', 'group:default/platform-team'],
    ['platform-team', 'group:default/platform-team'],
    ['default/platform-team', 'group:default/platform-team'],
    ['ada', 'user:default/ada'],
    ['user:ada', 'user:default/ada'],
    ['  platform-team ', 'group:default/platform-team'],
  ])('resolves %j to %s', async (value, ref) => {
    expect(await resolve(value)).toEqual({ ref });
  });

  it.each([
    ['empty', '', 'is empty'],
    ['blank', '  ', 'is empty'],
    ['not a string', 42, 'must be text'],
    ['null', null, 'is empty'],
    ['path traversal', 'user:../../etc', 'is not an entity reference'],
    ['words', 'not a ref at all', 'is not an entity reference'],
    ['too many slashes', 'group:a/b/c', 'is not an entity reference'],
    ['another kind', 'system:default/checkout', 'names a system'],
    ['a component', 'component:default/storefront', 'names a component'],
    [
      'unknown group',
      'group:default/nobody',
      'no Group named "default/nobody"',
    ],
    ['unknown short name', 'nobody', 'no Group or User named "default/nobody"'],
    [
      'another namespace',
      'group:other/platform-team',
      'no Group named "other/platform-team"',
    ],
  ])(
    'refuses %s, naming the field and what it accepts',
    async (_label, value, reason) => {
      const result = await resolve(value);
      expect(result).toEqual({ problem: expect.stringContaining(reason) });
      const { problem } = result as { problem: string };
      expect(problem).toMatch(/^parameters\.owner: /);
      expect(problem).toContain('a Group or User from the catalog');
    },
  );

  it('checks the kinds it is given', async () => {
    expect(await resolve('checkout', ['System'])).toEqual({
      ref: 'system:default/checkout',
    });
    expect(await resolve('group:default/platform-team', ['System'])).toEqual({
      problem: expect.stringContaining('names a group'),
    });
  });
});

describe('checkNameIsFree', () => {
  const check = (name: string) =>
    checkNameIsFree({ catalog, credentials, field: 'parameters.name', name });

  it.each([
    [
      'storefront',
      'component:default/storefront (owned by group:default/platform-team)',
    ],
    ['payments', 'api:default/payments'],
    ['orders-db', 'resource:default/orders-db'],
  ])('refuses %s, naming the entity that has it', async (name, taken) => {
    const problems = await check(name);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(
      `parameters.name: "${name}" is already the name of ${taken}`,
    );
  });

  it.each(['brand-new', 'checkout', 'ada', 'platform-team'])(
    'accepts %s, which no component, API or resource has',
    async name => {
      expect(await check(name)).toEqual([]);
    },
  );
});
