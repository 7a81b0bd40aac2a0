import {
  Entity,
  CompoundEntityRef,
  parseEntityRef,
  DEFAULT_NAMESPACE,
} from '@backstage/catalog-model';
import {
  ANNOTATION_IMPLEMENTS_PATTERNS,
  ARCHITECTURE_PATTERN_KIND,
  RELATION_IMPLEMENTS_PATTERN,
} from '../entity/constants';

/**
 * Reads the patterns an entity declares it implements, from the
 * implements-patterns annotation. Accepts bare names ("cqrs"), and full or
 * partial references ("architecturepattern:default/cqrs"). Throws when a
 * reference points at another kind.
 */
export function getImplementedPatternRefs(entity: Entity): CompoundEntityRef[] {
  const raw = entity.metadata.annotations?.[ANNOTATION_IMPLEMENTS_PATTERNS];
  if (!raw) {
    return [];
  }
  const refs = raw
    .split(',')
    .map(part => part.trim())
    .filter(Boolean)
    .map(part =>
      parseEntityRef(part, {
        defaultKind: ARCHITECTURE_PATTERN_KIND,
        defaultNamespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
      }),
    );
  for (const ref of refs) {
    if (ref.kind.toLocaleLowerCase('en-US') !== 'architecturepattern') {
      throw new Error(
        `Annotation ${ANNOTATION_IMPLEMENTS_PATTERNS} must name ${ARCHITECTURE_PATTERN_KIND} entities, got "${ref.kind}:${ref.namespace}/${ref.name}"`,
      );
    }
  }
  return refs;
}

/**
 * The patterns an entity implements as the catalog resolved them (its implementsPattern
 * relations), as lower-case entity refs.
 */
export function implementedPatternRefs(entity: Entity): string[] {
  return (entity.relations ?? [])
    .filter(r => r.type === RELATION_IMPLEMENTS_PATTERN)
    .map(r => r.targetRef.toLocaleLowerCase('en-US'));
}
