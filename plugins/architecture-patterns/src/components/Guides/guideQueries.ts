import type { QueryEntitiesInitialRequest } from '@backstage/catalog-client';
import { DECISION_GUIDE_KIND } from '@platform-architecture/backstage-plugin-architecture-patterns-common';

/** All decision guides: a handful of entities, bounded all the same. */
export function guidesRequest(fields?: string[]): QueryEntitiesInitialRequest {
  return {
    filter: { kind: DECISION_GUIDE_KIND },
    fields: fields ?? [
      'kind',
      'metadata.name',
      'metadata.namespace',
      'metadata.title',
      'metadata.description',
      'spec.outcomes',
      'spec.comparisons',
    ],
    orderFields: [{ field: 'metadata.title', order: 'asc' }],
    limit: 100,
  };
}
