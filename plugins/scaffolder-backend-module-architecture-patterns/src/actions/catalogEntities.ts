import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { DEFAULT_NAMESPACE, Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ARCHITECTURE_PATTERN_KIND,
  ArchitecturePatternEntity,
  DECISION_GUIDE_KIND,
  DecisionGuideEntity,
  isArchitecturePatternEntity,
  isDecisionGuideEntity,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';

type Lookup = { catalog: CatalogService; credentials: BackstageCredentials };

/**
 * The entity of `kind` a template names (in the default namespace, as the
 * library publishes it), or undefined when there is none or it is not `isKind`.
 */
async function findEntity<T extends Entity>(
  { catalog, credentials }: Lookup,
  kind: string,
  name: string,
  isKind: (entity: Entity) => entity is T,
): Promise<T | undefined> {
  const entity = await catalog.getEntityByRef(
    { kind, namespace: DEFAULT_NAMESPACE, name },
    { credentials },
  );
  return entity && isKind(entity) ? entity : undefined;
}

/** The pattern a template names (in the default namespace, as the library publishes it). */
export function findPattern(
  lookup: Lookup,
  name: string,
): Promise<ArchitecturePatternEntity | undefined> {
  return findEntity(
    lookup,
    ARCHITECTURE_PATTERN_KIND,
    name,
    isArchitecturePatternEntity,
  );
}

/** The decision guide a template names (in the default namespace, as the library publishes it). */
export function findGuide(
  lookup: Lookup,
  name: string,
): Promise<DecisionGuideEntity | undefined> {
  return findEntity(lookup, DECISION_GUIDE_KIND, name, isDecisionGuideEntity);
}
