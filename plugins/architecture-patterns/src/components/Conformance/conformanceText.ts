import type { Entity } from '@backstage/catalog-model';
import {
  CONFORMANCE_STATUSES,
  ConformanceStatus,
  LABEL_CONFORMANCE,
  patternConformanceLabel,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';

/** What each verdict is called on screen. */
export const STATUS_TEXT: Record<ConformanceStatus, string> = {
  conforming: 'Conforming',
  'non-conforming': 'Non-conforming',
  'not-checked': 'Not checked',
};

/** A label value as a verdict; a missing or unknown one is "not checked". */
export function toStatus(value: string | undefined): ConformanceStatus {
  return CONFORMANCE_STATUSES.includes(value as ConformanceStatus)
    ? (value as ConformanceStatus)
    : 'not-checked';
}

/** An adopter's verdict on one pattern, from the label the catalog module sets. */
export function patternStatusOf(
  entity: Entity,
  patternRef: string,
): ConformanceStatus {
  return toStatus(
    entity.metadata.labels?.[patternConformanceLabel(patternRef)],
  );
}

/** An adopter's overall verdict: the worst over its patterns. */
export function overallStatusOf(entity: Entity): ConformanceStatus {
  return toStatus(entity.metadata.labels?.[LABEL_CONFORMANCE]);
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 hours ago", "yesterday", "just now": how long ago an ISO time was. */
export function relativeTime(iso: string, now: Date = new Date()): string {
  const seconds = (new Date(iso).getTime() - now.getTime()) / 1000;
  if (Number.isNaN(seconds)) return iso;
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) {
      return format.format(Math.round(seconds / size), unit);
    }
  }
  return 'just now';
}

/** An ISO time as a full date and time in the reader's zone. */
export function absoluteTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'long',
  });
}
