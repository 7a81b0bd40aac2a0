import type { Entity } from '@backstage/catalog-model';
import { ConformanceLabelsProcessor } from './ConformanceLabelsProcessor';

const component = (annotation?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'orders',
    labels: { team: 'orders' },
    annotations: annotation
      ? { 'architecture.platform.dev/implements-patterns': annotation }
      : {},
  },
  spec: { type: 'service', owner: 'orders', lifecycle: 'production' },
});

const askedFor: string[] = [];
const processor = new ConformanceLabelsProcessor({
  async get(entityRef, patternRef) {
    askedFor.push(entityRef);
    return (
      {
        'architecturepattern:default/event-driven-basic': 'non-conforming',
        'architecturepattern:default/three-tier': 'conforming',
      } as const
    )[patternRef as 'architecturepattern:default/three-tier'];
  },
});

describe('ConformanceLabelsProcessor', () => {
  it('labels each declared pattern and the worst of them, keeping other labels', async () => {
    const entity = await processor.preProcessEntity(
      component('event-driven-basic, three-tier, cqrs'),
    );
    expect(entity.metadata.labels).toEqual({
      team: 'orders',
      'conformance.architecture.platform.dev/event-driven-basic':
        'non-conforming',
      'conformance.architecture.platform.dev/three-tier': 'conforming',
      'conformance.architecture.platform.dev/cqrs': 'not-checked',
      'architecture.platform.dev/conformance': 'non-conforming',
    });
    expect(new Set(askedFor)).toEqual(new Set(['component:default/orders']));
  });

  it('reads not-checked overall when a pattern has no verdict and none fails', async () => {
    const entity = await processor.preProcessEntity(
      component('three-tier, cqrs'),
    );
    expect(
      entity.metadata.labels?.['architecture.platform.dev/conformance'],
    ).toBe('not-checked');
  });

  it('reads conforming when every declared pattern conforms', async () => {
    const entity = await processor.preProcessEntity(component('three-tier'));
    expect(
      entity.metadata.labels?.['architecture.platform.dev/conformance'],
    ).toBe('conforming');
  });

  it('leaves entities that declare no pattern alone', async () => {
    const entity = component();
    expect(await processor.preProcessEntity(entity)).toBe(entity);
  });
});
