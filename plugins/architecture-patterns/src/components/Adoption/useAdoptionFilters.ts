import {
  ADOPTION_FILTER_KEYS,
  AdoptionFilters,
  normalizeAdoptionFilters,
} from '@platform-architecture/backstage-plugin-architecture-patterns-common';
import { useMemo } from 'react';
import { useUrlFilters } from '../../hooks/useUrlFilters';

/** The overview's filters, in the URL so a filtered view can be linked to. */
export function useAdoptionFilters(): [
  AdoptionFilters,
  (key: keyof AdoptionFilters, value: string | undefined) => void,
] {
  const [filters, setFilter] = useUrlFilters(ADOPTION_FILTER_KEYS);
  // An unknown conformance value in a hand-edited URL is ignored. Memoized:
  // callers use the filters as a hook dependency.
  const normalized = useMemo(
    () => normalizeAdoptionFilters(filters),
    [filters],
  );
  return [normalized, setFilter];
}
