import type { Entity } from '@backstage/catalog-model';
import { ANNOTATION_IMPLEMENTS_PATTERNS } from '../entity/constants';
import { getImplementedPatternRefs } from './implementedPatterns';

function component(annotation?: string, namespace?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'orders',
      ...(namespace ? { namespace } : {}),
      ...(annotation === undefined
        ? {}
        : { annotations: { [ANNOTATION_IMPLEMENTS_PATTERNS]: annotation } }),
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

const ref = (name: string, namespace = 'default') => ({
  kind: 'ArchitecturePattern',
  namespace,
  name,
});

describe('getImplementedPatternRefs', () => {
  it('returns nothing without the annotation', () => {
    expect(getImplementedPatternRefs(component())).toEqual([]);
  });

  it('returns nothing for an empty or blank annotation', () => {
    expect(getImplementedPatternRefs(component(''))).toEqual([]);
    expect(getImplementedPatternRefs(component('  , ,'))).toEqual([]);
  });

  it('parses a bare name', () => {
    expect(getImplementedPatternRefs(component('cqrs'))).toEqual([ref('cqrs')]);
  });

  it('parses several bare names', () => {
    expect(getImplementedPatternRefs(component('cqrs,saga'))).toEqual([
      ref('cqrs'),
      ref('saga'),
    ]);
  });

  it('parses full references and keeps their kind as written', () => {
    expect(
      getImplementedPatternRefs(
        component(
          'architecturepattern:default/cqrs,ArchitecturePattern:patterns/saga',
        ),
      ),
    ).toEqual([
      { kind: 'architecturepattern', namespace: 'default', name: 'cqrs' },
      { kind: 'ArchitecturePattern', namespace: 'patterns', name: 'saga' },
    ]);
  });

  it('parses a reference with a namespace but no kind', () => {
    expect(
      getImplementedPatternRefs(component('shared/strangler-fig')),
    ).toEqual([ref('strangler-fig', 'shared')]);
  });

  it('trims whitespace and skips empty parts between commas', () => {
    expect(
      getImplementedPatternRefs(
        component(
          '  cqrs ,\n saga,, ,\tarchitecturepattern:default/circuit-breaker  ,',
        ),
      ),
    ).toEqual([
      ref('cqrs'),
      ref('saga'),
      {
        kind: 'architecturepattern',
        namespace: 'default',
        name: 'circuit-breaker',
      },
    ]);
  });

  it("defaults the namespace to the entity's own namespace", () => {
    expect(
      getImplementedPatternRefs(component('cqrs, saga', 'payments')),
    ).toEqual([ref('cqrs', 'payments'), ref('saga', 'payments')]);
  });

  it('keeps an explicit namespace over the entity namespace', () => {
    expect(
      getImplementedPatternRefs(component('default/cqrs', 'payments')),
    ).toEqual([ref('cqrs', 'default')]);
  });

  it('throws for a reference of another kind, naming the annotation and the ref', () => {
    expect(() =>
      getImplementedPatternRefs(component('cqrs, component:default/orders-db')),
    ).toThrow(
      `Annotation ${ANNOTATION_IMPLEMENTS_PATTERNS} must name ArchitecturePattern entities, got "component:default/orders-db"`,
    );
  });

  it('throws for a kind-qualified reference without namespace, using the entity namespace', () => {
    expect(() =>
      getImplementedPatternRefs(component('system:checkout', 'payments')),
    ).toThrow(/got "system:payments\/checkout"/);
  });

  it('throws for a malformed reference', () => {
    expect(() => getImplementedPatternRefs(component('a:b:c'))).toThrow();
  });
});
