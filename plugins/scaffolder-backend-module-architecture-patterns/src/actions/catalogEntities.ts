import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { DEFAULT_NAMESPACE } from '@backstage/catalog-model';
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

/** The pattern a template names (in the default namespace, as the library publishes it). */
export async function findPattern(
  { catalog, credentials }: Lookup,
  name: string,
): Promise<ArchitecturePatternEntity | undefined> {
  const entity = await catalog.getEntityByRef(
    { kind: ARCHITECTURE_PATTERN_KIND, namespace: DEFAULT_NAMESPACE, name },
    { credentials },
  );
  return entity && isArchitecturePatternEntity(entity)
    ? (entity as ArchitecturePatternEntity)
    : undefined;
}

/** The decision guide a template names (in the default namespace, as the library publishes it). */
export async function findGuide(
  { catalog, credentials }: Lookup,
  name: string,
): Promise<DecisionGuideEntity | undefined> {
  const entity = await catalog.getEntityByRef(
    { kind: DECISION_GUIDE_KIND, namespace: DEFAULT_NAMESPACE, name },
    { credentials },
  );
  return entity && isDecisionGuideEntity(entity)
    ? (entity as DecisionGuideEntity)
    : undefined;
}
