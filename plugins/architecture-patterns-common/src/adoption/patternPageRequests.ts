import type { QueryEntitiesInitialRequest } from '@backstage/catalog-client';
import { ConformanceStatus } from '../conformance/types';
import { patternConformanceLabel } from '../conformance/labels';
import { RELATION_IMPLEMENTS_PATTERN } from '../entity/constants';
import { ADOPTER_KINDS } from './adoptionSummary';
import { ADOPTER_FIELDS } from './export/exportAdoptionCsv';

// The catalog requests of a pattern's page, shared by the frontend and the
// adoption benchmark that measures them.

/** What the pattern page shows of a pattern: all of it but its relations. */
export const PATTERN_PAGE_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec'];

/**
 * One page of the entities that implement a pattern, filtered on the server;
 * with a verdict, only those the catalog labelled with it for this pattern.
 */
export function adoptersRequest(
  patternRef: string,
  pageSize: number,
  conformance?: ConformanceStatus,
): QueryEntitiesInitialRequest {
  return {
    filter: {
      [`relations.${RELATION_IMPLEMENTS_PATTERN}`]: patternRef,
      ...(conformance
        ? {
            [`metadata.labels.${patternConformanceLabel(patternRef)}`]:
              conformance,
          }
        : {}),
      // Kept last: the in-memory test catalog stops at the first list value.
      kind: ADOPTER_KINDS,
    },
    fields: ADOPTER_FIELDS,
    orderFields: [{ field: 'metadata.name', order: 'asc' }],
    limit: pageSize,
    // The adoption summary has counted them.
    totalItems: 'exclude',
  };
}
