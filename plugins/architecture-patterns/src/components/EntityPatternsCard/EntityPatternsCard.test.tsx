import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { ANNOTATION_IMPLEMENTS_PATTERNS } from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { EntityPatternsCard } from './EntityPatternsCard';
import {
  adopter,
  createCatalogApi,
  libraryPattern,
  testApis,
} from '../../__testUtils__/fixtures';

function renderCard(
  entity: Entity,
  setup?: (catalogApi: ReturnType<typeof createCatalogApi>) => void,
) {
  const catalogApi = createCatalogApi();
  setup?.(catalogApi);
  renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityPatternsCard />
    </EntityProvider>,
    { apis: testApis(catalogApi) },
  );
  return { catalogApi };
}

describe('EntityPatternsCard', () => {
  it('lists the implemented patterns with their level and origin', async () => {
    const { catalogApi } = renderCard(
      adopter('order-intake', ['sns-sqs-fan-out', 'cqrs'], {
        templateVersion: '2.1.0',
      }),
    );

    const fanOut = libraryPattern('sns-sqs-fan-out');
    expect(
      await screen.findByRole('link', { name: fanOut.metadata.title }),
    ).toHaveAttribute('href', '/patterns/sns-sqs-fan-out');
    expect(
      screen.getByRole('link', { name: libraryPattern('cqrs').metadata.title }),
    ).toHaveAttribute('href', '/patterns/cqrs');
    expect(screen.getByText(fanOut.spec.level)).toBeInTheDocument();
    expect(
      screen.getByText(libraryPattern('cqrs').spec.level),
    ).toBeInTheDocument();
    expect(
      screen.getAllByText('Generated from a template version 2.1.0'),
    ).toHaveLength(2);

    expect(catalogApi.getEntitiesByRefs).toHaveBeenCalledTimes(1);
    expect(catalogApi.getEntitiesByRefs).toHaveBeenCalledWith({
      entityRefs: [
        'architecturepattern:default/sns-sqs-fan-out',
        'architecturepattern:default/cqrs',
      ],
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.level',
      ],
    });
  });

  it('says a hand-declared pattern is declared by hand', async () => {
    renderCard(adopter('payment-orchestrator', ['saga']));

    expect(
      await screen.findByRole('link', {
        name: libraryPattern('saga').metadata.title,
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('Declared by hand')).toBeInTheDocument();
  });

  it('skips relations to patterns the catalog does not have', async () => {
    renderCard(adopter('legacy-thing', ['saga', 'no-such-pattern']));

    expect(
      await screen.findByRole('link', {
        name: libraryPattern('saga').metadata.title,
      }),
    ).toBeInTheDocument();
    expect(
      screen.getAllByRole('link', { name: /./ }).map(l => l.textContent),
    ).toEqual([libraryPattern('saga').metadata.title, 'Browse all patterns']);
  });

  it('explains how to declare a pattern when the entity has none', async () => {
    const entity = adopter('lonely-service', []);
    delete entity.metadata.annotations![ANNOTATION_IMPLEMENTS_PATTERNS];
    const { catalogApi } = renderCard(entity);

    expect(
      await screen.findByText(
        `This component declares no architecture pattern. Add the ${ANNOTATION_IMPLEMENTS_PATTERNS} annotation to its catalog-info.yaml.`,
      ),
    ).toBeInTheDocument();
    expect(catalogApi.getEntitiesByRefs).not.toHaveBeenCalled();
  });

  it('points at processing errors when a declaration matched nothing', async () => {
    const entity = adopter('typo-service', []);
    entity.metadata.annotations![ANNOTATION_IMPLEMENTS_PATTERNS] = 'sagaa';

    renderCard(entity);

    expect(
      await screen.findByText(
        /Declares "sagaa", which the catalog could not match/,
      ),
    ).toBeInTheDocument();
  });

  it('ignores relations of other types', async () => {
    const entity = adopter('svc', ['saga']);
    entity.relations!.push({
      type: 'ownedBy',
      targetRef: 'group:default/orders-team',
    });
    const { catalogApi } = renderCard(entity);

    await screen.findByRole('link', {
      name: libraryPattern('saga').metadata.title,
    });
    expect(catalogApi.getEntitiesByRefs).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRefs: ['architecturepattern:default/saga'],
      }),
    );
  });

  it('shows why patterns could not be loaded', async () => {
    renderCard(adopter('svc', ['saga']), catalogApi =>
      catalogApi.getEntitiesByRefs.mockRejectedValue(new Error('catalog down')),
    );

    expect(
      await screen.findByText('Warning: Could not load patterns'),
    ).toBeInTheDocument();
    expect(screen.getByText('catalog down')).toBeInTheDocument();
  });
});
