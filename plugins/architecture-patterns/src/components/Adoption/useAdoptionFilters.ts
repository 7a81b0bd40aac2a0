import type { AdoptionFilters } from '@internal/backstage-plugin-architecture-patterns-common';
import { useUrlFilters } from '../../hooks/useUrlFilters';

const KEYS = ['owner', 'system', 'lifecycle', 'pattern'] as const;

/** The overview's filters, in the URL so a filtered view can be linked to. */
export function useAdoptionFilters(): [
  AdoptionFilters,
  (key: keyof AdoptionFilters, value: string | undefined) => void,
] {
  return useUrlFilters(KEYS);
}
