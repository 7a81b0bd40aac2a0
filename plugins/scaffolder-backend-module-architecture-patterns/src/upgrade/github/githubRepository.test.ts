import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ScmIntegrations } from '@backstage/integration';
import { githubRepositoryOf } from './githubRepository';

const integrations = ScmIntegrations.fromConfig(
  mockServices.rootConfig({
    data: {
      integrations: {
        github: [
          { host: 'github.com' },
          {
            host: 'ghe.example.com',
            apiBaseUrl: 'https://ghe.example.com/api/v3',
          },
        ],
        gitlab: [
          {
            host: 'gitlab.example.com',
            apiBaseUrl: 'https://gitlab.example.com/api/v4',
          },
        ],
      },
    },
  }),
);

function componentWith(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments', annotations },
    spec: { type: 'service', owner: 'team', lifecycle: 'production' },
  };
}

const managedBy = (target: string) =>
  componentWith({ 'backstage.io/managed-by-location': target });

describe('githubRepositoryOf', () => {
  it.each([
    [
      'a source location at the root of a branch',
      componentWith({
        'backstage.io/managed-by-location':
          'url:https://github.com/acme/payments/blob/main/catalog-info.yaml',
        'backstage.io/source-location':
          'url:https://github.com/acme/payments/tree/release/',
      }),
      { branch: 'release', host: 'github.com' },
    ],
    [
      'a catalog-info.yaml at the root of a branch',
      managedBy(
        'url:https://github.com/acme/payments/blob/main/catalog-info.yaml',
      ),
      { branch: 'main', host: 'github.com' },
    ],
    [
      'a GitHub Enterprise host',
      managedBy(
        'url:https://ghe.example.com/acme/payments/blob/trunk/catalog-info.yaml',
      ),
      { branch: 'trunk', host: 'ghe.example.com' },
    ],
  ])('finds the repository from %s', (_, entity, expected) => {
    expect(githubRepositoryOf(entity, integrations)).toEqual({
      treeUrl: `https://${expected.host}/acme/payments/tree/${expected.branch}/`,
      repoUrl: `${expected.host}?owner=acme&repo=payments`,
      slug: 'acme/payments',
      branch: expected.branch,
    });
  });

  it('reads the default branch of a repository named without one', () => {
    expect(
      githubRepositoryOf(
        componentWith({
          'backstage.io/source-location':
            'url:https://github.com/acme/payments',
        }),
        integrations,
      ),
    ).toEqual({
      treeUrl: 'https://github.com/acme/payments',
      repoUrl: 'github.com?owner=acme&repo=payments',
      slug: 'acme/payments',
      branch: undefined,
    });
  });

  it.each([
    [
      'a local file',
      managedBy('file:/srv/services/payments/catalog-info.yaml'),
    ],
    [
      'a GitLab host',
      managedBy(
        'url:https://gitlab.example.com/acme/payments/-/blob/main/catalog-info.yaml',
      ),
    ],
    [
      'a host the portal has no integration for',
      managedBy(
        'url:https://git.example.org/acme/payments/blob/main/catalog-info.yaml',
      ),
    ],
    ['no location at all', componentWith({})],
  ])('is undefined for %s', (_, entity) => {
    expect(githubRepositoryOf(entity, integrations)).toBeUndefined();
  });

  it.each([
    [
      'its catalog-info.yaml',
      managedBy(
        'url:https://github.com/acme/monorepo/blob/main/services/payments/catalog-info.yaml',
      ),
    ],
    [
      'its source location',
      componentWith({
        'backstage.io/source-location':
          'url:https://github.com/acme/monorepo/tree/main/services/payments/',
      }),
    ],
  ])(
    'refuses a service in a folder of a repository (from %s), naming the folder',
    (_, entity) => {
      expect(() => githubRepositoryOf(entity, integrations)).toThrow(
        'the service lives in the folder services/payments of acme/monorepo',
      );
    },
  );
});
