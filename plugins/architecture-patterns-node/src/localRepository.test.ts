import { Entity } from '@backstage/catalog-model';
import { localRepositoryOf } from './localRepository';

const entity = (location?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'orders',
    annotations: location
      ? { 'backstage.io/managed-by-location': location }
      : {},
  },
});

describe('localRepositoryOf', () => {
  it('is the folder of a catalog-info.yaml inside the publishing folder', () => {
    expect(
      localRepositoryOf(
        entity('file:/srv/repos/orders/catalog-info.yaml'),
        '/srv/repos',
      ),
    ).toBe('/srv/repos/orders');
  });

  it.each([
    ['a location elsewhere on disk', 'file:/etc/orders/catalog-info.yaml'],
    [
      'a location that climbs out',
      'file:/srv/repos/../secrets/catalog-info.yaml',
    ],
    ['the publishing folder itself', 'file:/srv/repos/catalog-info.yaml'],
    [
      'a URL location',
      'url:https://github.com/acme/orders/blob/main/catalog-info.yaml',
    ],
    ['a malformed location', 'not a location'],
    ['no location', undefined],
  ])('is undefined for %s', (_, location) => {
    expect(localRepositoryOf(entity(location), '/srv/repos')).toBeUndefined();
  });
});
