import { parseEntityRef } from '@backstage/catalog-model';
import type { ConformanceStatus } from './types';

/**
 * Label the catalog module puts on every entity that declares patterns: the
 * worst verdict over its patterns (non-conforming, then not-checked, then
 * conforming). Lets the catalog filter, count and page by conformance.
 */
export const LABEL_CONFORMANCE = 'architecture.platform.dev/conformance';

/** Label prefix of the verdict on one pattern: `<prefix>/<pattern name>`. */
export const CONFORMANCE_LABEL_PREFIX = 'conformance.architecture.platform.dev';

/** The label carrying an entity's verdict on one pattern. */
export function patternConformanceLabel(patternRef: string): string {
  const { name } = parseEntityRef(patternRef, {
    defaultKind: 'architecturepattern',
  });
  return `${CONFORMANCE_LABEL_PREFIX}/${name.toLocaleLowerCase('en-US')}`;
}

const ORDER: ConformanceStatus[] = [
  'non-conforming',
  'not-checked',
  'conforming',
];

/** The overall verdict of several patterns' verdicts: the worst one. */
export function worstConformance(
  statuses: ConformanceStatus[],
): ConformanceStatus {
  return ORDER.find(status => statuses.includes(status)) ?? 'not-checked';
}
