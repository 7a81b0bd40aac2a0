import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogProcessor } from '@backstage/plugin-catalog-node';
import {
  ConformanceStatus,
  getImplementedPatternRefs,
  LABEL_CONFORMANCE,
  patternConformanceLabel,
  worstConformance,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';

/** Where the processor reads verdicts from (the backend plugin, in production). */
export type ConformanceStatusSource = {
  get(
    entityRef: string,
    patternRef: string,
  ): Promise<ConformanceStatus | undefined>;
};

/**
 * Labels every entity that declares patterns with its conformance: one label per pattern
 * (`conformance.architecture.platform.dev/<pattern>`) and the worst of them
 * (`architecture.platform.dev/conformance`), so the catalog can filter, count and page
 * adopters by conformance. A pattern without a verdict reads not-checked.
 */
export class ConformanceLabelsProcessor implements CatalogProcessor {
  constructor(private readonly statuses: ConformanceStatusSource) {}

  getProcessorName(): string {
    return 'ConformanceLabelsProcessor';
  }

  async preProcessEntity(entity: Entity): Promise<Entity> {
    let patternRefs;
    try {
      patternRefs = getImplementedPatternRefs(entity).map(ref =>
        stringifyEntityRef(ref).toLocaleLowerCase('en-US'),
      );
    } catch {
      // ArchitecturePatternsProcessor reports a malformed annotation.
      return entity;
    }
    if (patternRefs.length === 0) return entity;
    const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
    const labels: Record<string, string> = {};
    const statuses: ConformanceStatus[] = [];
    for (const patternRef of patternRefs) {
      const status =
        (await this.statuses.get(entityRef, patternRef)) ?? 'not-checked';
      labels[patternConformanceLabel(patternRef)] = status;
      statuses.push(status);
    }
    labels[LABEL_CONFORMANCE] = worstConformance(statuses);
    return {
      ...entity,
      metadata: {
        ...entity.metadata,
        labels: { ...entity.metadata.labels, ...labels },
      },
    };
  }
}
